// Notifications as the log tells them: the targets in force and every delivery with its attempts —
// the latest state of each delivery says whether it went out, is being retried, or failed.
import type { EventPayload, LoggedEvent } from '../log/eventTypes';
import type { NotifyTarget } from '../log/notifyEvents';

export interface DeliveryState {
  deliveryId: string;
  targetId: string;
  targetName: string;
  rule: EventPayload<'notify.attempted'>['rule'];
  text: string;
  firstAt: string;
  lastAt: string;
  attempts: number;
  status: number | null;
  error: string | null;
  /** `sent`: delivered; `retrying`: the last attempt failed, another follows; `failed`: given up. */
  outcome: 'sent' | 'retrying' | 'failed';
}

export interface NotifyState {
  targets: NotifyTarget[];
  /** Newest last; only the most recent are kept (the log holds all). */
  deliveries: DeliveryState[];
  /** Milestones the log says were reached (announced once each). */
  milestonesReached: string[];
}

/** Deliveries kept in the folded state; older ones stay in the log (and the CSV/JSON exports). */
export const KEPT_DELIVERIES = 200;

export function emptyNotifyState(): NotifyState {
  return { targets: [], deliveries: [], milestonesReached: [] };
}

export function reduceNotify(state: NotifyState, event: LoggedEvent): boolean {
  if (event.type === 'notify.targetsSet') {
    state.targets = event.payload.targets;
    return true;
  }
  if (event.type === 'timeline.milestoneReached') {
    if (!state.milestonesReached.includes(event.payload.milestoneId)) state.milestonesReached.push(event.payload.milestoneId);
    return true;
  }
  if (event.type !== 'notify.attempted') return false;
  const p = event.payload;
  const outcome: DeliveryState['outcome'] = p.ok ? 'sent' : p.final ? 'failed' : 'retrying';
  const index = state.deliveries.findIndex((d) => d.deliveryId === p.deliveryId);
  const existing = index >= 0 ? state.deliveries[index] : undefined;
  const next: DeliveryState = {
    deliveryId: p.deliveryId,
    targetId: p.targetId,
    targetName: p.targetName,
    rule: p.rule,
    text: p.text,
    firstAt: existing?.firstAt ?? event.at,
    lastAt: event.at,
    attempts: p.attempt,
    status: p.status,
    error: p.error,
    outcome,
  };
  if (index >= 0) state.deliveries[index] = next;
  else {
    state.deliveries.push(next);
    if (state.deliveries.length > KEPT_DELIVERIES) state.deliveries.splice(0, state.deliveries.length - KEPT_DELIVERIES);
  }
  return true;
}

export function applyNotifyEvent(state: NotifyState, event: LoggedEvent): NotifyState {
  if (event.type !== 'notify.targetsSet' && event.type !== 'notify.attempted' && event.type !== 'timeline.milestoneReached') return state;
  const next = { targets: state.targets, deliveries: [...state.deliveries], milestonesReached: [...state.milestonesReached] };
  reduceNotify(next, event);
  return next;
}

export interface FailingTarget {
  targetId: string;
  targetName: string;
  /** The latest delivery to it, which did not go out (given up, or being retried). */
  delivery: DeliveryState;
  /** Messages to it not delivered since the last one that went out. */
  undelivered: number;
}

/**
 * Targets whose latest message did not go out (given up or still retried), for the banner on every
 * tab: a channel the room relies on has gone quiet. A later delivered message clears it.
 */
export function failingTargetsOf(notify: NotifyState): FailingTarget[] {
  const byTarget = new Map<string, DeliveryState[]>();
  for (const d of notify.deliveries) byTarget.set(d.targetId, [...(byTarget.get(d.targetId) ?? []), d]);
  const failing: FailingTarget[] = [];
  for (const [targetId, list] of byTarget) {
    if (!notify.targets.some((t) => t.id === targetId)) continue;
    const latest = list.at(-1)!;
    if (latest.outcome === 'sent') continue;
    const lastSent = list.findLastIndex((d) => d.outcome === 'sent');
    failing.push({ targetId, targetName: latest.targetName, delivery: latest, undelivered: list.length - 1 - lastSent });
  }
  return failing;
}
