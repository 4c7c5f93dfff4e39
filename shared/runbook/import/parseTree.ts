// Markdown → mdast (remark-parse + GFM + YAML front matter), plus the one repair the importer makes:
// a fenced block that is never closed swallows the rest of the document in CommonMark. When such a
// block contains a line that plainly starts markdown again (a `## heading` after a blank line, or a
// new ```lang opener, which can never close a fence), the block is ended there and the rest is
// parsed as markdown, so one missing ``` does not cost the remainder of the runbook.
import type { Code, Parents, Root, RootContent, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node } from 'unist';
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

/** Moves every position of a chunk's tree to where the chunk sits in the whole source. */
function shift(node: Node & { children?: Node[] }, lines: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start = { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset };
    p.end = { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset };
  }
  if (node.children) for (const child of node.children) shift(child, lines, offset);
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

/** Code blocks with their parent; only block containers can hold one, so inline content is skipped. */
function codeBlocks(parent: Parents, out: Array<{ node: Code; parent: Parents }>): Array<{ node: Code; parent: Parents }> {
  for (const child of parent.children) {
    if (child.type === 'code') out.push({ node: child, parent });
    else if (child.type === 'list' || child.type === 'listItem' || child.type === 'blockquote' || child.type === 'footnoteDefinition') codeBlocks(child, out);
  }
  return out;
}

function reportUnclosed(src: SourceText, root: Root, diags: DiagnosticSink, repaired: Map<Code, number>): void {
  for (const { node, parent } of codeBlocks(root, [])) {
    const shape = fenceShape(src, node);
    if (!shape.fenced || shape.closed) continue;
    const span = spanOf(node);
    const resume = repaired.get(node);
    const where =
      resume !== undefined
        ? `; it is read as ending before line ${resume}, where markdown resumes`
        : parent.type === 'root'
          ? `; everything after it (to line ${span.endLine}) is read as part of the block`
          : `; it ends with the ${parent.type === 'listItem' ? 'list item' : 'block'} around it, at line ${span.endLine}`;
    diags.warn('unclosed-fence', span.line, span.column, `code fence is never closed${where}`);
  }
}

/**
 * Lines where the document may be cut into separately parsed chunks: ATX headings outside fenced
 * code, HTML blocks and front matter. Such a line always starts a new block in CommonMark, so the
 * chunks parse exactly as the whole would — except for link reference definitions, which act
 * across the document: a document with any is parsed whole.
 *
 * Why chunk at all: GFM's table resolver edits the event list of the whole document once per
 * table, which grows with the square of the document's size (a 20,000-line runbook with a table
 * per phase spent most of its import there).
 */
