// Times as runbooks write them: wall-clock times (`11:30 AM UTC`, `14:30`, `12:05 - 12:15 PM`),
// T-relative offsets (`T-30`, `T+0 to T+30 min`, `T-MINUS 30 MINUTES`), relative phrases
// (`72 Hours Before Go-Live`, `48 Hours Post-Launch`), durations (`(10 min)`) and dates.
// Everything here reads the text of one node; document structure comes from mdast.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A time before T0 is known: a clock time to be placed later, or an offset already relative to T0. */
export type TimeRef =
  | { kind: 'offset'; ms: number }
  | {
      kind: 'clock';
      /** Seconds since local midnight as written. */
      seconds: number;
      /** Zone offset from UTC in minutes when the text names a zone. */
      tzMinutes: number | null;
      /** Written without AM/PM and without a leading zero (`1:00`): it may mean 01:00 or 13:00. */
      ambiguous: boolean;
    };

export interface Located<T> {
  value: T;
  /** Index in the text where the match starts, and its length. */
  index: number;
  length: number;
}

const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, CET: 60, WEST: 60, CEST: 120, EET: 120, EEST: 180,
  MSK: 180, IST: 330, SGT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

const CLOCK_SOURCE = String.raw`(?<![\w:.])(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?(?:\s*([ap])\.?\s?m\.?(?![a-z]))?`;
// Zones are matched case-sensitively so that "14:30 on the" does not read "on" as a zone.
const ZONE_AFTER = /^\s*\(?\s*(UTC|GMT|Z|[A-Z]{2,5}|[+-]\d{2}:?\d{2})(?![\w:])\)?/;

interface ClockMatch {
  index: number;
  length: number;
  hour: number;
  minute: number;
  second: number;
  meridiem: 'a' | 'p' | null;
  leadingZero: boolean;
  tzMinutes: number | null;
  valid: boolean;
}

function zoneAfter(text: string): { tzMinutes: number; length: number } | null {
  const m = ZONE_AFTER.exec(text);
  if (!m) return null;
  const zone = m[1]!;
  if (zone in ZONES) return { tzMinutes: ZONES[zone]!, length: m[0].length };
  if (/^[+-]\d{2}:?\d{2}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[^\d]/g, '');
    return { tzMinutes: sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))), length: m[0].length };
  }
  return null;
}

function readClockAt(text: string, from: number, anchored: boolean): ClockMatch | null {
  const re = new RegExp(anchored ? `^${CLOCK_SOURCE}` : CLOCK_SOURCE, 'gi');
  const slice = anchored ? text.slice(from) : text;
  re.lastIndex = anchored ? 0 : from;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const [whole, h, min, sec, mer] = m;
    // A bare number is a clock time only with AM/PM ("2 PM"); "12:30" needs its minutes.
    if (min === undefined && mer === undefined) {
      if (anchored) return null;
      if (m.index === re.lastIndex) re.lastIndex++;
      continue;
    }
    const index = anchored ? from : m.index;
    const zone = zoneAfter(text.slice(index + whole.length));
    const hour = Number(h);
    const minute = min === undefined ? 0 : Number(min);
    const second = sec === undefined ? 0 : Number(sec);
    const meridiem = mer === undefined ? null : (mer.toLowerCase() as 'a' | 'p');
    const valid = minute <= 59 && second <= 59 && (meridiem ? hour >= 1 && hour <= 12 : hour <= 23);
    return {
      index,
      length: whole.length + (zone?.length ?? 0),
      hour,
      minute,
      second,
      meridiem,
      leadingZero: h!.length === 2 && h!.startsWith('0'),
      tzMinutes: zone?.tzMinutes ?? null,
      valid,
    };
  }
  return null;
}

function toRef(c: ClockMatch): TimeRef {
  let hour = c.hour;
  if (c.meridiem === 'a' && hour === 12) hour = 0;
  else if (c.meridiem === 'p' && hour !== 12) hour += 12;
  return {
    kind: 'clock',
    seconds: hour * 3600 + c.minute * 60 + c.second,
    tzMinutes: c.tzMinutes,
    ambiguous: c.meridiem === null && !c.leadingZero && c.hour >= 1 && c.hour <= 12,
  };
}

export type ClockResult = { ok: true; start: TimeRef; end: TimeRef | null; index: number; length: number } | { ok: false; index: number; length: number };

const RANGE_SEPARATOR = /^\s*(?:-|–|—|to|until|till|\.\.)\s*/i;

/**
 * The first clock time or clock range in `text` (`12:05 - 12:15 PM UTC`, `12:30 PM UTC - 1:00 PM UTC`).
 * `{ ok: false }` when something that looks like a clock time is out of range (`25:99`); null when none.
 * With `anchored`, only a time at the very start counts.
 */
