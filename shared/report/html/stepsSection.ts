// Section: every step run — who started it, how it was confirmed, the command, and each host's
// outcome with its output (collapsed, redacted at ingest, whole within the report's budgets and
// otherwise shown as its first and last lines with a note naming the session file that holds all
// of it). Yields run by run so a long session streams out without building one huge string.
import { fanOutText } from '../../session/runPolicy';
import type { HostRunState, StepRunState } from '../../session/stepRunsState';
import type { HostOutput, Segment } from '../output';
import { hostKey } from '../reportFacts';
import { formatBytes, formatDurationMs, plural } from '../text';
import { chip, sectionHeading, when, type HtmlContext } from './context';
import { anchorId, escapeHtml as e } from './escape';
import { sectionNumber } from './summarySection';

function segmentsHtml(segments: readonly Segment[]): string {
  return segments.map((s) => (s.stream === 'stderr' ? `<span class="e">${e(s.text)}</span>` : e(s.text))).join('');
}

function outputHtml(context: HtmlContext, run: StepRunState, host: HostRunState, output: HostOutput): string {
  const open = context.variant === 'print' ? ' open' : '';
  if (output.kind === 'none') return '<p class="small muted">No output.</p>';
  if (output.kind === 'omitted') return omittedHtml(context, run, [{ host, chars: output.chars, lines: output.lines }]);
  const size = `${plural(output.lines, 'line')}, ${formatBytes(host.outputBytes || output.chars)}`;
  const label = `Output of ${e(host.target)} <span class="muted">— ${e(size)}${output.kind === 'excerpt' ? ', shortened here' : ''}</span>`;
  if (output.kind === 'whole') return `<details${open}><summary>${label}</summary><pre>${segmentsHtml(output.segments)}</pre></details>`;
  const file = context.model.sessionFileName;
  const budget = output.limit === 'report' ? 'this report’s output budget is used up' : 'it is larger than this report shows per step run';
  const note =
    `<strong>Not all of this output is shown here:</strong> ${budget}. ` +
    `Shown: the first and the last lines; left out here: ${plural(output.omittedLines, 'line')}. ` +
    `The complete output is in the session file <a href="${e(file)}">${e(file)}</a> (outputs of run <code>${e(run.runId)}</code>, host <code>${e(host.target)}</code>)` +
    `${host.outputSha256 ? `, whose sha256 <code>${e(host.outputSha256.slice(0, 16))}…</code> the hash chain records` : ''}.`;
  return [
    `<div class="output-note">${note}</div>`,
    `<details${open}><summary>${label}</summary><pre>${segmentsHtml(output.head)}`,
    `<span class="gap">… ${e(plural(output.omittedLines, 'line'))} left out here — complete in ${e(file)} …</span>`,
    `${segmentsHtml(output.tail)}</pre></details>`,
  ].join('');
}

interface Omitted {
  host: HostRunState;
  chars: number;
  lines: number | null;
}

/** Hosts whose output the spent budget leaves out, in one note (a 50-host run is one line, not 50). */
function omittedHtml(context: HtmlContext, run: StepRunState, hosts: readonly Omitted[]): string {
  const file = context.model.sessionFileName;
  const bytes = hosts.reduce((sum, h) => sum + (h.host.outputBytes || h.chars), 0);
  const counted = hosts.every((h) => h.lines !== null);
  const lines = counted ? `${plural(hosts.reduce((sum, h) => sum + h.lines!, 0), 'line')}, ` : '';
  const names = hosts.length === 1 ? e(hosts[0]!.host.target) : `${e(hosts[0]!.host.target)} … ${e(hosts.at(-1)!.host.target)} (${hosts.length} hosts)`;
  return (
    `<div class="output-note"><strong>Output of ${names} — ${e(lines)}${e(formatBytes(bytes))} — is not shown here:</strong> ` +
    `this report’s output budget was used up by the runs before it. It is complete in the session file <a href="${e(file)}">${e(file)}</a> (outputs of run <code>${e(run.runId)}</code>).</div>`
  );
}

