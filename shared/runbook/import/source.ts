// The source text as the importer sees it, and where mdast nodes sit in it.
//
// Line endings are normalised up front (CRLF and lone CR become LF, as CommonMark treats all three
// as line endings), so line numbers stay those an editor shows and every text we keep is LF-only.
import type { Node } from 'unist';

export interface SourceText {
  /** Normalised text (LF line endings, no BOM). */
  text: string;
  /** Lines of `text` without their terminators; index 0 is line 1. */
  lines: string[];
  /** Lines a person would count: a final line terminator does not start another line. */
  lineCount: number;
}

export function sourceText(raw: string): SourceText {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const lineCount = text.endsWith('\n') ? lines.length - 1 : text === '' ? 0 : lines.length;
  return { text, lines, lineCount };
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  startOffset: number;
  endOffset: number;
}

/** Where a node is; nodes built by remark always carry a position. */
export function spanOf(node: Node): Span {
  const p = node.position;
  if (!p) return { line: 1, column: 1, endLine: 1, endColumn: 1, startOffset: 0, endOffset: 0 };
  // micromark may end a block at column 1 of the next line (a fence closed by its list item's end):
  // nothing of that line belongs to the node.
  const spills = p.end.column === 1 && p.end.line > p.start.line;
  return {
    line: p.start.line,
    column: p.start.column,
    endLine: spills ? p.end.line - 1 : p.end.line,
    endColumn: spills ? Number.MAX_SAFE_INTEGER : p.end.column,
    startOffset: p.start.offset ?? 0,
    endOffset: p.end.offset ?? 0,
  };
}

/** The markdown of a node exactly as written. */
export function rawOf(src: SourceText, node: Node): string {
  const s = spanOf(node);
  return src.text.slice(s.startOffset, s.endOffset);
}

/** 1-based column where `fragment` starts on `line`, or the first non-blank column. */
export function columnOf(src: SourceText, line: number, fragment: string): number {
  const text = src.lines[line - 1] ?? '';
  const at = fragment ? text.indexOf(fragment) : -1;
  if (at >= 0) return at + 1;
  const indent = /^\s*/.exec(text)?.[0].length ?? 0;
  return indent + 1;
}

export function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}
