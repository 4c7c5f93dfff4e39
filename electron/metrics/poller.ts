// The metrics poller: reads every binding each poll interval, keeps 3 h of samples per metric in
// fixed ring buffers, and tells listeners what changed. Clock and timer are injected.
//
// States (shared/metrics/readings.ts): a value is `ok`; an empty answer is `no-data` (never zero);
// a refused query is `error` with the source's own message, on that metric only; a failed health
// check is `down`. When the source does not answer at all (Prometheus stopped, network gone) the
// last value is kept and the metric turns `stale` once nothing has been heard for two poll
// intervals — checked at every tick, so it happens within two intervals of the last answer even
// while requests hang until their timeout. When the source answers again, polling resumes.
import type { MetricBinding } from '../../shared/runbook/model';
import { availabilityBinding, healthCheckBindings, type MetricSourceSettings } from '../../shared/metrics/bindings';
import type { MetricInput, MetricState, MetricStatus } from '../../shared/metrics/readings';
import { URGENT_POLL_INTERVAL_MS } from '../../shared/metrics/pollUrgency';
import { capacityFor, RingSeries, type SeriesLike } from '../../shared/metrics/series';
import { TypedEmitter } from './emitter';
import type { FetchLike } from './http';
import { createMetricReaders, type MetricReaders, type ReadOutcome } from './metricReaders';

export const HISTORY_MS = 3 * 60 * 60_000;
/** Prometheus refuses range queries of more than 11,000 points per series. */
const MAX_BACKFILL_POINTS = 10_000;

export interface Scheduler {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export interface PollerEvents extends Record<string, unknown> {
  /** A new value for a metric. */
  sample: { metricKey: string; at: number; value: number };
  /** A metric's status changed (ok → stale, ok → error …). */
  status: { metricKey: string; previous: MetricStatus; state: MetricState };
  /** A round finished (or was skipped while the previous one still ran); evaluators hook here. */
  poll: { at: number; states: MetricState[] };
  /** A listener or the poller itself failed; polling goes on. */
  error: { message: string };
}

export interface MetricsPollerOptions {
  sources: MetricSourceSettings;
  /** Bindings to poll; the sources' health checks are added as bindings of their own. */
  bindings: readonly MetricBinding[];
  fetch?: FetchLike;
  now?: () => number;
  scheduler?: Scheduler;
  resolveSecret?: (name: string) => string | undefined;
  /** Samples kept per metric (default 3 h at the poll interval). */
  historyMs?: number;
  /** How far back to fill from Prometheus on start (default: all of `historyMs`; 0 = none). */
  backfillMs?: number;
}

interface Slot {
  binding: MetricBinding;
  state: MetricState;
  series: RingSeries;
  /** Latest "could not reach the source" message, shown when the metric goes stale. */
  unreachable: string | null;
  /** A health check's availability (100 % / 0 %): derived from its check's answer, never read itself. */
  availabilityOf: string | null;
}

export class MetricsPoller {
  readonly intervalMs: number;
  private readonly slots = new Map<string, Slot>();
  private readonly emitter = new TypedEmitter<PollerEvents>((error, event) => this.reportError(`a "${event}" listener failed: ${String(error)}`));
  private readonly readers: MetricReaders;
  private readonly now: () => number;
  private readonly scheduler: Scheduler;
  private timer: unknown = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  /** Polling at URGENT_POLL_INTERVAL_MS because something is near a threshold (see shared/metrics/pollUrgency.ts). */
  private urgent = false;

  constructor(private readonly options: MetricsPollerOptions) {
    this.intervalMs = options.sources.pollIntervalMs;
    this.now = options.now ?? Date.now;
    this.scheduler = options.scheduler ?? realScheduler;
    const bindings = [...options.bindings, ...healthCheckBindings(options.sources).filter((h) => !options.bindings.some((b) => b.metricKey === h.metricKey))];
    const availability = bindings
      .filter((b) => b.source === 'health')
      .map((health) => ({ binding: availabilityBinding(health), of: health.metricKey }))
      .filter(({ binding }) => !bindings.some((b) => b.metricKey === binding.metricKey));
    // Room for the history at the fast poll's rate, since a launch may spend hours near a threshold.
    const capacity = capacityFor(options.historyMs ?? HISTORY_MS, Math.min(this.intervalMs, URGENT_POLL_INTERVAL_MS));
    const created = this.now();
    for (const { binding, of } of [...bindings.map((binding) => ({ binding, of: null })), ...availability]) {
      this.slots.set(binding.metricKey, {
        binding,
        availabilityOf: of,
        series: new RingSeries(capacity),
        unreachable: null,
        state: {
          metricKey: binding.metricKey,
          name: binding.name,
          source: binding.source,
          query: binding.query,
          unit: binding.unit,
          status: 'pending',
          value: null,
          at: null,
          ageMs: null,
          message: null,
          lastAnswerAt: null,
          statusSince: created,
          updatedAt: created,
        },
      });
    }
    this.readers = createMetricReaders(options.sources, bindings, {
      fetch: options.fetch,
      resolveSecret: options.resolveSecret,
      // A request never outlives its poll interval, so rounds do not pile up.
      timeoutMs: options.sources.timeoutMs ?? this.intervalMs,
      scrapeSlackMs: 3 * this.intervalMs,
    });
  }

