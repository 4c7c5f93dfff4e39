// The runbook as run, in Markdown for a wiki: the original document, line for line, with each
// checkbox set as the session left it and, right where things happened, what happened — who ticked
// an item and when (approver, notes, unticks with reasons), each step's runs per host, each gate's
// decision with its criteria. An opening block says which session this is; a closing block lists
// alerts, level changes, T0 moves and the chain head.
//
// Everything added is a block quote. The importer keeps block quotes as reference text and never
// looks inside them, so the document re-imports as the same runbook: the same checklist items
// (same ids), steps, gates and thresholds. Added text is escaped (text.ts) so a note can never
// turn into a list item or a fenced block. Blank lines around each quote keep it from joining the
// paragraph before it or swallowing the line after it (a lazy continuation).
import type { ChecklistItem, Gate, Step } from '../runbook/model';
import { itemState, type ItemHistoryEntry } from '../session/checklistState';
import type { GateDecisionEntry } from '../session/metricsState';
import type { StepRunState } from '../session/stepRunsState';
import { fromJsonNumber } from '../log/metricsEvents';
import { formatValue } from '../metrics/units';
import { alertValueText } from './eventSummary';
import { reportFileName } from './formats';
import { capped } from './html/capped';
import type { ReportModel } from './reportModel';
import { formatDelta, formatDurationMs, markdownText as md, plural, utc, utcWithOffset, who } from './text';

interface Insertion {
  /** Inserted after this 1-based line (0 = before the first line). */
  afterLine: number;
  /** Written in front of every added line: the container's indentation (list item, block quote). */
  prefix: string;
  lines: string[];
}

/** An item's history shown in full up to this many entries; past it, the first and the latest. */
const MAX_HISTORY = 12;
/** Lines of the closing log (alerts, level changes …) before it is shortened. */
const MAX_LOG_LINES = 400;

function csvName(model: ReportModel): string {
  return reportFileName(model.session.name, model.session.t0, 'csv');
}

const LIST_MARKER = /^(\s*(?:>\s*)*)([-*+]|\d{1,9}[.)])(\s+)/;
const TASK_BOX = /^(\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+)\[( |x|X)\]/;

export function buildMarkdownAsRun(model: ReportModel, content: string): string {
  const newline = /\r\n/.test(content) ? '\r\n' : '\n';
  const normalised = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const endsWithNewline = normalised.endsWith('\n');
  const lines = (endsWithNewline ? normalised.slice(0, -1) : normalised).split('\n');
  const runbook = model.runbook;
  const insertions: Insertion[] = [{ afterLine: frontMatterEnd(lines), prefix: '', lines: openingBlock(model) }];
  if (runbook) {
    for (const item of runbook.checklistItems) {
      setCheckbox(lines, item, itemState(model.state.checklist, item.id).checked);
      const annotation = itemAnnotation(model, item);
      if (annotation.length) insertions.push({ afterLine: item.endLine ?? item.line, prefix: itemPrefix(lines, item), lines: annotation });
    }
    for (const step of runbook.steps) {
      const runs = model.state.steps.order.map((id) => model.state.steps.runs[id]!).filter((run) => run.stepId === step.id);
      if (runs.length) insertions.push({ afterLine: step.endLine, prefix: stepPrefix(lines, step), lines: runs.flatMap((run) => runAnnotation(model, run)) });
    }
    for (const gate of runbook.gates) {
      const decisions = model.state.metrics.gateDecisions.filter((d) => d.gateId === gate.id);
      if (decisions.length) insertions.push({ afterLine: gateBlockEnd(lines, gate), prefix: '', lines: decisions.flatMap((d) => decisionAnnotation(model, d)) });
    }
  }
  insertions.push({ afterLine: lines.length, prefix: '', lines: closingBlock(model) });
  return render(lines, insertions).join(newline) + (endsWithNewline ? newline : '');
}

function render(lines: string[], insertions: Insertion[]): string[] {
  const byLine = new Map<number, Insertion[]>();
  for (const insertion of insertions) {
    const list = byLine.get(insertion.afterLine);
    if (list) list.push(insertion);
    else byLine.set(insertion.afterLine, [insertion]);
  }
  const out: string[] = [];
  const emit = (afterLine: number) => {
    for (const insertion of byLine.get(afterLine) ?? []) {
      // A blank line before the quote, except at the very top of the file.
      if (out.length > 0) out.push(insertion.prefix.trimEnd());
      for (const line of insertion.lines) out.push(`${insertion.prefix}${line}`.trimEnd());
      out.push(insertion.prefix.trimEnd());
    }
  };
  emit(0);
  lines.forEach((line, index) => {
    out.push(line);
    emit(index + 1);
  });
  return out;
}