function runHeader(context: HtmlContext, run: StepRunState, index: number, ofStep: number): string {
  const started = `Started ${when(context, run.startedAt)} by <strong>${e(run.startedBy.name)}</strong>${run.startedBy.role ? ` (${e(run.startedBy.role)})` : ''}`;
  const ended = run.endedAt ? `; ended ${when(context, run.endedAt)} after ${e(formatDurationMs(Date.parse(run.endedAt) - Date.parse(run.startedAt)))}` : '; <strong>still running when exported</strong>';
  const policy = fanOutText(run.policy, run.concurrency, run.targets.length);
  const details = [
    `Targets: ${e(run.targets.length > 8 ? `${run.targets.length} hosts (${run.targets.slice(0, 3).join(', ')} … ${run.targets.at(-1)})` : run.targets.join(', '))} · ${e(policy)}`,
    run.confirmation ? `Confirmed by ${e(run.confirmation.method === 'typed' ? `typing “${run.confirmation.text ?? ''}”` : 'press and hold')}` : null,
    run.secretNames.length ? `Secrets given (values never logged): ${e(run.secretNames.join(', '))}` : null,
    run.rerunOf ? `Re-run of the failed hosts of <a href="#${anchorId('run', run.rerunOf)}">an earlier run</a>` : null,
    run.cancelRequested ? '<strong>Cancel was requested</strong>' : null,
  ].filter(Boolean);
  return [
    `<div class="run-head"><h3>${e(run.stepTitle)} ${chip(run.status)}${ofStep > 1 ? ` <span class="muted small">run ${index} of ${ofStep}</span>` : ''}</h3>`,
    `<p class="small">${started}${ended}.</p><p class="small muted">${details.join(' · ')}</p></div>`,
  ].join('');
}

function* runHtml(context: HtmlContext, run: StepRunState, index: number, ofStep: number): Generator<string> {
  const { model } = context;
  yield `<article class="run" id="${anchorId('run', run.runId)}">${runHeader(context, run, index, ofStep)}<div class="run-body">`;
  const step = model.runbook?.steps.find((s) => s.id === run.stepId);
  if (step) {
    const long = step.script.split('\n').length > 24;
    const script = `<pre>${e(step.script)}</pre>`;
    yield long && context.variant === 'screen' ? `<details class="script"><summary>Command (${e(step.shell)}, ${step.script.split('\n').length} lines)</summary>${script}</details>` : `<div class="script"><h4>Command <span class="muted small">${e(step.shell)}</span></h4>${script}</div>`;
  }
  yield '<table><thead><tr><th>Host</th><th>Outcome</th><th class="num">Exit</th><th class="num">Took</th><th class="num">Output</th><th>Detail</th></tr></thead><tbody>';
  for (const target of run.targets) {
    const h = run.hosts[target];
    if (!h) continue;
    const exit = h.exitCode ?? (h.signal ? h.signal : '—');
    yield `<tr><td class="mono">${e(target)}</td><td>${chip(h.status)}</td><td class="num">${e(String(exit))}</td><td class="num">${e(formatDurationMs(h.durationMs))}</td><td class="num">${e(formatBytes(h.outputBytes))}</td><td class="small">${e(h.reason ?? '')}</td></tr>`;
  }
  yield '</tbody></table>';
  context.budget.startRun();
  let omitted: Omitted[] = [];
  for (const target of run.targets) {
    const host = run.hosts[target];
    if (!host) continue;
    // Once the budget is spent the output is not even read: its size is in the host's finish
    // event (covered by the chain) and the session file export checks its digest.
    const output = context.budget.spent ? ({ kind: 'omitted', chars: host.outputBytes, lines: null } as const) : context.budget.read(context.outputs.chunks(run.runId, target));
    context.onHostRendered?.();
    const unredacted = model.facts.unredacted[hostKey(run.runId, target)];
    if (output.kind === 'omitted' && host.outputBytes > 0 && !unredacted?.length) {
      omitted.push({ host, chars: output.chars, lines: output.lines });
      continue;
    }
    if (omitted.length) yield omittedHtml(context, run, omitted);
    omitted = [];
    if (unredacted?.length) {
      yield `<div class="callout warn small">Secret(s) ${e(unredacted.join(', '))} were too short to redact: their values may appear in this host’s output.</div>`;
    }
    yield outputHtml(context, run, host, output);
  }
  if (omitted.length) yield omittedHtml(context, run, omitted);
  yield '</div></article>';
}

export function* stepsSectionHtml(context: HtmlContext): Generator<string> {
  const { steps } = context.model.state;
  yield sectionHeading('steps', sectionNumber('steps'), 'Step runs');
  if (!steps.order.length) {
    yield '<p class="muted">No step was run in this session.</p>';
    return;
  }
  yield `<p class="small muted">${plural(steps.order.length, 'run')} in the order they started. Output is shown as stored — secrets were redacted as it arrived; terminal colours are removed. Lines from standard error are in red.</p>`;
  const perStep = new Map<string, number>();
  for (const id of steps.order) perStep.set(steps.runs[id]!.stepId, (perStep.get(steps.runs[id]!.stepId) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const id of steps.order) {
    const run = steps.runs[id]!;
    const index = (seen.get(run.stepId) ?? 0) + 1;
    seen.set(run.stepId, index);
    yield* runHtml(context, run, index, perStep.get(run.stepId)!);
  }
}
