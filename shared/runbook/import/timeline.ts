// T0 and the placing of clock times on the T0 timeline.
//
// T0 comes from front matter `t0`, else from the document: a `**Target Time**: 14:30 UTC` label at
// the top, else a timeline line that says the deployment begins (`12:00 - DEPLOYMENT BEGINS`), else a
// heading offset paired with the clock time under it (`Phase 1 (T-30 minutes)` + `**11:30 AM UTC**`).
// A clock time becomes the offset to the T0 clock time that is nearest (so 23:50 before a 00:10 T0
// is T-20m, not T+23h40m); `1:00` written without AM/PM may be 01:00 or 13:00, whichever is nearer.
import type { Draft, T0Hint } from './draft';
import type { FrontMatter } from './frontMatter';
import type { TimeRef } from './times';

const DAY_S = 86_400;
const HALF_DAY_S = 43_200;

export interface Timeline {
  t0: string | null;
  /** T0 as seconds after UTC midnight, when known. */
  t0UtcSeconds: number | null;
  /** Zone assumed for clock times that name none (the first zone the document names, else UTC). */
  defaultTzMinutes: number;
}

function wrap(seconds: number): number {
  const s = ((seconds % DAY_S) + DAY_S) % DAY_S;
  return s > HALF_DAY_S ? s - DAY_S : s;
}

function utcSeconds(ref: TimeRef & { kind: 'clock' }, defaultTz: number): number {
  return ref.seconds - (ref.tzMinutes ?? defaultTz) * 60;
}

function hintUtc(hint: T0Hint, defaultTz: number): number {
  return (((utcSeconds(hint.clock, defaultTz) - hint.offsetMs / 1000) % DAY_S) + DAY_S) % DAY_S;
}

function clockText(seconds: number): string {
  const s = ((seconds % DAY_S) + DAY_S) % DAY_S;
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} UTC`;
}

/** Pairs a section's heading offset with the first clock time written under it. */
function sectionAnchors(d: Draft): T0Hint[] {
  const hints: T0Hint[] = [];
  for (const s of d.sections) {
    const rel = s.info.relative;
    if (!rel || s.info.clock || Math.abs(rel.startMs) > HALF_DAY_S * 1000) continue;
    const first = d.milestones.find(
      (m) => m.sectionId === s.section.id && (m.source === 'bold-time' || m.source === 'target-time') && m.ref.kind === 'clock',
    );
    if (first && first.ref.kind === 'clock') {
      hints.push({ clock: first.ref, offsetMs: rel.startMs, line: first.line, column: first.column, source: 'anchor' });
    }
  }
  return hints;
}

export function buildTimeline(d: Draft, fm: FrontMatter): Timeline {
  const zoned = d.clocks.find((c) => c.ref.tzMinutes !== null);
  const defaultTz = zoned?.ref.tzMinutes ?? 0;
  const markers: T0Hint[] = d.milestones
    .filter((m) => m.t0Marker && m.ref.kind === 'clock')
    .map((m) => ({ clock: m.ref as TimeRef & { kind: 'clock' }, offsetMs: 0, line: m.line, column: m.column, source: 'marker' as const }));
  const hints = [
    ...d.t0Hints.filter((h) => h.source === 'label'),
    ...markers,
    ...d.t0Hints.filter((h) => h.source === 'anchor'),
    ...sectionAnchors(d),
  ];

  if (fm.t0) {
    const ms = Date.parse(fm.t0.iso);
    const t0UtcSeconds = Math.floor((((ms / 1000) % DAY_S) + DAY_S) % DAY_S);
    const disagreeing = hints.find((h) => hintUtc(h, defaultTz) !== t0UtcSeconds);
    if (disagreeing) {
      d.diags.info(
        't0-conflict',
        disagreeing.line,
        disagreeing.column,
        `the document puts T0 at ${clockText(hintUtc(disagreeing, defaultTz))} here, front matter t0 says ${clockText(t0UtcSeconds)}; clock times are placed relative to the front matter`,
      );
    }
    return { t0: fm.t0.iso, t0UtcSeconds, defaultTzMinutes: defaultTz };
  }

  const chosen = hints[0];
  if (!chosen) {
    const first = d.clocks[0];
    if (first) {
      d.diags.info('t0-unknown', first.line, first.column, `the document has clock times (first here) but no T0 to place them on; set t0 in front matter, or write "**Target Time**: 12:00 UTC"`);
    }
    return { t0: null, t0UtcSeconds: null, defaultTzMinutes: defaultTz };
  }
  const t0UtcSeconds = hintUtc(chosen, defaultTz);
  const other = hints.find((h) => hintUtc(h, defaultTz) !== t0UtcSeconds);
  if (other) {
    d.diags.info(
      't0-conflict',
      other.line,
      other.column,
      `this puts T0 at ${clockText(hintUtc(other, defaultTz))}, but line ${chosen.line} puts it at ${clockText(t0UtcSeconds)}, which is used`,
    );
  }
  const date = d.dates[0]?.date ?? null;
  let t0: string | null = null;
  if (date) {
    const [y, m, day] = date.split('-').map(Number) as [number, number, number];
    const tz = chosen.clock.tzMinutes ?? defaultTz;
    const localSeconds = (((chosen.clock.seconds - chosen.offsetMs / 1000) % DAY_S) + DAY_S) % DAY_S;
    t0 = new Date(Date.UTC(y, m - 1, day) + localSeconds * 1000 - tz * 60_000).toISOString();
  }
  return { t0, t0UtcSeconds, defaultTzMinutes: defaultTz };
}

/** Offset from T0 in ms of a time as written, or null when T0 is unknown. */
export function offsetOf(timeline: Timeline, ref: TimeRef | null | undefined): number | null {
  if (!ref) return null;
  if (ref.kind === 'offset') return ref.ms;
  if (timeline.t0UtcSeconds === null) return null;
  const utc = utcSeconds(ref, timeline.defaultTzMinutes);
  let diff = wrap(utc - timeline.t0UtcSeconds);
  if (ref.ambiguous) {
    const alternative = wrap(utc + HALF_DAY_S - timeline.t0UtcSeconds);
    if (Math.abs(alternative) < Math.abs(diff)) diff = alternative;
  }
  return diff * 1000;
}
