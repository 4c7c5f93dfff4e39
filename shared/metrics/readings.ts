// What the console knows about one bound metric right now. The poller produces it; evaluators,
// charts and evidence snapshots read it. Absence of data is a status of its own — never a zero.
import type { MetricSourceKind } from '../runbook/model';
import type { SeriesLike } from './series';

/**
 * - `pending`: not polled yet.
 * - `ok`: the latest poll gave a value.
 * - `no-data`: the source answered with nothing (an empty vector, NaN from 0/0, no matching series).
 * - `error`: the source refused the query (Prometheus' own message, a scrape query that cannot be
 *   computed, more than one series where one number is needed).
 * - `down`: a health check failed (non-2xx, refused, timed out).
 * - `stale`: nothing has been heard from the source for more than two poll intervals; `value` is the
 *   last one known and `ageMs` says how old it is.
 */
export type MetricStatus = 'pending' | 'ok' | 'no-data' | 'error' | 'down' | 'stale';

export interface MetricState {
  metricKey: string;
  name: string;
  source: MetricSourceKind;
  query: string;
  /** Unit of `value`, as the binding declares it. */
  unit: string | null;
  status: MetricStatus;
  /** Latest value; null unless `ok`, or `stale` with a value from before. */
  value: number | null;
  /** When `value` was measured (ms since epoch). */
  at: number | null;
  /** now − at, or time since the source last answered when there is no value. */
  ageMs: number | null;
  /** Why the status is what it is: Prometheus' error, "no series matched", "connection refused" … */
  message: string | null;
  /** Last time the source answered at all (a value, an empty result or a query error). */
  lastAnswerAt: number | null;
  /** Since when the status is what it is (for `stale`: since the source last answered). */
  statusSince: number | null;
  /** When this state was computed. */
  updatedAt: number;
  /** Health checks: the last answer's HTTP status (null: refused or timed out) and response time. */
  http?: HttpAnswer | null;
}

export interface HttpAnswer {
  status: number | null;
  latencyMs: number;
}

/** A metric's current state and its recent history, as the evaluators take it. */
export interface MetricInput {
  state: MetricState;
  series: SeriesLike | null;
}

export type MetricInputs = ReadonlyMap<string, MetricInput>;