/** The line after YAML front matter (it must stay first), or 0. */
function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  return close > 0 ? close + 1 : 0;
}

function setCheckbox(lines: string[], item: ChecklistItem, checked: boolean): void {
  if (item.style !== 'checkbox') return;
  const index = item.line - 1;
  const line = lines[index];
  if (line === undefined) return;
  lines[index] = line.replace(TASK_BOX, (_m, lead: string) => `${lead}[${checked ? 'x' : ' '}]`);
}

/** Indentation of the item's content: a block quote there stays inside the item. */
function itemPrefix(lines: string[], item: ChecklistItem): string {
  const match = LIST_MARKER.exec(lines[item.line - 1] ?? '');
  if (!match) return ' '.repeat(Math.max(0, item.column - 1));
  const gap = match[3]!.length > 4 ? 1 : match[3]!.length;
  return `${match[1]!}${' '.repeat(match[2]!.length + gap)}`;
}

/** Whatever stands before the fence (indentation, `>`): the run stays in the fence's container. */
function stepPrefix(lines: string[], step: Step): string {
  const lead = (lines[step.line - 1] ?? '').slice(0, step.column - 1);
  return /^[\s>]*$/.test(lead) ? lead : '';
}

/**
 * After the gate's own line and the GO / NO-GO list that belongs to it: the importer hands the
 * block after a gate label to that gate, so nothing may come between them.
 */
function gateBlockEnd(lines: string[], gate: Gate): number {
  let end = gate.line;
  const isHeading = /^\s{0,3}#{1,6}\s/.test(lines[gate.line - 1] ?? '');
  if (!isHeading) while (end < lines.length && continuesParagraph(lines[end]!)) end++;
  let next = end;
  while (next < lines.length && lines[next]!.trim() === '') next++;
  if (next < lines.length && LIST_MARKER.test(lines[next]!)) end = listEnd(lines, next);
  return end;
}

function continuesParagraph(line: string): boolean {
  return line.trim() !== '' && !LIST_MARKER.test(line) && !/^\s{0,3}(#{1,6}\s|```|~~~|>|[-*_]{3,}\s*$)/.test(line);
}

/** Last line (1-based) of the list whose first line is at 0-based `start`. */
function listEnd(lines: string[], start: number): number {
  let last = start;
  let blank = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      blank = true;
      continue;
    }
    const inList = LIST_MARKER.test(line) || /^\s/.test(line) || (!blank && continuesParagraph(line));
    if (!inList) break;
    last = i;
    blank = false;
  }
  return last + 1;
}

function openingBlock(model: ReportModel): string[] {
  const { session, summary, chain } = model;
  const moved = summary.plannedT0 !== summary.t0 ? ` (planned ${md(utc(summary.plannedT0))})` : '';
  return [
    `> **As run** — session ${md(`“${session.name}”`)} (${session.environment}), T0 ${md(utc(summary.t0))}${moved}.`,
    `> Exported ${md(utc(model.exportedAt))} by T-Minus ${md(model.appVersion)}: ${plural(chain.headSeq, 'event')}, chain head ${chain.headHash}.`,
    `> Checklist ${summary.checklist.done}/${summary.checklist.total} done; ${plural(summary.stepRuns, 'step run')}; ${plural(summary.decisions.length, 'gate decision')}; ${plural(summary.alertsRaised, 'alert')}.`,
    `> The complete record (every event, all step output) is ${md(model.sessionFileName)}; check it with: tminus verify ${md(model.sessionFileName)}`,
  ];
}

function historyLine(model: ReportModel, entry: ItemHistoryEntry): string {
  const when = md(utcWithOffset(entry.at, Date.parse(model.state.header.t0), true));
  const by = md(who(entry.actor));
  switch (entry.kind) {
    case 'checked':
      return `> - **Ticked** by ${by}, ${when}${entry.approver ? ` — approved by **${md(entry.approver)}**` : ''}${entry.note ? ` — note: ${md(`“${entry.note}”`)}` : ''}`;
    case 'unchecked':
      return `> - **Unticked** by ${by}, ${when}${entry.reason ? ` — reason: ${md(`“${entry.reason}”`)}` : ' — no reason given'}`;
    case 'noted':
      return `> - Note by ${by}, ${when}: ${md(`“${entry.text}”`)}`;
  }
}

