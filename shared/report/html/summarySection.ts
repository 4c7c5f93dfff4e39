// The first page: what this document is, which session, whether its record verified, and the
// launch in numbers — decisions, the highest decision level, alerts, failed and late steps, and
// who took part.
import { formatUtc } from '../../timeline/format';
import { formatDelta, formatDurationMs, plural } from '../text';
import { chip, sectionHeading, when, type HtmlContext } from './context';
import { anchorId, escapeHtml as e } from './escape';

export const SECTIONS = [
  { id: 'summary', title: 'Summary' },
  { id: 'timeline', title: 'Timeline: planned vs actual' },
  { id: 'decisions', title: 'Gate decisions and their evidence' },
  { id: 'alerts', title: 'Alerts and decision levels' },
  { id: 'steps', title: 'Step runs' },
  { id: 'checklist', title: 'Checklist as run' },
  { id: 'notes', title: 'Notes' },
  { id: 'integrity', title: 'Integrity of this record' },
] as const;

export function sectionNumber(id: (typeof SECTIONS)[number]['id']): number {
  return SECTIONS.findIndex((s) => s.id === id) + 1;
}

function meta(label: string, value: string): string {
  return `<div><dt>${e(label)}</dt><dd>${value}</dd></div>`;
}

export function mastheadHtml(context: HtmlContext): string {
  const { model } = context;
  const { session, summary, chain } = model;
  const runbook = model.runbook;
  const t0Moves = model.facts.t0Moves.length;
  const moved = summary.plannedT0 !== summary.t0;
  // "As planned" is a claim about what happened at T0: only once T0 has passed within the session.
  const t0Passed = model.endMs >= Date.parse(summary.t0);
  const movedNote = moved ? `moved ${plural(t0Moves, 'time')} (${e(formatDelta(Date.parse(summary.t0) - Date.parse(summary.plannedT0)))})` : '';
  const t0Note = t0Passed ? movedNote || 'as planned' : `not reached when the session's record ends${movedNote ? `; ${movedNote}` : ''}`;
  return [
    '<header class="masthead">',
    '<div class="doc-kind">Launch audit report</div>',
    `<h1>${e(session.name)}</h1>`,
    `<div class="sub">${runbook ? `${e(runbook.title)} <span class="muted">· ${e(runbook.sourceName)}</span> · ` : ''}<span class="env env-${e(session.environment)}">${e(session.environment)}</span></div>`,
    '<dl class="meta">',
    meta('Planned T0', e(formatUtc(Date.parse(summary.plannedT0), true))),
    meta(t0Passed ? 'Actual T0' : 'T0 (not reached)', `${e(formatUtc(Date.parse(summary.t0), true))}<br><span class="muted small">${t0Note}</span>`),
    meta('First step started', summary.firstStepAt ? when(context, summary.firstStepAt) : '<span class="muted">no step ran</span>'),
    meta('Launch duration', summary.launchDurationMs === null ? '<span class="muted">—</span>' : `${e(formatDurationMs(summary.launchDurationMs))}<br><span class="muted small">first step start → last step end</span>`),
    meta('Session', `${e(formatUtc(Date.parse(model.facts.firstAt ?? session.createdAt), true))}<br><span class="muted small">to ${e(formatUtc(model.endMs, true))}</span>`),
    meta('Incident commander', e(session.createdBy.name) + (session.createdBy.role ? ` <span class="muted small">${e(session.createdBy.role)}</span>` : '')),
    meta('Exported', `${e(formatUtc(model.exportedAt, true))}<br><span class="muted small">T-Minus ${e(model.appVersion)}</span>`),
    meta('Record', `${plural(chain.headSeq, 'event')}<br><span class="muted small mono">head ${e(chain.headHash.slice(0, 16))}…</span>`),
    '</dl>',
    `<div class="integrity-box"><strong>The record verified when this report was made:</strong> all ${plural(chain.headSeq, 'event')} re-hash into the chain head <code>${e(chain.headHash)}</code>. Anyone can check the session file this report belongs with: <code>tminus verify ${e(model.sessionFileName)}</code> (see <a href="#integrity">section ${sectionNumber('integrity')}</a>).</div>`,
    '<nav aria-label="Contents"><ol class="toc">',
    ...SECTIONS.map((s, i) => `<li><a href="#${s.id}"><span class="num">${i + 1}</span>${e(s.title)}</a></li>`),
    '</ol></nav>',
    '</header>',
  ].join('');
}

function kpi(label: string, value: string, tone: 'good' | 'bad' | 'warn' | '' = ''): string {
  return `<div class="kpi ${tone}"><div class="v">${value}</div><div class="l">${e(label)}</div></div>`;
}

/** `2 GO, 1 HOLD` — each decision word that occurs, in a fixed order (NO-GO only in sessions recorded before HOLD). */
function decisionCounts(decisions: ReadonlyArray<{ decision: string }>): string {
  return ['GO', 'HOLD', 'NO-GO', 'ROLLBACK']
    .map((word) => [word, decisions.filter((d) => d.decision === word).length] as const)
    .filter(([, count]) => count > 0)
    .map(([word, count]) => `${count} ${word}`)
    .join(', ');
}

