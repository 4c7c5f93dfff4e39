// Section: alerts as they were raised, lost their data and cleared, decision-level changes with
// the measurements behind them, and monitoring switched on and off — one table in log order.
import { alertValueText } from '../eventSummary';
import type { AlertRecord } from '../reportFacts';
import { formatDurationMs } from '../text';
import { capped, omittedNote } from './capped';
import { chip, sectionHeading, when, type HtmlContext } from './context';
import { escapeHtml as e } from './escape';
import { sectionNumber } from './summarySection';

/** Transitions listed one by one; a flapping metric beyond this is summarised per threshold. */
const MAX_ROWS = 1000;

interface ThresholdTally {
  threshold: string;
  severity: AlertRecord['alert']['severity'];
  raised: number;
  firstAt: string;
  lastAt: string;
  longestMs: number;
  open: string | null;
}

/** Per threshold: how often it fired, first and last, the longest breach, whether it is still raised. */
function tallies(alerts: readonly AlertRecord[], endMs: number): ThresholdTally[] {
  const byId = new Map<string, ThresholdTally>();
  for (const record of alerts) {
    let tally = byId.get(record.alert.thresholdId);
    if (!tally) {
      tally = { threshold: record.alert.threshold, severity: record.alert.severity, raised: 0, firstAt: record.at, lastAt: record.at, longestMs: 0, open: null };
      byId.set(record.alert.thresholdId, tally);
    }
    tally.lastAt = record.at;
    if (record.transition === 'raised') {
      if (!tally.open) tally.raised++;
      tally.open ??= record.at;
    } else if (record.transition === 'cleared' && tally.open) {
      tally.longestMs = Math.max(tally.longestMs, Date.parse(record.at) - Date.parse(tally.open));
      tally.open = null;
    }
  }
  for (const tally of byId.values()) if (tally.open) tally.longestMs = Math.max(tally.longestMs, endMs - Date.parse(tally.open));
  // A runbook often states one condition in two places (the success criteria and the targets both
  // say "Error rate < 1%"): two thresholds, one condition, raised together. List it once.
  const byCondition = new Map<string, ThresholdTally>();
  for (const tally of byId.values()) {
    const key = `${tally.severity}\u0000${tally.threshold}`;
    const seen = byCondition.get(key);
    if (!seen) {
      byCondition.set(key, { ...tally });
      continue;
    }
    seen.raised = Math.max(seen.raised, tally.raised);
    if (tally.firstAt < seen.firstAt) seen.firstAt = tally.firstAt;
    if (tally.lastAt > seen.lastAt) seen.lastAt = tally.lastAt;
    seen.longestMs = Math.max(seen.longestMs, tally.longestMs);
    seen.open ??= tally.open;
  }
  return [...byCondition.values()];
}

/** A row of the table, drawn only if it is shown (a flapping hour has tens of thousands). */
interface Row {
  seq: number;
  html: () => string;
}

export function alertsSectionHtml(context: HtmlContext): string {
  const { model } = context;
  const rows: Row[] = [];
  for (const record of model.facts.alerts) {
    const a = record.alert;
    const what = record.transition === 'raised' ? 'Alert raised' : record.transition === 'cleared' ? 'Alert cleared' : 'Alert lost its data';
    // (Built lazily below: only the rows shown are drawn.)
    rows.push({
      seq: record.seq,
      html: () => `<tr><td>${when(context, record.at)}</td><td>${e(what)}</td><td>${chip(record.transition === 'raised' ? a.severity : record.transition)}</td><td>${e(a.threshold)}</td><td class="nowrap">${e(alertValueText(a))}</td><td class="small">${e(a.reason)}${a.action ? `<br><strong>Runbook:</strong> ${e(a.action)}` : ''}${a.query ? `<br><code>${e(a.query)}</code>` : ''}</td></tr>`,
    });
  }
  for (const level of model.state.metrics.levelHistory) {
    rows.push({
      seq: level.seq,
      html: () => `<tr><td>${when(context, level.at)}</td><td>Decision level ${level.from} → <strong>${level.to}</strong>${level.certain ? '' : ' <span class="muted small">(uncertain)</span>'}</td><td>${chip(level.to >= 2 ? 'failed' : level.to === 1 ? 'warning' : 'succeeded', `level ${level.to}`)}</td><td>${e(level.title ?? '—')}</td><td>${e(level.verdict ?? '')}</td><td class="small">${e(level.reason)}${level.actions.length ? `<br><strong>Runbook says:</strong> ${e(level.actions.join('; '))}` : ''}</td></tr>`,
    });
  }
  for (const m of model.facts.monitoring) {
    rows.push({
      seq: m.seq,
      html: () => `<tr class="muted"><td>${when(context, m.at)}</td><td>Monitoring ${m.on ? 'started' : 'stopped'}</td><td></td><td colspan="2">by ${e(m.actor.name)}</td><td class="small">${e(m.reason ?? '')}</td></tr>`,
    });
  }
  rows.sort((a, b) => a.seq - b.seq);
  const out = [sectionHeading('alerts', sectionNumber('alerts'), 'Alerts and decision levels')];
  if (!rows.length) {
    out.push('<p class="muted">No metric was monitored, and no alert or level change was recorded.</p>');
    return out.join('');
  }
  const active = Object.values(model.state.metrics.alerts);
  if (active.length) {
    out.push(`<div class="callout warn"><strong>${active.length} alert(s) still raised when the session ended:</strong> ${e(active.map((a) => a.threshold).join('; '))}</div>`);
  }
  if (model.facts.alerts.length) {
    out.push('<h3>By threshold</h3><table><thead><tr><th>Threshold</th><th></th><th class="num">Raised</th><th>First</th><th>Last</th><th class="num">Longest</th><th>At the end</th></tr></thead><tbody>');
    for (const t of tallies(model.facts.alerts, model.endMs)) {
      out.push(`<tr><td>${e(t.threshold)}</td><td>${chip(t.severity)}</td><td class="num">${t.raised.toLocaleString('en-US')}</td><td>${when(context, t.firstAt)}</td><td>${when(context, t.lastAt)}</td><td class="num nowrap">${e(formatDurationMs(t.longestMs))}</td><td>${t.open ? chip('open', 'still raised') : chip('cleared')}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  const shown = capped(rows, MAX_ROWS);
  out.push('<h3>In order</h3><table><thead><tr><th>When</th><th>What</th><th></th><th>Threshold / level</th><th>Value</th><th>Detail</th></tr></thead><tbody>');
  for (const row of shown.head) out.push(row.html());
  if (shown.omitted) out.push(`<tr class="gap-row"><td colspan="6">${omittedNote(model, shown.omitted, 'transition')}</td></tr>`);
  for (const row of shown.tail) out.push(row.html());
  out.push('</tbody></table>');
  return out.join('');
}
