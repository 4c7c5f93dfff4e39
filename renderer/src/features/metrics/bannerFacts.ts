// What the session banner says, worked out apart from how it looks: which bound metrics the console
// cannot see (stale, erroring, no data, health check failing) and since when; the level to show —
// never a plain LEVEL 0 while blind; and one line per alert with its value now and at raise time.
import type { AlertView, DecisionView, MetricLive } from '../../../../shared/api/metrics';
import { fromJsonNumber, type JsonNumber } from '../../../../shared/log/metricsEvents';
import { formatMeasured } from '../../../../shared/metrics/units';
import type { Runbook } from '../../../../shared/runbook/model';
import { activeAlertsOf, type ActiveAlertEntry, type LevelEntry, type MetricsState } from '../../../../shared/session/metricsState';

export interface BlindMetric {
  metricKey: string;
  name: string;
  status: 'stale' | 'error' | 'no-data' | 'down';
  /** Since when (ms), when the console knows. */
  since: number | null;
  message: string | null;
}

const BLIND: ReadonlySet<MetricLive['status']> = new Set(['stale', 'error', 'no-data', 'down']);

/** Bound metrics the console cannot currently see, in the panel's order. Empty while not monitoring. */
export function blindMetricsOf(live: { monitoring: boolean; metrics: readonly MetricLive[] } | null): BlindMetric[] {
  if (!live?.monitoring) return [];
  return live.metrics
    .filter((metric) => BLIND.has(metric.status))
    .map((metric) => ({
      metricKey: metric.metricKey,
      name: metric.name,
      status: metric.status as BlindMetric['status'],
      since: metric.statusSince ?? (metric.status === 'stale' ? metric.at : null),
      message: metric.message,
    }));
}

export const BLIND_TEXT: Record<BlindMetric['status'], string> = { stale: 'STALE', error: 'ERROR', 'no-data': 'NO DATA', down: 'DOWN' };

export interface ShownLevel {
  level: number;
  certain: boolean;
  title: string | null;
  verdict: string | null;
  stepIds: string[];
}

/**
 * The level to put in front of people: the live decision when there is one, else the logged level.
 * Blind, it is the last known level marked not certain — LEVEL 0 is then shown too, never hidden as
 * if all were well. Null when there is nothing to say (level 0, certain, nothing blind).
 */
export function shownLevelOf(logged: LevelEntry | null, live: DecisionView | null, blind: boolean): ShownLevel | null {
  const level = live?.level ?? logged?.to ?? 0;
  const certain = (live?.certain ?? logged?.certain ?? true) && !blind;
  if (level === 0 && certain) return null;
  return {
    level,
    certain,
    title: live?.title ?? logged?.title ?? null,
    verdict: live?.verdict ?? logged?.verdict ?? null,
    stepIds: live?.stepIds ?? logged?.stepIds ?? [],
  };
}

export interface AlertLine {
  key: string;
  severity: ActiveAlertEntry['severity'];
  threshold: string;
  /** Where the runbook says it (`paging`, `target, success criterion`). */
  contexts: string[];
  metric: string;
  /** `6.0 %` now, or what is known: `no data now`. */
  now: string;
  /** Value when it was raised, as a second fact. */
  atRaise: string;
  dataLost: boolean;
  since: string;
  action: string | null;
}

const CONTEXT_TEXT = { target: 'target', success: 'success criterion', escalation: 'escalation', page: 'paging', 'decision-level': 'decision level' } as const;

function shown(value: JsonNumber, unit: string | null): string {
  const number = fromJsonNumber(value);
  return number === null ? 'no data' : formatMeasured(number, unit);
}

/**
 * One line per threshold phrase and severity, most severe first: a target and a success criterion
 * that say the same thing are one line naming both, never two.
 */
export function alertLinesOf(metrics: MetricsState, liveAlerts: readonly AlertView[] | null, runbook: Runbook, blind: readonly BlindMetric[]): AlertLine[] {
  const live = new Map((liveAlerts ?? []).map((alert) => [alert.thresholdId, alert]));
  const blindKeys = new Set(blind.map((b) => b.metricKey));
  const lines = new Map<string, AlertLine>();
  for (const alert of activeAlertsOf(metrics)) {
    const key = `${alert.severity}|${alert.threshold}`;
    const threshold = runbook.thresholds.find((t) => t.id === alert.thresholdId);
    const context = threshold ? CONTEXT_TEXT[threshold.context] : null;
    const existing = lines.get(key);
    if (existing) {
      if (context && !existing.contexts.includes(context)) existing.contexts.push(context);
      continue;
    }
    const current = live.get(alert.thresholdId);
    const lost = alert.dataLost || current?.dataLost === true || blindKeys.has(alert.metricKey);
    const now = current && !lost ? shown(current.value, current.unit) : lost ? 'no data now' : 'not read yet';
    lines.set(key, {
      key,
      severity: alert.severity,
      threshold: alert.threshold,
      contexts: context ? [context] : [],
      metric: alert.metric,
      now,
      atRaise: shown(alert.value, alert.unit),
      dataLost: lost,
      since: alert.since ?? alert.raisedAt,
      action: alert.action,
    });
  }
  return [...lines.values()];
}
