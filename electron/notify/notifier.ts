// Keeps the room informed. The notifier follows the committed log (never the API calls): an event
// that triggers a rule (shared/notify/messages.ts) is sent to every target of its session with that
// rule on — milestones included, which the console writes to the log when their time comes
// (milestoneClock.ts). Each attempt is logged by the console
// itself (`notify.attempted`: target, rule, status code, attempt); a failed attempt is retried
// with a growing pause, and the last failure is final — visible in the UI. Sending happens off the
// request path: nothing the IC does waits for a webhook. Fetch and timer are injected.
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../shared/log/actor';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { NotifyRule, NotifyTarget } from '../../shared/log/notifyEvents';
import { bodyFor, DEFAULT_TEMPLATES, renderTemplate, triggeredBy, type MessageVars, type RunFacts } from '../../shared/notify/messages';
import type { Runbook } from '../../shared/runbook/model';
import type { SessionState } from '../../shared/session/sessionState';
import type { EventHub } from '../core/eventHub';
import type { SecretStore } from '../secrets/secretStore';
import type { AppendRequest, EventLog } from '../store/eventLog';

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number }>;

export interface NotifierScheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface NotifierDeps {
  hub: EventHub;
  log: Pick<EventLog, 'appendMany'>;
  states: { get(sessionId: string): SessionState | null; runbook(sessionId: string): Runbook | null };
  sessionIds(): string[];
  readOnlyReason(sessionId: string): string | null;
  secrets: Pick<SecretStore, 'get'>;
  fetch?: FetchLike;
  scheduler?: NotifierScheduler;
  /** Attempts per message (default 4) and the first pause (default 2 s, doubled each time). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** How long one attempt may take (default 10 s). */
  timeoutMs?: number;
}

const realScheduler: NotifierScheduler = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

/** Status codes worth another try: the receiver is busy or broken right now, not refusing the message. */
const retryable = (status: number | null) => status === null || status === 408 || status === 429 || status >= 500;

/** A fetch error's words without the URL (the URL is a secret: it never reaches the log). */
function errorText(error: unknown, url: string): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const text = `${error instanceof Error ? error.message : String(error)}${cause}`;
  return text.split(url).join('[webhook URL]').slice(0, 500);
}

export class Notifier {
  private readonly fetch: FetchLike;
  private readonly scheduler: NotifierScheduler;
  private readonly timers = new Set<unknown>();
  private readonly unsubscribe: () => void;
  private closed = false;
  /** Sends in flight, so a test (or shutdown) can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: NotifierDeps) {
    this.fetch = deps.fetch ?? ((url, init) => fetch(url, init));
    this.scheduler = deps.scheduler ?? realScheduler;
    this.unsubscribe = deps.hub.subscribe((message) => {
      if (message.event === 'log.appended') this.onCommitted(message.payload.event as LoggedEvent);
    });
  }

  /** Sends a test message to one target now (logged like any other, rule `test`). */
  sendTest(sessionId: string, target: NotifyTarget): void {
    const session = this.deps.states.get(sessionId);
    const vars = { session: session?.header.name ?? sessionId, target: target.name };
    this.deliver(sessionId, target, 'test', renderTemplate(DEFAULT_TEMPLATES.test, vars), vars, null);
  }

  /** Resolves once every send started so far has logged its final attempt. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  dispose(): void {
    this.closed = true;
    this.unsubscribe();
    for (const t of this.timers) this.scheduler.clearTimeout(t);
    this.timers.clear();
  }

  private onCommitted(event: LoggedEvent): void {
    if (this.closed || event.type.startsWith('notify.')) return;
    const state = this.deps.states.get(event.sessionId);
    if (!state || state.notify.targets.length === 0) return;
    const runFacts = (runId: string): RunFacts | null => {
      const run = state.steps.runs[runId];
      if (!run) return null;
      return { stepTitle: run.stepTitle, failedHosts: run.targets.filter((t) => run.hosts[t]?.status !== 'succeeded') };
    };
    const triggered = triggeredBy(event, state.header.name, runFacts);
    if (!triggered) return;
    this.fanOut(event.sessionId, state, triggered.rule, triggered.vars, event.seq);
  }

  private fanOut(sessionId: string, state: SessionState, rule: NotifyRule, vars: MessageVars, causeSeq: number | null): void {
    for (const target of state.notify.targets) {
      if (!target.rules[rule]) continue;
      const text = renderTemplate(target.templates[rule] ?? DEFAULT_TEMPLATES[rule], vars);
      this.deliver(sessionId, target, rule, text, vars, causeSeq);
    }
  }

  private deliver(sessionId: string, target: NotifyTarget, rule: NotifyRule | 'test', text: string, vars: MessageVars, causeSeq: number | null): void {
    const deliveryId = randomUUID();
    const body = JSON.stringify(bodyFor(target.kind, rule, text, vars, sessionId));
    const maxAttempts = this.deps.maxAttempts ?? 4;
    const base = { deliveryId, targetId: target.id, targetName: target.name, rule, causeSeq, text: text.slice(0, 4000) };
    const attempt = async (n: number): Promise<void> => {
      if (this.closed) return;
      const url = this.deps.secrets.get(sessionId, target.urlSecret);
      let status: number | null = null;
      let error: string | null = null;
      if (!url) {
        error = `no URL: the secret ${target.urlSecret} has no value in this console (give the URL again)`;
      } else {
        const abort = new AbortController();
        const timer = this.scheduler.setTimeout(() => abort.abort(new Error(`no answer within ${(this.deps.timeoutMs ?? 10_000) / 1000} s`)), this.deps.timeoutMs ?? 10_000);
        try {
          status = (await this.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: abort.signal })).status;
          if (status < 200 || status >= 300) error = `HTTP ${status}`;
        } catch (caught) {
          error = abort.signal.aborted ? String((abort.signal.reason as Error)?.message ?? 'timed out') : errorText(caught, url);
        } finally {
          this.scheduler.clearTimeout(timer);
        }
      }
      const ok = error === null;
      const final = ok || n >= maxAttempts || !url || !retryable(status);
      if (!this.write(sessionId, { ...base, attempt: n, status, ok, error, final })) return;
      if (final) return;
      await new Promise<void>((resolve) => {
        const handle = this.scheduler.setTimeout(() => {
          this.timers.delete(handle);
          resolve();
        }, (this.deps.retryBaseMs ?? 2000) * 2 ** (n - 1));
        this.timers.add(handle);
      });
      return attempt(n + 1);
    };
    // Never inside the commit that triggered it: the first attempt starts on its own turn.
    const running = Promise.resolve()
      .then(() => attempt(1))
      .catch(() => undefined);
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
  }

  /** Logs one attempt; false when the session can no longer take events (closed, read-only). */
  private write(sessionId: string, payload: AppendRequest<'notify.attempted'>['payload']): boolean {
    if (this.closed || this.deps.readOnlyReason(sessionId) !== null) return false;
    try {
      this.deps.log.appendMany([{ sessionId, actor: SYSTEM_ACTOR, type: 'notify.attempted', payload }]);
      return true;
    } catch {
      return false;
    }
  }
}
