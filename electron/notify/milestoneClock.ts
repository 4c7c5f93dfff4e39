// Milestones reached, as events. When a milestone's time (T0 + offset on the console clock) comes,
// the console writes `timeline.milestoneReached` to the session's log (system actor) and everything
// else — the notifier's "milestone reached" message, the log view, the report — follows the log.
//
// Timing: one timer, set for the next milestone due across the watched sessions (at most a minute
// ahead, so a console clock that jumps — TMINUS_CLOCK — is caught up with), and set again after
// every commit that can move a milestone (a new session, T0 moved, runbook replaced, targets
// changed, a session closed). Clock and timer are injected.
//
// What is watched: sessions that notify milestones (a target with the rule on) and may take
// events. Milestones whose time had already passed when the console started are not announced
// late: a restart does not replay the morning's milestones into the channel. Each milestone is
// written once; moving T0 afterwards does not announce it again.
import { SYSTEM_ACTOR } from '../../shared/log/actor';
import type { Runbook } from '../../shared/runbook/model';
import type { SessionState } from '../../shared/session/sessionState';
import type { EventHub } from '../core/eventHub';
import type { EventLog } from '../store/eventLog';

export interface MilestoneClockScheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MilestoneClockDeps {
  hub: EventHub;
  log: Pick<EventLog, 'appendMany'>;
  states: { get(sessionId: string): SessionState | null; runbook(sessionId: string): Runbook | null };
  sessionIds(): string[];
  readOnlyReason(sessionId: string): string | null;
  clock: { now(): number };
  scheduler: MilestoneClockScheduler;
}

/** Events after which the next milestone may be another one. */
const RESCHEDULE_ON = new Set(['session.created', 'session.t0Moved', 'session.runbookReplaced', 'session.closed', 'notify.targetsSet']);
/** The timer never waits longer than this, so a shifted console clock is noticed within a minute. */
const MAX_WAIT_MS = 60_000;

interface Due {
  sessionId: string;
  milestoneId: string;
  text: string;
  atMs: number;
}

export class MilestoneClock {
  private readonly watchedFrom: number;
  private timer: unknown = null;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: MilestoneClockDeps) {
    this.watchedFrom = deps.clock.now();
    this.unsubscribe = deps.hub.subscribe((message) => {
      if (message.event === 'log.appended' && RESCHEDULE_ON.has(message.payload.event.type)) this.schedule();
    });
    this.schedule();
  }

  /** Writes every milestone whose time has come, then sets the timer for the next one. */
  check(): void {
    if (this.closed) return;
    const now = this.deps.clock.now();
    const bySession = new Map<string, Due[]>();
    for (const due of this.pending()) {
      if (due.atMs > now) continue;
      bySession.set(due.sessionId, [...(bySession.get(due.sessionId) ?? []), due]);
    }
    for (const [sessionId, list] of bySession) {
      try {
        this.deps.log.appendMany(
          list.map((due) => ({
            sessionId,
            actor: SYSTEM_ACTOR,
            type: 'timeline.milestoneReached' as const,
            payload: { milestoneId: due.milestoneId, text: due.text, dueAt: new Date(due.atMs).toISOString() },
          })),
        );
      } catch {
        // A session closed in between: nothing more is written to it.
      }
    }
    this.schedule();
  }

  dispose(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.timer !== null) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer !== null) this.deps.scheduler.clearTimeout(this.timer);
    this.timer = null;
    const next = Math.min(...this.pending().map((due) => due.atMs));
    if (!Number.isFinite(next)) return;
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, next - this.deps.clock.now()));
    this.timer = this.deps.scheduler.setTimeout(() => {
      this.timer = null;
      this.check();
    }, wait);
  }

  /** Milestones of watched sessions not yet written, due after the console started watching. */
  private pending(): Due[] {
    const out: Due[] = [];
    for (const sessionId of this.deps.sessionIds()) {
      const state = this.deps.states.get(sessionId);
      if (!state || state.header.closed || !state.notify.targets.some((t) => t.rules.milestoneReached)) continue;
      if (this.deps.readOnlyReason(sessionId) !== null) continue;
      const t0 = Date.parse(state.header.t0);
      const reached = new Set(state.notify.milestonesReached);
      for (const m of this.deps.states.runbook(sessionId)?.milestones ?? []) {
        const atMs = t0 + m.offsetMs;
        if (!reached.has(m.id) && atMs > this.watchedFrom) out.push({ sessionId, milestoneId: m.id, text: m.text, atMs });
      }
    }
    return out;
  }
}
