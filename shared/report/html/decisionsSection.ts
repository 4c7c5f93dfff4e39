// Section: every gate decision (GO / HOLD / ROLLBACK, per approver) as recorded: first each gate's
// whole sequence on one line, then each decision with the evidence the console took at that moment — the
// gate's criteria with values and verdicts, the decision level, and each metric's last 15 minutes
// drawn against the runbook's thresholds.
import { fromJsonNumber } from '../../log/metricsEvents';
import type { EvidenceMetric } from '../../metrics/evidence';
import { gateHistoryLine, gateStatusOf, OUTCOME_TEXT } from '../../session/gateStatus';
import type { GateDecisionEntry } from '../../session/metricsState';
import { formatValue } from '../../metrics/units';
import { chip, sectionHeading, when, type HtmlContext } from './context';
import { anchorId, escapeHtml as e } from './escape';
import { metricChartSvg, thresholdLines } from './metricChart';
import { sectionNumber } from './summarySection';

function valueText(value: number | null, unit: string | null): string {
  return value === null ? 'no data' : formatValue(value, unit);
}

/** How a metric's reading went, in words that cannot be mistaken for the gate's verdict. */
export function readChip(metric: Pick<EvidenceMetric, 'status' | 'ageMs'>): string {
  switch (metric.status) {
    case 'ok':
      return chip('read-ok', 'read ok');
    case 'stale':
      return chip('stale', metric.ageMs != null ? `stale ${Math.round(metric.ageMs / 1000)} s` : 'stale');
    case 'no-data':
      return chip('no-data', 'no data');
    case 'pending':
      return chip('neutral', 'not read yet');
    default:
      return chip(metric.status, metric.status === 'down' ? 'down' : 'read failed');
  }
}

function decisionHtml(context: HtmlContext, decision: GateDecisionEntry): string {
  const { evidence } = decision;
  const go = decision.decision === 'GO';
  const role = decision.role ? ` as <strong>${e(decision.role)}</strong>${decision.onBehalf ? ' — recorded for the absent approver' : ''}` : '';
  const out: string[] = [
    `<article class="decision ${go ? 'go' : 'nogo'}" id="${anchorId('decision', String(decision.seq))}">`,
    `<h3>${chip(decision.decision)} ${e(decision.title)}</h3>`,
    `<p>Recorded ${when(context, decision.at)} by <strong>${e(decision.actor.name)}</strong>${decision.actor.role ? ` (${e(decision.actor.role)})` : ''}${role}. The console's criteria said ${chip(decision.verdict)}${evidence.decision ? `; the decision tree was at level <strong>${evidence.decision.level}</strong>${evidence.decision.title ? ` (${e(evidence.decision.title)})` : ''}${evidence.decision.certain ? '' : ', not certain'}` : ''}.</p>`,
  ];
  if (decision.reason) out.push(`<p><strong>Reason:</strong> ${e(decision.reason)}</p>`);
  if (evidence.decision?.why.length) out.push(`<p class="small muted">Level because: ${e(evidence.decision.why.join('; '))}</p>`);
  const criteria = evidence.gate?.criteria ?? [];
  if (criteria.length) {
    // Whether the metric could be read and what the gate made of it are two facts: a criterion with
    // no verdict may have been read fine (unit mismatch) or not read at all (source down).
    out.push('<table><thead><tr><th>Criterion</th><th>Value</th><th>Read</th><th>Gate verdict</th><th>How it was read</th></tr></thead><tbody>');
    for (const c of criteria) {
      const metric = evidence.metrics.find((m) => m.metricKey === c.metric || m.name === c.metric);
      out.push(
        `<tr><td>${e(c.threshold)}</td><td class="nowrap">${e(valueText(fromJsonNumber(c.value), c.unit))}</td><td>${metric ? readChip(metric) : '<span class="muted">not watched</span>'}</td><td>${chip(c.verdict)}</td><td class="small">${e(c.reason)}${c.query ? `<br><code>${e(c.query)}</code>` : ''}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  } else {
    out.push('<p class="muted small">The gate has no measurable criteria in the runbook; the decision rests on the reason given.</p>');
  }
  if (evidence.metrics.length) {
    const criterionIds = new Set(criteria.map((c) => c.thresholdId));
    out.push(`<h4>Metrics at the decision (up to ${Math.round(evidence.windowMs / 60_000)} minutes before it)</h4><div class="charts">`);
    for (const metric of evidence.metrics) {
      const { lines, skipped } = thresholdLines(metric, context.model.runbook?.thresholds ?? [], criterionIds);
      const value = fromJsonNumber(metric.value);
      out.push(
        `<figure>${metricChartSvg(metric, evidence.takenAt, evidence.windowMs, lines)}<figcaption><strong>${e(metric.name)}</strong>${metric.unit ? ` (${e(metric.unit)})` : ''}: ${e(valueText(value, metric.unit))} ${readChip(metric)} · ${e(metric.source)}${metric.message ? ` · ${e(metric.message)}` : ''}<br><code>${e(metric.query)}</code>${skipped.length ? `<br>Not drawn (units differ): ${e(skipped.join('; '))}` : ''}</figcaption></figure>`,
      );
    }
    out.push('</div>');
  } else {
    out.push('<p class="muted small">No metric was being watched when this decision was taken: there is no evidence snapshot.</p>');
  }
  out.push('</article>');
  return out.join('');
}

export function decisionsSectionHtml(context: HtmlContext): string {
  const decisions = context.model.state.metrics.gateDecisions;
  const out = [sectionHeading('decisions', sectionNumber('decisions'), 'Gate decisions and their evidence')];
  const undecided = (context.model.runbook?.gates ?? []).filter((g) => !decisions.some((d) => d.gateId === g.id));
  if (!decisions.length) out.push('<p class="muted">No gate decision (GO / HOLD / ROLLBACK) was recorded in this session.</p>');
  const t0Ms = Date.parse(context.model.state.header.t0);
  const endMs = Date.parse(context.model.facts.lastAt ?? context.model.state.header.t0);
  const sequences = (context.model.runbook?.gates ?? []).filter((g) => decisions.some((d) => d.gateId === g.id));
  if (sequences.length) {
    out.push('<ul class="gate-sequences">');
    for (const gate of sequences) {
      const status = gateStatusOf(gate, context.model.state.metrics, t0Ms, endMs);
      const votes = status.votes.length ? ` <span class="small muted">(${e(status.votes.map((v) => `${v.role}: ${v.vote?.decision ?? 'no vote'}`).join(' · '))})</span>` : '';
      out.push(`<li><strong>${e(gate.title)}</strong> — ${chip(OUTCOME_TEXT[status.outcome])}${votes}<br><span class="small">${e(gateHistoryLine(status.history))}</span></li>`);
    }
    out.push('</ul>');
  }
  for (const decision of decisions) out.push(decisionHtml(context, decision));
  if (undecided.length) {
    out.push(`<p class="small muted">Gates without a recorded decision: ${e(undecided.map((g) => g.title).join('; '))}.</p>`);
  }
  return out.join('');
}
