// Measures the importer against the corpus of real public runbooks: for each document, the
// structure a person found by reading it (test/fixtures/runbooks/corpus/expected/*.json) against
// what the importer made of it, category by category. Matching is by source line plus the
// attributes that matter (a threshold must agree on operator, value, unit, polarity and metric key),
// so a threshold read with the wrong polarity counts as missed, not as found.
import { readdirSync, readFileSync } from 'node:fs';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { metricKeyOf } from '../../../shared/runbook/metricKeys';
import type { Runbook, Threshold } from '../../../shared/runbook/model';
import { formatOffset, formatWindow } from '../../../shared/runbook/summary';

export interface ExpectedThreshold {
  line: number;
  metric: string;
  op: string;
  value: number;
  upper?: number;
  unit: string | null;
  meaning: 'ok-if' | 'alert-if' | 'warn-if';
  sustainedMin?: number;
  /** Relative to a baseline captured at session start ("> 2x baseline"). */
  baseline?: boolean;
}

export interface Expected {
  /** What was read and how (which sections, what was judged not to be structure). */
  scope: string;
  items?: number[];
  steps?: Array<{ line: number; title?: string; window?: string | null; durationMin?: number }>;
  gates?: Array<{ line: number; time?: string | null; approvers?: string[] }>;
  thresholds?: ExpectedThreshold[];
  levels?: Array<{ line: number; conditions?: number }>;
  roles?: string[];
  signOffs?: number[];
  /** Categories the document has none of: anything the importer produces there is a false finding. */
  absent?: Array<'gates' | 'levels' | 'steps' | 'thresholds' | 'signOffs'>;
  /** Known misses, each with the reason, keyed `category:line` (or `category:name` for roles). */
  knownMisses?: Record<string, string>;
}

export const CATEGORIES = ['items', 'steps', 'titles', 'windows', 'gates', 'gateTimes', 'approvers', 'thresholds', 'levels', 'roles', 'signOffs', 'noFalse'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Miss {
  category: Category;
  key: string;
  detail: string;
}

export interface DocResult {
  file: string;
  expected: Record<Category, number>;
  found: Record<Category, number>;
  misses: Miss[];
}

const corpusDir = new URL('../../fixtures/runbooks/corpus/', import.meta.url);

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
}

export function loadExpected(file: string): Expected {
  return JSON.parse(readFileSync(new URL(`expected/${file.replace(/\.md$/, '.json')}`, corpusDir), 'utf8')) as Expected;
}

export function loadDoc(file: string): string {
  return readFileSync(new URL(file, corpusDir), 'utf8');
}

function zero(): Record<Category, number> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}

function thresholdMatches(e: ExpectedThreshold, t: Threshold): boolean {
  const meaning = (t as { meaning: string }).meaning;
  if (t.line !== e.line || t.op !== e.op || t.value !== e.value || meaning !== e.meaning) return false;
  if ((e.upper ?? null) !== (t.upper ?? null)) return false;
  if ((e.unit ?? null) !== (t.unit ?? null)) return false;
  if (metricKeyOf(e.metric) !== t.metricKey) return false;
  if (e.sustainedMin !== undefined && t.sustainedMs !== e.sustainedMin * 60_000) return false;
  if (e.baseline !== undefined && t.relativeTo === 'baseline' !== e.baseline) return false;
  return true;
}

function describeThreshold(t: Threshold): string {
  return `${t.metric} [${t.metricKey}] ${t.op} ${t.value}${t.upper !== null ? `..${t.upper}` : ''} ${t.unit ?? '∅'} ${(t as { meaning: string }).meaning}`;
}