function itemAnnotation(model: ReportModel, item: ChecklistItem): string[] {
  const state = itemState(model.state.checklist, item.id);
  if (!state.history.length) return [];
  const only = state.history.length === 1 ? state.history[0]! : null;
  if (only?.kind === 'checked') return [`> ✔ **Done**${historyLine(model, only).slice('> - **Ticked**'.length)}`];
  const head = state.checked
    ? `> ✔ **Done** — ${md(who(state.checkedBy!))}, ${md(utc(state.checkedAt!))}${state.approver ? `, approved by **${md(state.approver)}**` : ''}`
    : '> ✘ **Not done** at the end of the session';
  const shown = capped(state.history, MAX_HISTORY, 0.25);
  return [
    head,
    '>',
    ...shown.head.map((entry) => historyLine(model, entry)),
    ...(shown.omitted ? [`> - … ${plural(shown.omitted, 'entry', 'entries')} not shown here; every one is in ${md(csvName(model))} …`] : []),
    ...shown.tail.map((entry) => historyLine(model, entry)),
  ];
}

function runAnnotation(model: ReportModel, run: StepRunState): string[] {
  const t0Ms = Date.parse(model.state.header.t0);
  const progress = model.timeline?.steps.find((s) => s.stepId === run.stepId);
  const planned = progress?.planned;
  const deltaMs = planned ? Date.parse(run.startedAt) - planned.startAtMs : null;
  const delta = deltaMs === null || Math.abs(deltaMs) < 1000 ? '' : `, ${md(formatDelta(Math.abs(deltaMs)).slice(1))} ${deltaMs > 0 ? 'after' : 'before'} its planned start`;
  const ended = run.endedAt ? `, ended ${md(utc(run.endedAt))}` : ', still running when exported';
  const lines = [
    `> **As run — ${md(run.stepTitle)}**: started ${md(utcWithOffset(run.startedAt, t0Ms, true))} by ${md(who(run.startedBy))}${delta}${ended} — **${run.status}**${run.rerunOf ? ' (re-run of failed hosts)' : ''}`,
    '>',
  ];
  for (const target of run.targets) {
    const host = run.hosts[target];
    if (!host) continue;
    const exit = host.exitCode === null ? (host.signal ? `signal ${md(host.signal)}` : 'no exit code') : `exit ${host.exitCode}`;
    const status = host.status === 'succeeded' ? host.status : `**${host.status}**`;
    lines.push(`> - ${md(target)}: ${status}, ${exit}, ${md(formatDurationMs(host.durationMs))}${host.reason ? ` — ${md(host.reason)}` : ''}`);
  }
  lines.push('>', `> Output of each host: in the HTML report and, complete, in ${md(model.sessionFileName)}.`, '');
  return lines;
}

function decisionAnnotation(model: ReportModel, decision: GateDecisionEntry): string[] {
  const t0Ms = Date.parse(model.state.header.t0);
  const lines = [
    `> **Decision: ${decision.decision}** at ${md(`“${decision.title}”`)} — ${md(utcWithOffset(decision.at, t0Ms, true))} by ${md(who(decision.actor))}${decision.role ? md(` for ${decision.role}${decision.onBehalf ? ' (recorded for the absent approver)' : ''}`) : ''}${decision.reason ? ` — ${md(`“${decision.reason}”`)}` : ''}`,
    `> The console's criteria said: **${decision.verdict}**${decision.evidence.decision ? `; decision level ${decision.evidence.decision.level}${decision.evidence.decision.title ? ` (${md(decision.evidence.decision.title)})` : ''}` : ''}.`,
  ];
  const criteria = decision.evidence.gate?.criteria ?? [];
  if (criteria.length) {
    lines.push('>');
    for (const c of criteria) {
      const value = fromJsonNumber(c.value);
      lines.push(`> - ${md(c.threshold)}: ${value === null ? 'no data' : md(formatValue(value, c.unit))} — ${c.verdict}`);
    }
  }
  lines.push('');
  return lines;
}

