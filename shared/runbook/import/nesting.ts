// Refusing documents nested deeper than any runbook needs, before the Markdown parser sees them:
// remark's list handling is quadratic or worse in the nesting depth (a 400-level list took ~9 s,
// 1,000 levels over a minute), and a browser-shell caller could freeze the console with one
// (issue 16, point 5). The limit is documented in docs/runbook-format.md.

/** Deepest nesting of lists and block quotes a runbook may have. */
export const MAX_NESTING_DEPTH = 32;

export interface NestingProblem {
  line: number;
  column: number;
  depth: number;
}

const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The first line that nests deeper than `limit`, or null. Depth is counted the way CommonMark
 * nests containers: each `>` and each list marker opens one, and a list item's content column is
 * where the next level's markers must start. Fenced code is skipped.
 */
export function firstTooDeep(text: string, limit = MAX_NESTING_DEPTH): NestingProblem | null {
  const lines = text.split(/\r\n|\r|\n/);
  // Content columns of the open list items, innermost last.
  const open: number[] = [];
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\t/g, '    ');
    let column = 0;
    let quotes = 0;
    // Block quote markers, possibly after list indentation.
    for (;;) {
      while (line[column] === ' ') column++;
      if (line[column] !== '>') break;
      quotes++;
      column++;
    }
    const rest = line.slice(column);
    const fenceMatch = /^(`{3,}|~{3,})/.exec(rest);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    if (rest.trim() === '') continue;
    while (open.length > 0 && column < open.at(-1)! - 1) open.pop();
    let depth = quotes + open.length;
    // Several markers on one line ("- - - x") each open a level.
    let position = column;
    let marker = LIST_ITEM.exec(line.slice(position));
    while (marker) {
      const markerEnd = position + marker[0].length;
      let content = markerEnd;
      while (line[content] === ' ') content++;
      open.push(content);
      depth++;
      if (depth > limit) return { line: index + 1, column: position + 1, depth };
      position = content;
      marker = LIST_ITEM.exec(line.slice(position));
    }
    if (depth > limit) return { line: index + 1, column: column + 1, depth };
  }
  return null;
}