function chunkStarts(src: SourceText, from: number, withFrontMatter: boolean, chunkLines: number): number[] {
  const starts = [from];
  let line = from;
  if (withFrontMatter && from === 1 && /^---\s*$/.test(src.lines[0] ?? '')) {
    const close = src.lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (close > 0) line = close + 2;
  }
  let fence: { char: string; length: number } | null = null;
  let html: RegExp | null = null;
  for (; line <= src.lineCount; line++) {
    const text = src.lines[line - 1] ?? '';
    if (fence) {
      const closer = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
      if (closer && closer[1]![0] === fence.char && closer[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (html) {
      if (html.test(text)) html = null;
      continue;
    }
    const opener = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text);
    if (opener && !(opener[1]![0] === '`' && opener[2]!.includes('`'))) {
      fence = { char: opener[1]![0]!, length: opener[1]!.length };
      continue;
    }
    if (/^ {0,3}</.test(text)) {
      // The end condition of the HTML block kinds; any other tag line runs to a blank line.
      const t = text.trim();
      html = /^<!--/.test(t) ? /-->/ : /^<(script|pre|style|textarea)\b/i.test(t) ? /<\/(script|pre|style|textarea)>/i : /^<\?/.test(t) ? /\?>/ : /^<!\[CDATA\[/.test(t) ? /\]\]>/ : /^\s*$/;
      if (html.test(t.slice(4))) html = null;
      continue;
    }
    if (/^#{1,6}(\s|$)/.test(text) && line - starts.at(-1)! >= chunkLines) starts.push(line);
  }
  return starts;
}

/** Lines per chunk, at least: small enough to keep table resolution cheap, large enough to be few. */
export const DEFAULT_CHUNK_LINES = 400;

/**
 * Parses the source from `from` to the end, chunk by chunk, with positions of the whole source.
 * A generator, so that a caller can read each chunk's blocks and let its tree go before the next
 * is parsed: a 50,000-line runbook's whole tree is most of an import's memory.
 */
function* parseFrom(src: SourceText, from: number, starts: number[], frontMatter: boolean, chunkLines: number, hasDefinition: boolean): Generator<Root> {
  const cuts = hasDefinition ? [from] : chunkStarts(src, from, frontMatter, chunkLines);
  for (const [i, line] of cuts.entries()) {
    const startOffset = starts[line - 1] ?? src.text.length;
    const next = cuts[i + 1];
    const endOffset = next === undefined ? src.text.length : starts[next - 1]!;
    const processor = frontMatter && line === 1 ? withFrontMatter : plain;
    const root = processor.parse(src.text.slice(startOffset, endOffset));
    if (line > 1) shift(root, line - 1, startOffset);
    yield root;
  }
}

const HAS_DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*\S/m;

/**
 * The document's top-level blocks, one chunk at a time, in order. The first chunk starts with the
 * front matter node when there is one. Unclosed fences are reported (and the last one repaired)
 * as each chunk is handed out.
 */
export function* parseChunks(src: SourceText, diags: DiagnosticSink, chunkLines = DEFAULT_CHUNK_LINES): Generator<RootContent[]> {
  const starts = lineStarts(src.text);
  const hasDefinition = HAS_DEFINITION.test(src.text);
  let first = true;
  let chunks = parseFrom(src, 1, starts, true, chunkLines, hasDefinition);
  // One chunk is held back: only the last one can end in an unclosed fence that needs repair.
  let held: Root | null = null;
  for (;;) {
    const next = chunks.next();
    if (!next.done) {
      if (held) yield handOut(held, new Map());
      held = next.value;
      continue;
    }
    if (!held) return;
    const repaired = new Map<Code, number>();
    const last = held.children.at(-1);
    const shape = last?.type === 'code' ? fenceShape(src, last) : null;
    const resume = last?.type === 'code' && shape?.fenced && !shape.closed ? resumeLine(src, last) : null;
    if (last?.type === 'code' && resume !== null) {
      truncate(src, last, resume, starts);
      repaired.set(last, resume);
    }
    yield handOut(held, repaired);
    held = null;
    if (resume === null) return;
    chunks = parseFrom(src, resume, starts, false, chunkLines, hasDefinition);
  }

  function handOut(root: Root, repaired: Map<Code, number>): RootContent[] {
    reportUnclosed(src, root, diags, repaired);
    if (first) {
      first = false;
      if (root.children[0]?.type !== 'yaml' && /^---\s*$/.test(src.lines[0] ?? '') && src.lines.slice(1, 40).some((l) => /^[A-Za-z_][\w-]*:\s/.test(l))) {
        diags.warn('unclosed-front-matter', 1, 1, 'the document starts with --- like front matter, but no closing --- follows it; it is read as markdown');
      }
    }
    return root.children;
  }
}

/** The whole document's blocks at once (for callers that need the whole tree, and tests). */
export function parseTree(src: SourceText, diags: DiagnosticSink, chunkLines = DEFAULT_CHUNK_LINES): ParsedTree {
  const blocks = [...parseChunks(src, diags, chunkLines)].flat();
  const first = blocks[0];
  const frontMatter = first?.type === 'yaml' ? first : null;
  return { blocks: frontMatter ? blocks.slice(1) : blocks, frontMatter };
}