/** Planned vs forecast for what was not done when the session was exported (and the critical path). */
function forecastLines(model: ReportModel): string[] {
  const forecast = model.timeline?.forecast;
  if (!forecast || forecast.projectedEndAtMs === null) return [];
  const ahead = forecast.nodes.filter((n) => !n.rollback && n.kind !== 'milestone' && (n.basis === 'forecast' || n.basis === 'running' || n.basis === 'held'));
  if (!ahead.length) return [];
  const at = (ms: number | null) => (ms === null ? 'unknown' : utc(new Date(ms).toISOString()));
  const path = forecast.criticalPath.map((id) => forecast.byId.get(id)!).filter((n) => n.kind !== 'milestone');
  return [
    '>',
    `> **Forecast** at the last event: projected end ${md(at(forecast.projectedEndAtMs))} (planned ${md(at(forecast.plannedEndAtMs))})${path.length ? `; critical path: ${path.map((n) => md(`“${n.title}”`)).join(' → ')}` : ''}`,
    ...ahead.map((n) => `> - ${md(n.title)}: planned ${md(at(n.plannedStartAtMs))}, forecast ${md(at(n.startAtMs))}–${md(at(n.endAtMs))}${n.critical ? ' (critical)' : ''}`),
  ];
}

function closingBlock(model: ReportModel): string[] {
  const t0Ms = Date.parse(model.state.header.t0);
  // Lines are drawn only for the entries shown (a flapping hour has tens of thousands).
  const entries: Array<{ seq: number; line: () => string }> = [];
  for (const move of model.facts.t0Moves) {
    entries.push({ seq: move.seq, line: () => `> - ${md(utc(move.at))}: T0 moved from ${md(utc(move.from))} to ${md(utc(move.to))} by ${md(who(move.actor))}${move.reason ? ` — ${md(`“${move.reason}”`)}` : ''}` });
  }
  for (const alert of model.facts.alerts) {
    const verb = alert.transition === 'raised' ? `**Alert raised** (${alert.alert.severity})` : alert.transition === 'cleared' ? 'Alert cleared' : 'Alert lost its data';
    entries.push({ seq: alert.seq, line: () => `> - ${md(utcWithOffset(alert.at, t0Ms))}: ${verb}: ${md(alert.alert.threshold)} — ${md(alert.alert.metric)} ${md(alertValueText(alert.alert))}` });
  }
  for (const level of model.state.metrics.levelHistory) {
    entries.push({ seq: level.seq, line: () => `> - ${md(utcWithOffset(level.at, t0Ms))}: decision level ${level.from} → **${level.to}**${level.verdict ? ` (${md(level.verdict)})` : ''} — ${md(level.reason)}` });
  }
  for (const stray of model.state.metrics.gateDecisions.filter((d) => !model.runbook?.gates.some((g) => g.id === d.gateId))) {
    entries.push({ seq: stray.seq, line: () => `> - ${md(utcWithOffset(stray.at, t0Ms))}: **${stray.decision}** at ${md(`“${stray.title}”`)} by ${md(who(stray.actor))}` });
  }
  for (const gap of model.facts.interruptions) {
    entries.push({ seq: gap.seq, line: () => `> - ${md(utc(gap.at))}: interrupted — ${md(gap.what)}: ${md(gap.detail)}` });
  }
  // A flapping metric writes thousands of transitions: a wiki page gets their beginning and end.
  const shown = capped(entries.sort((a, b) => a.seq - b.seq), MAX_LOG_LINES);
  const lines = [
    '> **As run — log**',
    '>',
    ...shown.head.map((entry) => entry.line()),
    ...(shown.omitted ? [`> - … ${plural(shown.omitted, 'entry', 'entries')} not shown here; every one is in ${md(csvName(model))} …`] : []),
    ...shown.tail.map((entry) => entry.line()),
  ];
  if (!entries.length) lines.push('> - No alerts, level changes or T0 moves were recorded.');
  lines.push(...forecastLines(model));
  lines.push('>', `> Chain head: event ${model.chain.headSeq}, sha256 ${model.chain.headHash}. Verify: tminus verify ${md(model.sessionFileName)}`);
  const signature = model.chain.signature;
  if (signature) lines.push('>', `> Signed by ${md(signature.fingerprint)} (${md(signature.algorithm)} public key ${md(signature.publicKey)}), signature ${md(signature.value)}.`);
  return lines;
}
