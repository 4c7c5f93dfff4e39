// Re-applying the IC's corrections to a freshly imported runbook. Each correction finds its line
// again (anchor.ts); one whose line is gone, or whose line no longer holds what it corrected, is
// listed as unmatched with the reason and changes nothing.
import { metricKeyOf } from '../metricKeys';
import type { AppliedCorrection, Gate, Runbook, Section, Threshold, UnmatchedCorrection } from '../model';
import { stableHash } from '../import/ids';
import { anchorAt, locate, sourceLines, type SourceLines } from './anchor';
import type { Correction, CorrectionsFile } from './schema';

type Outcome = { ok: true; description: string; targetId: string | null } | { ok: false; reason: string };

const opText = (t: Pick<Threshold, 'op' | 'value' | 'upper' | 'unit'>) =>
  t.op === 'between' ? `${t.value}–${t.upper}${t.unit ?? ''}` : `${t.op} ${t.value}${t.unit ?? ''}`;

function sectionAt(rb: Runbook, line: number): Section | null {
  let best: Section | null = null;
  for (const s of rb.sections) if (s.line <= line && line <= s.endLine && (!best || s.depth >= best.depth)) best = s;
  return best;
}

function minutes(ms: number | null): string {
  if (ms === null) return '?';
  const m = Math.round(ms / 60_000);
  return `T${m < 0 ? '-' : '+'}${Math.abs(m)}m`;
}

function applyOne(rb: Runbook, c: Correction, line: number, src: SourceLines): Outcome {
  const own = `corr_${stableHash(c.id)}`;
  switch (c.kind) {
    case 'threshold-meaning': {
      const t = rb.thresholds.find((x) => x.line === line && x.metricKey === c.metricKey);
      if (!t) return { ok: false, reason: `no threshold for ${c.metricKey} is read on that line any more` };
      const was = t.meaning;
      t.meaning = c.meaning;
      return { ok: true, description: `${t.metric} ${opText(t)}: ${c.meaning} instead of ${was}`, targetId: t.id };
    }
    case 'step-window': {
      const step = rb.steps.find((s) => s.line === line);
      if (!step) return { ok: false, reason: 'no step starts on that line any more' };
      step.window = { startOffsetMs: c.startOffsetMs, endOffsetMs: c.endOffsetMs };
      rb.diagnostics = rb.diagnostics.filter((d) => !(d.line === line && /window|time/.test(d.code)));
      return { ok: true, description: `${step.title}: window ${minutes(c.startOffsetMs)}..${minutes(c.endOffsetMs)}`, targetId: step.id };
    }
    case 'gate': {
      const existing = rb.gates.find((g) => g.line === line);
      if (existing) return { ok: false, reason: `that line is already read as the gate "${existing.title}"` };
      const gate: Gate = {
        id: own,
        sectionId: sectionAt(rb, line)?.id ?? null,
        title: c.title,
        offsetMs: c.offsetMs,
        thresholdIds: [],
        criteria: [],
        goText: null,
        noGoText: null,
        approvers: [],
        line,
        column: 1,
      };
      rb.gates.push(gate);
      rb.gates.sort((a, b) => a.line - b.line);
      return { ok: true, description: `gate "${c.title}" at ${minutes(c.offsetMs)}`, targetId: gate.id };
    }
    case 'threshold': {
      const metricKey = metricKeyOf(c.metric);
      const threshold: Threshold = {
        id: own,
        sectionId: sectionAt(rb, line)?.id ?? null,
        metric: c.metric,
        metricKey,
        op: c.op,
        value: c.value,
        upper: c.op === 'between' ? c.upper : null,
        unit: c.unit,
        meaning: c.meaning,
        context: c.meaning === 'ok-if' ? 'target' : 'escalation',
        level: null,
        sustained: false,
        sustainedMs: null,
        action: null,
        text: (src.lines[line - 1] ?? '').trim(),
        line,
        column: 1,
      };
      rb.thresholds.push(threshold);
      rb.thresholds.sort((a, b) => a.line - b.line);
      return { ok: true, description: `threshold ${c.metric} ${opText(threshold)} (${c.meaning})`, targetId: threshold.id };
    }
    case 'dismiss':
      return dismiss(rb, c, line);
  }
}

