// Find in output over every line, not only the visible ones. Lines before the buffer's stable
// boundary never change, so their matches are kept and only new lines are scanned as output
// streams in; the few open lines at the end are scanned again each time.
import type { OutputLine } from './outputLines';

export interface OutputMatch {
  line: number;
  start: number;
}

export class OutputSearch {
  private query = '';
  private epoch = -1;
  private stableUpTo = 0;
  private stableMatches: OutputMatch[] = [];
  private all: OutputMatch[] = [];
  private scannedLength = -1;
  private scannedVersion = -1;

  /**
   * Matches of `query` (case-insensitive) in `lines`. `stableCount` lines at the start are final;
   * `epoch` changes when lines were dropped or replaced (everything is scanned again).
   */
  matches(lines: readonly OutputLine[], query: string, stableCount: number, epoch: number, version: number): OutputMatch[] {
    const needle = query.toLowerCase();
    if (needle !== this.query || epoch !== this.epoch) {
      this.query = needle;
      this.epoch = epoch;
      this.stableUpTo = 0;
      this.stableMatches = [];
      this.scannedVersion = -1;
    }
    if (!needle) return (this.all = []);
    if (version === this.scannedVersion && lines.length === this.scannedLength) return this.all;
    const stable = Math.min(stableCount, lines.length);
    if (stable > this.stableUpTo) {
      scan(lines, needle, this.stableUpTo, stable, this.stableMatches);
      this.stableUpTo = stable;
    }
    const tail: OutputMatch[] = [];
    scan(lines, needle, this.stableUpTo, lines.length, tail);
    this.all = tail.length ? this.stableMatches.concat(tail) : this.stableMatches.slice();
    this.scannedVersion = version;
    this.scannedLength = lines.length;
    return this.all;
  }
}

function scan(lines: readonly OutputLine[], needle: string, from: number, to: number, out: OutputMatch[]): void {
  for (let line = from; line < to; line++) {
    const text = lines[line]!.text;
    if (text.length < needle.length) continue;
    const haystack = text.toLowerCase();
    for (let start = haystack.indexOf(needle); start !== -1; start = haystack.indexOf(needle, start + needle.length)) {
      out.push({ line, start });
    }
  }
}

/** The match to go to from `current` in a direction, wrapping around; -1 when there is none. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** The first match at or after a line (for "find from where I am looking"). */
export function firstMatchFrom(matches: readonly OutputMatch[], line: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length ? lo : matches.length ? 0 : -1;
}