export function findClock(text: string, anchored = false): ClockResult | null {
  const first = readClockAt(text, 0, anchored);
  if (!first) return null;
  if (!first.valid) return { ok: false, index: first.index, length: first.length };
  const after = first.index + first.length;
  const sep = RANGE_SEPARATOR.exec(text.slice(after));
  const second = sep ? readClockAt(text, after + sep[0].length, true) : null;
  if (!second || !second.valid) {
    return { ok: true, start: toRef(first), end: null, index: first.index, length: first.length };
  }
  // "12:05 - 12:15 PM UTC": the start borrows the end's AM/PM and zone (and the other way round);
  // "11:30 - 12:15 PM" means 11:30 AM, so flip a borrowed meridiem that would put the start after the end.
  const start = { ...first };
  const end = { ...second };
  if (start.meridiem === null && end.meridiem !== null && start.hour <= 12) {
    start.meridiem = end.meridiem;
    const s = toRef(start);
    const e = toRef(end);
    // 12:xx borrowing PM is noon, never flipped to midnight: "12:15 - 12:05 PM" simply runs backwards.
    if (s.kind === 'clock' && e.kind === 'clock' && s.seconds > e.seconds && start.hour !== 12) start.meridiem = end.meridiem === 'p' ? 'a' : 'p';
  }
  if (start.tzMinutes === null) start.tzMinutes = end.tzMinutes;
  if (end.tzMinutes === null) end.tzMinutes = start.tzMinutes;
  return {
    ok: true,
    start: toRef(start),
    end: toRef(end),
    index: first.index,
    length: second.index + second.length - first.index,
  };
}

/** Something in the text looks like it was meant as a time (digits with a colon, AM/PM, T±N, a zone). */
export function looksLikeTime(text: string): boolean {
  return /\d\s*:\s*\d|\d\s*[ap]\.?m\b|\bT\s*[+\-−–]\s*\d|\b(UTC|GMT)\b|\b\d+\s*(min|minutes|hours?|h)\b/i.test(text);
}

const UNIT_MS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(s|secs?|seconds?)$/i, 1000],
  [/^(m|mins?|minutes?)$/i, MINUTE],
  [/^(h|hrs?|hours?)$/i, HOUR],
  [/^(d|days?)$/i, DAY],
  [/^(w|wks?|weeks?)$/i, 7 * DAY],
];
const UNIT_WORD = String.raw`(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)`;

function unitMs(unit: string | undefined, fallback = MINUTE): number {
  if (!unit) return fallback;
  for (const [re, ms] of UNIT_MS) if (re.test(unit)) return ms;
  return fallback;
}

export interface RelativeTime {
  startMs: number;
  endMs: number | null;
  /** `t` for T±N forms (a schedule position), `phrase` for "72 Hours Before" forms. */
  form: 't' | 'phrase';
}

const SIGN = String.raw`[+\-−–]`;
const T_POINT = String.raw`(?<![A-Za-z0-9])T\s*(${SIGN})\s*(\d+(?:\.\d+)?)(?::(\d{2}))?\s*(${UNIT_WORD})?(?![A-Za-z])`;
const T_RANGE = new RegExp(`${T_POINT}\\s*(?:to|-|–|—|\\.\\.|until)\\s*${T_POINT}`, 'i');
const T_SINGLE = new RegExp(T_POINT, 'i');
const T_MINUS_WORDS = new RegExp(String.raw`(?<![A-Za-z0-9])T\s*[-−–]?\s*(MINUS|PLUS)\s+(\d+(?:\.\d+)?)\s*(${UNIT_WORD})?(?![A-Za-z])`, 'i');
const T_ZERO = /(?<![A-Za-z0-9])T\s*(?:[+\-−–]\s*0+|ZERO|0)(?![\d:A-Za-z])/i;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };
const PHRASE = new RegExp(
  String.raw`(?<![\w])(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*[- ]?\s*(${UNIT_WORD})\s+` +
    String.raw`(before|prior\s+to|ahead\s+of|pre[- ]|after|post[- ]|following|into)`,
  'i',
);

function signed(sign: string, amount: number): number {
  // `T-0` is T0, not -0 (which JSON and equality checks would tell apart from 0).
  return sign === '+' || amount === 0 ? amount : -amount;
}

function pointMs(sign: string, n: string, mm: string | undefined, unit: string | undefined): number {
  if (mm !== undefined) return signed(sign, Number(n) * HOUR + Number(mm) * MINUTE);
  return signed(sign, Number(n) * unitMs(unit));
}

