// One readable line per event, for the CSV's `summary` column and the report's event lists: what
// a person reading the retrospective would say happened ("Ticked “CTO approval” — approved by
// Grace Hopper"), with items, steps and gates named by their runbook text instead of their ids.
import type { GrantTarget } from '../log/seatEvents';
import type { LoggedEvent } from '../log/eventTypes';
import { fromJsonNumber, type AlertPayload } from '../log/metricsEvents';
import type { Runbook } from '../runbook/model';
import { formatValue } from '../metrics/units';

export interface RunbookNames {
  item(id: string): string;
  step(id: string): string;
  gate(id: string): string;
}

/** Names from the runbook; an id the runbook does not know is shown as the id itself. */
export function runbookNames(runbook: Runbook | null): RunbookNames {
  const items = new Map(runbook?.checklistItems.map((i) => [i.id, i.text]) ?? []);
  const steps = new Map(runbook?.steps.map((s) => [s.id, s.title]) ?? []);
  const gates = new Map(runbook?.gates.map((g) => [g.id, g.title]) ?? []);
  return {
    item: (id) => items.get(id) ?? id,
    step: (id) => steps.get(id) ?? id,
    gate: (id) => gates.get(id) ?? id,
  };
}

const quote = (text: string): string => `“${text}”`;
const clip = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const suffix = (label: string, text: string | null | undefined): string => (text ? ` — ${label}${clip(text)}` : '');

export function alertValueText(alert: Pick<AlertPayload, 'value' | 'unit'>): string {
  const value = fromJsonNumber(alert.value);
  return value === null ? 'no data' : formatValue(value, alert.unit);
}