function dismiss(rb: Runbook, c: Extract<Correction, { kind: 'dismiss' }>, line: number): Outcome {
  const keyed = <T>(list: T[], key: (x: T) => string) => list.filter((x) => c.key === null || key(x) === c.key);
  switch (c.target) {
    case 'threshold': {
      const gone = keyed(rb.thresholds.filter((t) => t.line === line), (t) => t.metricKey);
      if (gone.length === 0) return { ok: false, reason: 'no such threshold is read on that line any more' };
      const ids = new Set(gone.map((t) => t.id));
      rb.thresholds = rb.thresholds.filter((t) => !ids.has(t.id));
      for (const g of rb.gates) g.thresholdIds = g.thresholdIds.filter((id) => !ids.has(id));
      for (const l of rb.decisionLevels) for (const cond of l.conditions) if (cond.thresholdId && ids.has(cond.thresholdId)) cond.thresholdId = null;
      return { ok: true, description: `dismissed threshold ${gone.map((t) => `${t.metric} ${opText(t)}`).join(', ')}`, targetId: null };
    }
    case 'gate': {
      const gone = keyed(rb.gates.filter((g) => g.line === line), (g) => g.title);
      if (gone.length === 0) return { ok: false, reason: 'no such gate is read on that line any more' };
      const ids = new Set(gone.map((g) => g.id));
      rb.gates = rb.gates.filter((g) => !ids.has(g.id));
      if (rb.dependencies) rb.dependencies = rb.dependencies.filter((d) => !ids.has(d.from) && !ids.has(d.to));
      return { ok: true, description: `dismissed gate ${gone.map((g) => `"${g.title}"`).join(', ')}`, targetId: null };
    }
    case 'milestone': {
      const gone = keyed(rb.milestones.filter((m) => m.line === line), (m) => m.text);
      if (gone.length === 0) return { ok: false, reason: 'no such milestone is read on that line any more' };
      const ids = new Set(gone.map((m) => m.id));
      rb.milestones = rb.milestones.filter((m) => !ids.has(m.id));
      if (rb.dependencies) rb.dependencies = rb.dependencies.filter((d) => !ids.has(d.from) && !ids.has(d.to));
      return { ok: true, description: `dismissed milestone ${gone.map((m) => `"${m.text}"`).join(', ')}`, targetId: null };
    }
    case 'decision-level': {
      const gone = keyed(rb.decisionLevels.filter((l) => l.line === line), (l) => l.title);
      if (gone.length === 0) return { ok: false, reason: 'no such decision level is read on that line any more' };
      const ids = new Set(gone.map((l) => l.id));
      rb.decisionLevels = rb.decisionLevels.filter((l) => !ids.has(l.id));
      rb.thresholds = rb.thresholds.filter((t) => !(t.context === 'decision-level' && gone.some((l) => l.conditions.some((cond) => cond.thresholdId === t.id))));
      return { ok: true, description: `dismissed decision level ${gone.map((l) => `"${l.title}"`).join(', ')}`, targetId: null };
    }
  }
}

/**
 * The runbook with the file's corrections applied, and the outcome of each. The input model is
 * not changed.
 */
export function applyCorrections(runbook: Runbook, content: string, file: CorrectionsFile, fileName: string): Runbook {
  const rb = JSON.parse(JSON.stringify(runbook)) as Runbook;
  const src = sourceLines(content);
  const applied: AppliedCorrection[] = [];
  const unmatched: UnmatchedCorrection[] = [];
  for (const c of file.corrections) {
    const line = locate(src, c.anchor);
    const miss = (reason: string) => unmatched.push({ id: c.id, kind: c.kind, line: c.anchor.line, text: c.anchor.text, reason });
    if (line === null) {
      miss('no line of the runbook reads like that any more');
      continue;
    }
    const outcome = applyOne(rb, c, line, src);
    if (outcome.ok) applied.push({ id: c.id, kind: c.kind, line, description: outcome.description, targetId: outcome.targetId });
    else miss(outcome.reason);
  }
  for (const u of unmatched) {
    rb.diagnostics.push({
      severity: 'warning',
      code: 'correction-not-matched',
      line: u.line,
      column: 1,
      message: `correction from ${fileName} no longer matches (${u.reason}): "${u.text.slice(0, 120)}"`,
    });
  }
  rb.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  rb.corrections = { file: fileName, entries: file.corrections, applied, unmatched, error: null };
  return rb;
}

/** What the IC asks for, by line; the anchor and id are worked out from the source. */
export type CorrectionRequest = { line: number } & (
  | { kind: 'threshold-meaning'; metricKey: string; meaning: Threshold['meaning'] }
  | { kind: 'step-window'; startOffsetMs: number | null; endOffsetMs: number | null }
  | { kind: 'gate'; title: string; offsetMs: number | null }
  | { kind: 'threshold'; metric: string; op: Threshold['op']; value: number; upper: number | null; unit: string | null; meaning: Threshold['meaning'] }
  | { kind: 'dismiss'; target: 'threshold' | 'gate' | 'milestone' | 'decision-level'; key: string | null }
);

/** The key that makes a second correction of the same thing replace the first. */
function identity(r: CorrectionRequest, hash: string): string {
  switch (r.kind) {
    case 'threshold-meaning':
      return `${r.kind}\u0000${hash}\u0000${r.metricKey}`;
    case 'dismiss':
      return `${r.kind}\u0000${hash}\u0000${r.target}\u0000${r.key ?? ''}`;
    default:
      return `${r.kind}\u0000${hash}`;
  }
}

/** The corrections with this request added (replacing an earlier correction of the same thing). */
export function addCorrection(entries: Correction[], content: string, request: CorrectionRequest, by: string | null, at: string | null): Correction[] {
  const src = sourceLines(content);
  const anchor = anchorAt(src, request.line);
  const id = `c_${stableHash(identity(request, anchor.hash))}`;
  const { line: _line, ...fields } = request;
  void _line;
  const correction = { ...fields, id, anchor, by, at } as Correction;
  return [...entries.filter((e) => e.id !== id), correction];
}