  on<K extends keyof PollerEvents>(event: K, listener: (payload: PollerEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  /** Backfills from Prometheus, polls once, then polls every interval. */
  async start(): Promise<void> {
    if (this.timer !== null) return;
    this.stopped = false;
    await this.backfill();
    if (this.stopped) return;
    await this.pollNow();
    if (this.stopped) return;
    this.arm();
  }

  /** Milliseconds between rounds right now: the session's interval, or the fast one while urgent. */
  periodMs(): number {
    return this.urgent ? Math.min(this.intervalMs, URGENT_POLL_INTERVAL_MS) : this.intervalMs;
  }

  /**
   * Polls at URGENT_POLL_INTERVAL_MS while `urgent` (the monitor says so after each evaluation),
   * at the session's interval otherwise. The next round comes one new period from now; staleness
   * and sustained-run gaps keep using the session's interval, so faster polls only add samples.
   */
  setUrgent(urgent: boolean): void {
    if (urgent === this.urgent) return;
    this.urgent = urgent;
    if (this.timer === null) return;
    this.scheduler.clearInterval(this.timer);
    this.arm();
  }

  private arm(): void {
    this.timer = this.scheduler.setInterval(() => {
      this.pollNow().catch((error: unknown) => this.reportError(`poll failed: ${String(error)}`));
    }, this.periodMs());
  }

  /** Stops the timer; a round in flight finishes without emitting. `start()` resumes. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.scheduler.clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops for good and drops every listener. */
  dispose(): void {
    this.stop();
    this.emitter.removeAll();
  }

  /** One round now. If one is still running, only staleness is re-checked (rounds never overlap). */
  pollNow(): Promise<void> {
    if (this.round) {
      this.refreshStaleness(this.now());
      this.emitPoll();
      return this.round;
    }
    this.round = this.runRound().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  states(): MetricState[] {
    return [...this.slots.values()].map((slot) => ({ ...slot.state }));
  }

  state(metricKey: string): MetricState | undefined {
    const slot = this.slots.get(metricKey);
    return slot ? { ...slot.state } : undefined;
  }

  series(metricKey: string): SeriesLike | undefined {
    return this.slots.get(metricKey)?.series;
  }

  bindings(): MetricBinding[] {
    return [...this.slots.values()].map((slot) => slot.binding);
  }

  /** Current state and history of every metric, keyed by metric key, for the evaluators. */
  inputs(): Map<string, MetricInput> {
    return new Map([...this.slots.entries()].map(([key, slot]) => [key, { state: { ...slot.state }, series: slot.series }]));
  }

  listenerCount(): number {
    return this.emitter.listenerCount();
  }

  private async backfill(): Promise<void> {
    const span = this.options.backfillMs ?? this.options.historyMs ?? HISTORY_MS;
    if (span <= 0) return;
    const end = this.now();
    const step = Math.max(this.intervalMs, Math.ceil(span / MAX_BACKFILL_POINTS));
    await Promise.all(
      [...this.slots.values()].map(async (slot) => {
        const points = await this.readers.backfill(slot.binding, end - span, end, step);
        if (!points || this.stopped) return;
        for (const [at, value] of points) slot.series.push(at, value);
      }),
    );
  }

  private async runRound(): Promise<void> {
    const started = this.now();
    this.refreshStaleness(started);
    let outcomes: Map<string, ReadOutcome>;
    try {
      outcomes = await this.readers.readRound(this.readBindings(), started);
    } catch (error) {
      this.reportError(`reading metrics failed: ${String(error)}`);
      return;
    }
    if (this.stopped) return;
    for (const [key, outcome] of outcomes) {
      const slot = this.slots.get(key);
      if (slot) this.apply(slot, outcome, started);
    }
    for (const slot of this.slots.values()) {
      const checked = slot.availabilityOf === null ? undefined : outcomes.get(slot.availabilityOf);
      if (checked) this.apply(slot, availabilityOutcome(checked), started);
    }
    this.refreshStaleness(this.now());
    this.emitPoll();
  }

  /** Bindings the readers read: all but the availability metrics, which follow their health check. */
  private readBindings(): MetricBinding[] {
    return [...this.slots.values()].filter((slot) => slot.availabilityOf === null).map((slot) => slot.binding);
  }

  private apply(slot: Slot, outcome: ReadOutcome, now: number): void {
    switch (outcome.kind) {
      case 'value':
        slot.unreachable = null;
        this.update(slot, { status: 'ok', value: outcome.value, at: outcome.at, message: outcome.message ?? null, lastAnswerAt: now, http: outcome.http ?? null }, now);
        slot.series.push(outcome.at, outcome.value);
        this.emitter.emit('sample', { metricKey: slot.binding.metricKey, at: outcome.at, value: outcome.value });
        return;
      case 'empty':
      case 'error':
      case 'down': {
        slot.unreachable = null;
        const status: MetricStatus = outcome.kind === 'empty' ? 'no-data' : outcome.kind;
        const message = outcome.kind === 'empty' ? outcome.reason : outcome.message;
        this.update(slot, { status, value: null, at: null, message, lastAnswerAt: now, http: outcome.kind === 'down' ? outcome.http : null }, now);
        // A gap in the chart, and a break in any sustained run: absence is not a value.
        slot.series.push(now, null);
        return;
      }
      case 'unreachable':
        slot.unreachable = outcome.message;
        if (slot.state.lastAnswerAt === null) {
          this.update(slot, { status: 'error', message: `cannot reach the source: ${outcome.message}` }, now);
        } else if (slot.state.status !== 'stale') {
          this.update(slot, { message: `last poll failed: ${outcome.message}` }, now);
        }
        return;
    }
  }

  private refreshStaleness(now: number): void {
    const limit = 2 * this.intervalMs;
    for (const slot of this.slots.values()) {
      const { state } = slot;
      if (state.lastAnswerAt !== null && state.status !== 'stale' && now - state.lastAnswerAt >= limit) {
        const silentFor = Math.round((now - state.lastAnswerAt) / 1000);
        this.update(slot, { status: 'stale', message: `no answer for ${silentFor} s${slot.unreachable ? `: ${slot.unreachable}` : ''}` }, now);
      } else {
        state.ageMs = ageOf(state, now);
        state.updatedAt = now;
      }
    }
  }

  private update(slot: Slot, change: Partial<MetricState>, now: number): void {
    const previous = slot.state.status;
    Object.assign(slot.state, change, { updatedAt: now });
    slot.state.ageMs = ageOf(slot.state, now);
    // A stale source went silent when it last answered, not when the console noticed.
    if (slot.state.status !== previous) slot.state.statusSince = slot.state.status === 'stale' ? (slot.state.lastAnswerAt ?? now) : now;
    if (slot.state.status !== previous) this.emitter.emit('status', { metricKey: slot.binding.metricKey, previous, state: { ...slot.state } });
  }

  private emitPoll(): void {
    if (this.stopped) return;
    this.emitter.emit('poll', { at: this.now(), states: this.states() });
  }

  private reportError(message: string): void {
    // Never rethrow: a broken listener must not stop the polling of a launch.
    if (this.emitter.listenerCount('error') > 0 && !message.startsWith('a "error" listener')) this.emitter.emit('error', { message });
  }
}

/** A failed check is a value here (0 %), not a gap: that is what lets a condition hold on it. */
function availabilityOutcome(checked: ReadOutcome): ReadOutcome {
  switch (checked.kind) {
    case 'value':
      return { kind: 'value', value: 100, at: checked.at, http: checked.http };
    case 'down':
      return { kind: 'value', value: 0, at: checked.at, http: checked.http, message: checked.message };
    default:
      return checked;
  }
}

function ageOf(state: MetricState, now: number): number | null {
  if (state.at !== null) return Math.max(0, now - state.at);
  return state.lastAnswerAt !== null ? Math.max(0, now - state.lastAnswerAt) : null;
}