function duration(ms: number | null): string {
  if (ms === null) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function describeEvent(event: LoggedEvent, names: RunbookNames): string {
  switch (event.type) {
    case 'session.created':
      return `Session ${quote(event.payload.name)} created (${event.payload.environment}, T0 ${event.payload.t0})${event.payload.runbook ? ` from ${event.payload.runbook.sourceName}` : ''}`;
    case 'session.actorChanged':
      return `At the keyboard: ${event.payload.actor.name}${event.payload.actor.role ? ` (${event.payload.actor.role})` : ''}${event.payload.previous ? `, after ${event.payload.previous.name}` : ''}`;
    case 'session.t0Moved':
      return `T0 moved from ${event.payload.from} to ${event.payload.to}${suffix('reason: ', event.payload.reason)}`;
    case 'session.closed':
      return `Session closed${suffix('', event.payload.reason)}`;
    case 'session.runbookReplaced':
      if (event.payload.correction) return `Runbook corrected at line ${event.payload.correction.line}: ${clip(event.payload.correction.description)}`;
      return `Runbook replaced by ${event.payload.to.sourceName} (${event.payload.added} added, ${event.payload.removed} removed, ${event.payload.changed} changed)`;
    case 'session.rehearsalLinked':
      return event.payload.rehearsalName ? `Compared with rehearsal ${quote(event.payload.rehearsalName)}` : 'Rehearsal comparison removed';
    case 'session.interrupted':
      return `Interrupted: ${event.payload.what}${event.payload.ref ? ` ${event.payload.ref}` : ''} — ${clip(event.payload.detail)}`;
    case 'checklist.checked':
      return `Ticked ${quote(names.item(event.payload.itemId))}${suffix('approved by ', event.payload.approver)}${suffix('note: ', event.payload.note)}`;
    case 'checklist.unchecked':
      return `Unticked ${quote(names.item(event.payload.itemId))}${suffix('reason: ', event.payload.reason)}`;
    case 'checklist.noted':
      return `Note on ${quote(names.item(event.payload.itemId))}: ${clip(event.payload.text)}`;
    case 'step.runStarted':
      return `Started ${quote(event.payload.stepTitle)} on ${event.payload.targets.join(', ')}${event.payload.rerunOf ? ' (re-run of an earlier run)' : ''}${
        event.payload.outOfOrder ? ` out of order, before ${event.payload.outOfOrder.waitingFor.map((w) => quote(w.title)).join(', ')}: ${clip(event.payload.outOfOrder.reason)}` : ''
      }${event.payload.acknowledgedUnknown?.length ? ` — acknowledged the unknown outcome on ${event.payload.acknowledgedUnknown.join(', ')}` : ''}`;
    case 'step.hostStarted':
      return `${event.payload.target}: started`;
    case 'step.hostFinished': {
      const p = event.payload;
      const exit = p.exitCode === null ? (p.signal ? `signal ${p.signal}` : 'no exit code') : `exit ${p.exitCode}`;
      return `${p.target}: ${p.status}, ${exit}${p.durationMs === null ? '' : `, ${duration(p.durationMs)}`}, ${p.outputBytes} bytes of output${suffix('', p.reason)}`;
    }
    case 'step.hostChecked': {
      const p = event.payload;
      const found = !p.reachable ? 'unreachable' : p.stillRunning === null ? 'could not tell' : p.stillRunning ? 'still running' : 'no longer running';
      return `Checked ${p.target} for run ${p.runId}: ${found} — ${clip(p.detail)}`;
    }
    case 'step.cancelRequested':
      return `Cancel requested for run ${event.payload.runId}${suffix('reason: ', event.payload.reason)}`;
    case 'step.runFinished':
      return `Run ${event.payload.runId} ${event.payload.status} after ${duration(event.payload.durationMs)}`;
    case 'hosts.inventorySet':
      return `Inventory set: ${event.payload.hosts.length} host(s) (${event.payload.source})`;
    case 'host.keyDecision':
      return `Host key of ${event.payload.target ? `${event.payload.target} (${event.payload.host}:${event.payload.port})` : `${event.payload.host}:${event.payload.port}`} ${event.payload.decision}${event.payload.via ? ` via ${event.payload.via}` : ''} (${event.payload.keyType} ${event.payload.fingerprint})`;
    case 'hosts.acceptNewSet':
      return `StrictHostKeyChecking accept-new ${event.payload.enabled ? 'turned on' : 'turned off'} for this production session`;
    case 'hosts.checked': {
      const failed = event.payload.results.filter((r) => r.checks.some((c) => c.status === 'fail')).map((r) => r.host);
      const unknown = event.payload.results.filter((r) => !failed.includes(r.host) && r.checks.some((c) => c.status === 'unknown')).map((r) => r.host);
      const parts = [failed.length ? `failed on ${failed.join(', ')}` : '', unknown.length ? `unknown host key on ${unknown.join(', ')}` : ''].filter(Boolean);
      return `Pre-flight of ${event.payload.results.length} host(s)${parts.length ? `: ${parts.join('; ')}` : ': all ok'}`;
    }
    case 'secrets.provided':
      return `Secrets given (${event.payload.source}): ${event.payload.names.join(', ')}`;
    case 'secrets.forgotten':
      return `Secrets forgotten: ${event.payload.names.join(', ')}`;
    case 'metrics.configured':
      return `Metric settings: ${event.payload.config.bindings.length} binding(s)`;
    case 'metrics.monitoringStarted':
      return `Monitoring started (${event.payload.metricKeys.length} metrics, every ${event.payload.pollIntervalMs / 1000} s)`;
    case 'metrics.monitoringStopped':
      return `Monitoring stopped${suffix('', event.payload.reason)}`;
    case 'metrics.alertRaised':
      return `Alert (${event.payload.severity}): ${event.payload.threshold} — ${event.payload.metric} ${alertValueText(event.payload)}`;
    case 'metrics.alertDataLost':
      return `Alert data lost: ${event.payload.threshold} — ${clip(event.payload.reason)}`;
    case 'metrics.alertCleared':
      return `Alert cleared: ${event.payload.threshold} — ${event.payload.metric} ${alertValueText(event.payload)}`;
    case 'metrics.levelChanged':
      return `Decision level ${event.payload.from} → ${event.payload.to}${event.payload.toCertain ? '' : ' (uncertain)'}${event.payload.verdict ? `: ${event.payload.verdict}` : ''} — ${clip(event.payload.reason)}`;
    case 'metrics.gateApproversSet':
      return `Approvers of ${quote(event.payload.title)}: ${event.payload.roles.length ? event.payload.roles.join(', ') : 'none (the IC decides alone)'}${suffix('reason: ', event.payload.reason)}`;
    case 'metrics.gateDecided':
      return `${event.payload.decision}${event.payload.role ? ` (${event.payload.role}${event.payload.onBehalf ? ', recorded for an absent approver' : ''})` : ''} at ${quote(event.payload.title)} (console said ${event.payload.verdict})${suffix('reason: ', event.payload.reason)}`;
    case 'timeline.milestoneReached':
      return `Milestone reached: ${event.payload.text} (${event.payload.dueAt.slice(11, 16)} UTC)`;
    case 'notify.targetsSet':
      return `Notification targets: ${event.payload.targets.map((t) => `${t.name} (${t.kind})`).join(', ') || 'none'}`;
    case 'notify.attempted': {
      const p = event.payload;
      const result = p.ok ? `sent (HTTP ${p.status})` : `failed (${p.status === null ? 'no answer' : `HTTP ${p.status}`}${suffix(': ', p.error)})${p.final ? ', given up' : ', will retry'}`;
      return `Notification to ${p.targetName} (${p.rule}), attempt ${p.attempt}: ${result}`;
    }
    case 'seat.created':
      return `Seat invited: ${event.payload.name} (${event.payload.roles.join(', ')})`;
    case 'seat.revoked':
      return `Seat revoked: ${event.payload.seatId}${suffix('reason: ', event.payload.reason)}`;
    case 'seat.granted':
      return `Granted ${event.payload.permission} to ${grantTargetText(event.payload.to)}`;
    case 'seat.grantRevoked':
      return `Took back ${event.payload.permission} from ${grantTargetText(event.payload.to)}`;
    case 'seat.refused':
      return `Refused ${event.payload.call} by seat ${event.payload.seatId}: ${clip(event.payload.reason)}`;
    case 'seat.keyRegistered':
      return `Seat ${event.payload.seatId} registered its signing key`;
    case 'seat.queuedAction': {
      const p = event.payload;
      const what = p.action === 'check' ? 'Ticked' : p.action === 'uncheck' ? 'Unticked' : 'Noted on';
      return `${what} ${quote(names.item(p.itemId))} offline at ${p.seatTime} (seat ${p.seatId}, queued #${p.seq})${p.conflict ? ' — CONFLICT: the item had changed meanwhile' : ''}`;
    }
    case 'seat.queuedRefused':
      return `Refused queued action #${event.payload.seq} of seat ${event.payload.seatId}: ${clip(event.payload.reason)}`;
    case 'seat.conflictResolved':
      return `Conflict on ${quote(names.item(event.payload.itemId))} resolved${suffix('note: ', event.payload.note)}`;
  }
}

function grantTargetText(to: GrantTarget): string {
  return to.kind === 'role' ? `the role ${to.role}` : `seat ${to.seatId}`;
}
