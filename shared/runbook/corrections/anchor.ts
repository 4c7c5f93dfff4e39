// Finding a corrected line again after the runbook was edited. A line is known by the hash of its
// text (whitespace-normalised) and the hashes of its nearest non-blank neighbours: the text alone
// would confuse two identical lines ("- Error rate > 1%" under two phases), the line number alone
// would move with every edit above it. When the text itself was changed (or both its neighbours
// were), the correction no longer matches and is listed as such rather than applied elsewhere.
import { stableHash } from '../import/ids';
import type { LineAnchor } from './schema';

export function lineHash(text: string): string {
  return stableHash(text.replace(/\s+/g, ' ').trim());
}

export interface SourceLines {
  lines: string[];
  hashes: string[];
  /** Line numbers (1-based) by hash. */
  byHash: Map<string, number[]>;
}

export function sourceLines(source: string): SourceLines {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const hashes = lines.map(lineHash);
  const byHash = new Map<string, number[]>();
  hashes.forEach((h, i) => {
    if (lines[i]!.trim() === '') return;
    const list = byHash.get(h);
    if (list) list.push(i + 1);
    else byHash.set(h, [i + 1]);
  });
  return { lines, hashes, byHash };
}

function neighbour(src: SourceLines, line: number, step: 1 | -1): string | null {
  for (let i = line - 1 + step; i >= 0 && i < src.lines.length; i += step) if (src.lines[i]!.trim() !== '') return src.hashes[i]!;
  return null;
}

export function anchorAt(src: SourceLines, line: number): LineAnchor {
  const text = (src.lines[line - 1] ?? '').trim();
  return { text: text.slice(0, 2000), hash: src.hashes[line - 1] ?? lineHash(''), before: neighbour(src, line, -1), after: neighbour(src, line, 1), line };
}

/**
 * The line the anchor points at now, or null when no line has its text with at least one of its
 * neighbours any more. The text alone is not enough: when the corrected line was rewritten, an
 * identical line elsewhere ("- Error rate > 5%" under another heading) must not inherit the
 * correction — listing it as unmatched is the safe failure.
 */
export function locate(src: SourceLines, anchor: LineAnchor): number | null {
  const candidates = src.byHash.get(anchor.hash);
  if (!candidates || candidates.length === 0) return null;
  let best: number | null = null;
  let bestScore = -Infinity;
  for (const line of candidates) {
    const context = (neighbour(src, line, -1) === anchor.before ? 1 : 0) + (neighbour(src, line, 1) === anchor.after ? 1 : 0);
    if (context === 0) continue;
    // Context decides; distance from where it was only breaks ties.
    const score = context * 1e9 - Math.abs(line - anchor.line);
    if (score > bestScore) {
      best = line;
      bestScore = score;
    }
  }
  return best;
}
