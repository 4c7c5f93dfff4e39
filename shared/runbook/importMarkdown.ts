// Markdown runbook → Runbook model. Structure comes from the mdast tree (remark-parse, GFM, YAML
// front matter); the text of single nodes is read for times, thresholds and labels. The import
// never throws: a failure inside becomes an `internal-error` diagnostic and everything else is kept.
import type { Runbook } from './model';
import { RUNBOOK_FORMAT_VERSION } from './model';
import { assemble } from './import/assemble';
import { Draft } from './import/draft';
import { emptyFrontMatter, readFrontMatter, type FrontMatter } from './import/frontMatter';
import { parseChunks } from './import/parseTree';
import { rawOf, sourceText, spanOf, type SourceText } from './import/source';
import { Walker } from './import/walker';
import { blockReaders } from './import/blockReaders';
import { firstTooDeep, MAX_NESTING_DEPTH } from './import/nesting';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What is left when even assembling failed: the nodes found so far, without times. */
function bare(d: Draft, sourceName: string): Runbook {
  return {
    formatVersion: RUNBOOK_FORMAT_VERSION,
    title: d.sections[0]?.section.title ?? sourceName,
    sourceName,
    targetDate: null,
    t0: null,
    environment: null,
    prometheusUrl: null,
    sections: d.sections.map((s) => s.section),
    checklistItems: d.items,
    steps: d.steps.map((s) => s.step),
    milestones: [],
    gates: [],
    thresholds: d.thresholds,
    decisionLevels: [],
    roles: d.roles,
    secrets: [...new Set(d.steps.flatMap((s) => s.step.secrets))].sort(),
    references: d.references,
    hosts: [],
    metrics: [],
    diagnostics: d.diags.sorted(),
    lineCount: d.src.lineCount,
  };
}

function whole(src: SourceText, sourceName: string, error: unknown): Runbook {
  const d = new Draft(src);
  d.diags.error('internal-error', 1, 1, `the importer failed (${describe(error)}); the whole file is kept as reference text`);
  if (src.lineCount > 0) d.addReference(null, 'text', src.text, 1, 1, src.lineCount);
  return bare(d, sourceName);
}

export function importMarkdown(source: string, sourceName: string): Runbook {
  const src = sourceText(typeof source === 'string' ? source : String(source));
  const tooDeep = firstTooDeep(src.text);
  if (tooDeep) {
    const d = new Draft(src);
    d.diags.error(
      'too-deeply-nested',
      tooDeep.line,
      tooDeep.column,
      `lists and quotes are nested more than ${MAX_NESTING_DEPTH} levels deep here (level ${tooDeep.depth}); the file is not read (see docs/runbook-format.md, "Limits")`,
    );
    if (src.lineCount > 0) d.addReference(null, 'text', src.text, 1, 1, src.lineCount);
    return bare(d, sourceName);
  }
  try {
    const d = new Draft(src);
    let fm: FrontMatter = emptyFrontMatter();
    const walker = new Walker(d, blockReaders);
    // Chunk by chunk: each chunk's tree can be collected once read (memory stays flat on large runbooks).
    let first = true;
    for (const chunk of parseChunks(src, d.diags)) {
      let blocks = chunk;
      const frontMatter = first && chunk[0]?.type === 'yaml' ? chunk[0] : null;
      first = false;
      if (frontMatter) {
        blocks = chunk.slice(1);
        const span = spanOf(frontMatter);
        d.addReference(null, 'front-matter', rawOf(src, frontMatter), span.line, span.column, span.endLine);
        try {
          fm = readFrontMatter(frontMatter.value, span.line + 1, d.diags);
        } catch (error) {
          d.diags.error('internal-error', span.line, span.column, `reading the front matter failed (${describe(error)}); it is ignored`);
        }
      }
      walker.walkBlocks(blocks);
    }
    walker.finish();
    try {
      return assemble(d, fm, sourceName);
    } catch (error) {
      d.diags.error('internal-error', 1, 1, `the importer failed while placing times and links (${describe(error)}); times are left out`);
      return bare(d, sourceName);
    }
  } catch (error) {
    return whole(src, sourceName, error);
  }
}