function leadSentence(context: HtmlContext): string {
  const { summary } = context.model;
  const parts: string[] = [];
  if (summary.firstStepAt && summary.lastStepEndAt) {
    parts.push(`The launch ran from ${e(formatUtc(Date.parse(summary.firstStepAt)))} to ${e(formatUtc(Date.parse(summary.lastStepEndAt)))} (${e(formatDurationMs(summary.launchDurationMs))}) in ${plural(summary.stepRuns, 'step run')}.`);
  } else {
    parts.push('No step was run in this session.');
  }
  parts.push(
    summary.decisions.length
      ? `${plural(summary.decisions.length, 'gate decision')} (${decisionCounts(summary.decisions)}); the last was <strong>${e(summary.decisions.at(-1)!.decision)}</strong> at ${e(summary.decisions.at(-1)!.title)}.`
      : 'No gate decision was recorded.',
  );
  parts.push(
    summary.highestLevel
      ? `The decision tree reached level <strong>${summary.highestLevel.level}</strong>${summary.highestLevel.verdict ? ` (${e(summary.highestLevel.verdict)})` : ''}.`
      : 'The decision tree never left level 0.',
  );
  parts.push(`${plural(summary.alertsRaised, 'alert')} raised; ${plural(summary.stepsFailed.length, 'step run')} did not succeed; ${plural(summary.stepsLate.length, 'step')} started late.`);
  return `<p class="lead">${parts.join(' ')}</p>`;
}

export function summarySectionHtml(context: HtmlContext): string {
  const { model } = context;
  const { summary, facts } = model;
  const notGo = summary.decisions.filter((d) => d.decision !== 'GO').length;
  const out: string[] = [sectionHeading('summary', sectionNumber('summary'), 'Summary', true), leadSentence(context), '<div class="kpis">'];
  out.push(
    kpi('Gate decisions', summary.decisions.length ? decisionCounts(summary.decisions).replace(/, /g, ' · ') : '0', notGo ? 'warn' : summary.decisions.length ? 'good' : ''),
    kpi('Highest level', String(summary.highestLevel?.level ?? 0), (summary.highestLevel?.level ?? 0) >= 2 ? 'bad' : (summary.highestLevel?.level ?? 0) === 1 ? 'warn' : 'good'),
    kpi('Alerts raised', String(summary.alertsRaised), summary.alertsBySeverity.page ? 'bad' : summary.alertsRaised ? 'warn' : 'good'),
    kpi('Steps failed · late', `${summary.stepsFailed.length} · ${summary.stepsLate.length}`, summary.stepsFailed.length ? 'bad' : summary.stepsLate.length ? 'warn' : 'good'),
    kpi('Checklist done', `${summary.checklist.done}/${summary.checklist.total}`, summary.checklist.done === summary.checklist.total ? 'good' : ''),
    '</div>',
  );
  if (summary.decisions.length) {
    out.push('<h3>Decisions</h3><table><thead><tr><th>When</th><th>Gate</th><th>Decision</th><th>By</th></tr></thead><tbody>');
    for (const d of summary.decisions) {
      out.push(`<tr><td>${when(context, d.at)}</td><td><a href="#${anchorId('decision', String(d.seq))}">${e(d.title)}</a></td><td>${chip(d.decision)}</td><td>${e(d.by)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (summary.stepsFailed.length || summary.stepsLate.length) {
    out.push('<h3>Steps that failed or ran late</h3><table><thead><tr><th>Step</th><th>What</th><th>Detail</th></tr></thead><tbody>');
    for (const f of summary.stepsFailed) {
      out.push(`<tr><td><a href="#${anchorId('run', f.runId)}">${e(f.title)}</a></td><td>${chip(f.status)}</td><td>${f.failedHosts.length ? `on ${e(f.failedHosts.join(', '))}` : ''}</td></tr>`);
    }
    for (const l of summary.stepsLate) {
      out.push(`<tr><td>${e(l.title)}</td><td>${chip('late')}</td><td>started ${e(formatDurationMs(l.startDeltaMs))} after its planned start</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('<h3>Who took part</h3><table><thead><tr><th>Name</th><th>Role</th><th class="num">Events</th><th>What they recorded</th><th>From</th><th>To</th></tr></thead><tbody>');
  for (const p of facts.participants) {
    const did = Object.entries(p.did)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ');
    out.push(`<tr><td>${e(p.name)}</td><td>${e(p.role ?? '—')}</td><td class="num">${p.events.toLocaleString('en-US')}</td><td class="small">${e(did || '—')}</td><td>${when(context, p.firstAt)}</td><td>${when(context, p.lastAt)}</td></tr>`);
  }
  if (facts.systemEvents) {
    out.push(`<tr><td>T-Minus</td><td class="muted">the console itself</td><td class="num">${facts.systemEvents.toLocaleString('en-US')}</td><td class="small muted">alerts, level changes, recovery after a restart</td><td></td><td></td></tr>`);
  }
  out.push('</tbody></table>');
  if (facts.approvals.length) {
    out.push('<h3>Sign-offs</h3><table><thead><tr><th>Item</th><th>Approved by</th><th>Recorded by</th><th>When</th></tr></thead><tbody>');
    for (const a of facts.approvals) {
      out.push(`<tr><td>${e(model.names.item(a.itemId))}</td><td><strong>${e(a.approver)}</strong></td><td>${e(a.recordedBy.name)}</td><td>${when(context, a.at)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (facts.interruptions.length) {
    out.push(`<div class="callout warn"><strong>The console was interrupted ${plural(facts.interruptions.length, 'time')}.</strong> Work in progress was closed as interrupted at the next start: `);
    out.push(facts.interruptions.map((i) => `${e(i.what)}${i.ref ? ` ${e(i.ref)}` : ''} (${e(i.detail)})`).join('; '));
    out.push('</div>');
  }
  return out.join('');
}