/** A T-relative time or range in the text, in ms from T0. */
export function findRelative(text: string): Located<RelativeTime> | null {
  const range = T_RANGE.exec(text);
  if (range) {
    const [, s1, n1, mm1, u1, s2, n2, mm2, u2] = range;
    // "T+0 to T+30 min": the unit written once at the end applies to both ends.
    const startMs = pointMs(s1!, n1!, mm1, u1 ?? u2);
    const endMs = pointMs(s2!, n2!, mm2, u2 ?? u1);
    return { value: { startMs, endMs, form: 't' }, index: range.index, length: range[0].length };
  }
  const words = T_MINUS_WORDS.exec(text);
  if (words) {
    const ms = Number(words[2]) * unitMs(words[3]);
    return { value: { startMs: words[1]!.toUpperCase() === 'MINUS' ? -ms : ms, endMs: null, form: 't' }, index: words.index, length: words[0].length };
  }
  const single = T_SINGLE.exec(text);
  if (single) {
    const [, s, n, mm, u] = single;
    return { value: { startMs: pointMs(s!, n!, mm, u), endMs: null, form: 't' }, index: single.index, length: single[0].length };
  }
  const zero = T_ZERO.exec(text);
  if (zero) return { value: { startMs: 0, endMs: null, form: 't' }, index: zero.index, length: zero[0].length };
  const phrase = PHRASE.exec(text);
  if (phrase) {
    const [, amountText, unit, direction] = phrase;
    const lower = amountText!.toLowerCase();
    const amount = /^an?$/.test(lower) ? 1 : (NUMBER_WORDS[lower] ?? Number(amountText));
    // "1 minute" written as "1 m" is too easily something else; phrases need a spelled-out unit.
    if (/^[smhdw]$/i.test(unit!)) return null;
    const ms = amount * unitMs(unit);
    const before = /^(before|prior|ahead|pre)/i.test(direction!);
    return { value: { startMs: before ? -ms : ms, endMs: null, form: 'phrase' }, index: phrase.index, length: phrase[0].length };
  }
  return null;
}

/** `(10 min)`, `(~5 minutes)`, `(1 hour)` in a heading: the planned duration in ms. */
export function findDurationSuffix(text: string): Located<number> | null {
  const m = new RegExp(String.raw`\(\s*(?:~|approx\.?|about|est\.?)?\s*(\d+(?:\.\d+)?)\s*(${UNIT_WORD})\s*\)`, 'i').exec(text);
  if (!m) return null;
  return { value: Number(m[1]) * unitMs(m[2]), index: m.index, length: m[0].length };
}

/** A duration written with units: `10m`, `90s`, `1h30m`, `10 min`. Null when not one. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  const re = new RegExp(String.raw`(\d+(?:\.\d+)?)\s*(${UNIT_WORD})(?![A-Za-z])`, 'giy');
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(trimmed); m; m = re.exec(trimmed)) {
    total += Number(m[1]) * unitMs(m[2]);
    consumed = re.lastIndex;
    const space = /^\s*/.exec(trimmed.slice(consumed))![0].length;
    re.lastIndex = consumed + space;
    consumed += space;
  }
  return consumed > 0 && consumed === trimmed.length ? total : null;
}

/** T-offset strings as front matter writes them: `T-30m`, `T+1h30m`, `T+0`. */
export function parseTOffset(text: string): number | null {
  const m = /^\s*T\s*([+\-−–])\s*(.+?)\s*$/i.exec(text);
  if (!m) return /^\s*T\s*0?\s*$/i.test(text) ? 0 : null;
  if (/^\d+(?:\.\d+)?$/.test(m[2]!)) return signed(m[1]!, Number(m[2]) * MINUTE);
  const ms = parseDuration(m[2]!);
  return ms === null ? null : signed(m[1]!, ms);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

export type DateResult = { ok: true; date: string } | { ok: false };

/** `October 21, 2025`, `Oct 21 2025`, `21 October 2025`, `2025-10-21`, `Tuesday, October 21, 2025`. */
export function findDate(text: string): DateResult | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) {
    const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date ? { ok: true, date } : { ok: false };
  }
  const month = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
  const mdy = new RegExp(String.raw`\b${month}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i').exec(text);
  if (mdy) {
    const date = isoDate(Number(mdy[3]), monthIndex(mdy[1]!), Number(mdy[2]));
    return date ? { ok: true, date } : { ok: false };
  }
  const dmy = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${month},?\s+(\d{4})\b`, 'i').exec(text);
  if (dmy) {
    const date = isoDate(Number(dmy[3]), monthIndex(dmy[2]!), Number(dmy[1]));
    return date ? { ok: true, date } : { ok: false };
  }
  return /\d/.test(text) ? { ok: false } : null;
}

/** `T+5m`, `T-30m`, `T+0m`, `T+5m30s` (minutes; seconds only when not zero). */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const totalSeconds = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `T${sign}${minutes}m${seconds ? `${seconds}s` : ''}`;
}

export const TIME_UNITS = { MINUTE, HOUR, DAY };
