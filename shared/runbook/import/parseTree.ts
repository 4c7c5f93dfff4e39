// Markdown → mdast (remark-parse + GFM + YAML front matter), plus the one repair the importer makes:
// a fenced block that is never closed swallows the rest of the document in CommonMark. When such a
// block contains a line that plainly starts markdown again (a `## heading` after a blank line, or a
// new ```lang opener, which can never close a fence), the block is ended there and the rest is
// parsed as markdown, so one missing ``` does not cost the remainder of the runbook.
import type { Code, Root, RootContent, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { DiagnosticSink } from './diagnostics';
import { isBlank, spanOf, type SourceText } from './source';

const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const plain = unified().use(remarkParse).use(remarkGfm);

export interface ParsedTree {
  blocks: RootContent[];
  frontMatter: Yaml | null;
}

interface FenceShape {
  fenced: boolean;
  closed: boolean;
}

/** Whether a code node is a fenced block, and whether its closing fence is there. */
export function fenceShape(src: SourceText, node: Code): FenceShape {
  const span = spanOf(node);
  const opener = /^(`{3,}|~{3,})/.exec((src.lines[span.line - 1] ?? '').slice(span.column - 1));
  if (!opener) return { fenced: false, closed: true };
  if (span.endLine === span.line) return { fenced: true, closed: false };
  const last = (src.lines[span.endLine - 1] ?? '').slice(0, span.endColumn - 1).replace(/^[\s>]*/, '');
  const closer = /^(`{3,}|~{3,})\s*$/.exec(last);
  const closed = closer !== null && closer[1]![0] === opener[1]![0] && closer[1]!.length >= opener[1]!.length;
  return { fenced: true, closed };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** First line inside an unclosed fence where markdown evidently resumes, or null. */
function resumeLine(src: SourceText, node: Code): number | null {
  const span = spanOf(node);
  for (let line = span.line + 1; line <= span.endLine; line++) {
    const text = src.lines[line - 1] ?? '';
    if (/^ {0,3}(`{3,}|~{3,})\s*[A-Za-z]/.test(text)) return line;
    if (/^ {0,3}#{2,6}\s+\S/.test(text) && isBlank(src.lines[line - 2])) return line;
  }
  return null;
}

function shift(root: Root, lines: number, offset: number): void {
  visit(root, (node) => {
    const p = node.position;
    if (!p) return;
    p.start = { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset };
    p.end = { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset };
  });
}

/** Ends an unclosed top-level fence just before `resume` (dropping trailing blank lines). */
function truncate(src: SourceText, node: Code, resume: number, starts: number[]): void {
  const span = spanOf(node);
  let last = resume - 1;
  while (last > span.line && isBlank(src.lines[last - 1])) last--;
  const body = src.lines.slice(span.line, last);
  node.value = body.join('\n');
  const endColumn = (src.lines[last - 1] ?? '').length + 1;
  node.position = {
    start: node.position!.start,
    end: { line: last, column: endColumn, offset: (starts[last - 1] ?? 0) + endColumn - 1 },
  };
}

function reportUnclosed(src: SourceText, root: Root, diags: DiagnosticSink, repaired: Map<Code, number>): void {
  visit(root, 'code', (node: Code, _index, parent) => {
    const shape = fenceShape(src, node);
    if (!shape.fenced || shape.closed) return;
    const span = spanOf(node);
    const resume = repaired.get(node);
    const where =
      resume !== undefined
        ? `; it is read as ending before line ${resume}, where markdown resumes`
        : parent?.type === 'root'
          ? `; everything after it (to line ${span.endLine}) is read as part of the block`
          : `; it ends with the ${parent?.type === 'listItem' ? 'list item' : 'block'} around it, at line ${span.endLine}`;
    diags.warn('unclosed-fence', span.line, span.column, `code fence is never closed${where}`);
  });
}

export function parseTree(src: SourceText, diags: DiagnosticSink): ParsedTree {
  const starts = lineStarts(src.text);
  const repaired = new Map<Code, number>();
  const roots: Root[] = [];
  let root = withFrontMatter.parse(src.text);
  for (;;) {
    roots.push(root);
    const last = root.children.at(-1);
    if (!last || last.type !== 'code') break;
    const shape = fenceShape(src, last);
    if (!shape.fenced || shape.closed) break;
    const resume = resumeLine(src, last);
    if (resume === null) break;
    truncate(src, last, resume, starts);
    repaired.set(last, resume);
    root = plain.parse(src.text.slice(starts[resume - 1]));
    shift(root, resume - 1, starts[resume - 1]!);
  }
  for (const r of roots) reportUnclosed(src, r, diags, repaired);
  const blocks = roots.flatMap((r) => r.children);
  const first = blocks[0];
  const frontMatter = first?.type === 'yaml' ? first : null;
  if (!frontMatter && /^---\s*$/.test(src.lines[0] ?? '') && src.lines.slice(1, 40).some((l) => /^[A-Za-z_][\w-]*:\s/.test(l))) {
    diags.warn('unclosed-front-matter', 1, 1, 'the document starts with --- like front matter, but no closing --- follows it; it is read as markdown');
  }
  return { blocks: frontMatter ? blocks.slice(1) : blocks, frontMatter };
}