export function measure(file: string, rb: Runbook = importMarkdown(loadDoc(file), file)): DocResult {
  const exp = loadExpected(file);
  const expected = zero();
  const found = zero();
  const misses: Miss[] = [];
  const hit = (category: Category, ok: boolean, key: string, detail: string): void => {
    expected[category]++;
    if (ok) found[category]++;
    else misses.push({ category, key, detail });
  };

  const itemLines = new Set(rb.checklistItems.map((i) => i.line));
  for (const line of exp.items ?? []) hit('items', itemLines.has(line), String(line), 'no checklist item on this line');

  for (const s of exp.steps ?? []) {
    const step = rb.steps.find((x) => x.line === s.line);
    hit('steps', Boolean(step), String(s.line), 'no step on this line');
    if (s.title !== undefined) hit('titles', step?.title === s.title, `${s.line}/title`, `title ${JSON.stringify(step?.title)}, expected ${JSON.stringify(s.title)}`);
    if (s.window !== undefined && s.window !== null) {
      const got = step ? formatWindow(step.window) : null;
      hit('windows', got === s.window, String(s.line), `window ${got ?? 'none'}, expected ${s.window}`);
    }
    if (s.durationMin !== undefined) {
      const got = step?.plannedDurationMs ?? null;
      hit('windows', got === s.durationMin * 60_000, `${s.line}/duration`, `duration ${got === null ? 'none' : got / 60_000 + ' min'}, expected ${s.durationMin} min`);
    }
  }

  for (const g of exp.gates ?? []) {
    const gate = rb.gates.find((x) => x.line === g.line);
    hit('gates', Boolean(gate), String(g.line), 'no gate on this line');
    if (g.time !== undefined && g.time !== null) {
      const got = gate && gate.offsetMs !== null ? formatOffset(gate.offsetMs) : null;
      hit('gateTimes', got === g.time, String(g.line), `gate time ${got ?? 'none'}, expected ${g.time}`);
    }
    for (const role of g.approvers ?? []) {
      const approvers = gate?.approvers ?? [];
      hit('approvers', approvers.includes(role), `${g.line}/${role}`, `approvers [${approvers.join(', ')}]`);
    }
  }

  for (const e of exp.thresholds ?? []) {
    const onLine = rb.thresholds.filter((t) => t.line === e.line);
    const ok = onLine.some((t) => thresholdMatches(e, t));
    hit('thresholds', ok, `${e.line}/${e.metric}`, onLine.length ? `found ${onLine.map(describeThreshold).join('; ')}` : 'no threshold on this line');
  }

  for (const l of exp.levels ?? []) {
    const level = rb.decisionLevels.find((x) => x.line === l.line);
    const ok = Boolean(level) && (l.conditions === undefined || level!.conditions.length === l.conditions);
    hit('levels', ok, String(l.line), level ? `${level.conditions.length} conditions, expected ${l.conditions}` : 'no decision level on this line');
  }

  const roleNames = new Set(rb.roles.map((r) => r.name.toLowerCase()));
  for (const name of exp.roles ?? []) hit('roles', roleNames.has(name.toLowerCase()), name, 'role not found');

  const signOffLines = new Set(rb.checklistItems.filter((i) => i.signOff).map((i) => i.line));
  for (const line of exp.signOffs ?? []) hit('signOffs', signOffLines.has(line), String(line), 'no sign-off on this line');

  const produced = { gates: rb.gates.length, levels: rb.decisionLevels.length, steps: rb.steps.length, thresholds: rb.thresholds.length, signOffs: signOffLines.size };
  for (const category of exp.absent ?? []) hit('noFalse', produced[category] === 0, category, `${produced[category]} ${category} produced where the document has none`);

  return { file, expected, found, misses };
}

/** Expected vs found per category over the whole corpus. */
export function measureCorpus(): { perDoc: DocResult[]; total: { expected: Record<Category, number>; found: Record<Category, number> } } {
  const perDoc = corpusFiles().map((f) => measure(f));
  const expected = zero();
  const found = zero();
  for (const r of perDoc) {
    for (const c of CATEGORIES) {
      expected[c] += r.expected[c];
      found[c] += r.found[c];
    }
  }
  return { perDoc, total: { expected, found } };
}
