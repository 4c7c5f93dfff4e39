// Alerts: a threshold breach (held for its sustained window) raises an alert; it clears only after
// the metric has been back within bounds for `clearAfterMs`, so a value hovering at the line does
// not flap the banner and the log. Losing the data of a raised alert does not clear it: the alert
// stays raised and says its data is gone, and it clears only on real values.
import type { Threshold, ThresholdContext } from '../runbook/model';
import type { ThresholdVerdict } from './thresholds';

/** How long a raised alert's metric must stay within bounds before the alert clears. */
export const DEFAULT_CLEAR_AFTER_MS = 30_000;

export type AlertSeverity = 'warning' | 'escalate' | 'page';

const SEVERITY: Record<Exclude<ThresholdContext, 'decision-level'>, AlertSeverity> = {
  target: 'warning',
  success: 'warning',
  escalation: 'escalate',
  page: 'page',
};

/** Decision-level thresholds drive the level, not individual alerts. */
export function alertSeverity(threshold: Pick<Threshold, 'context'>): AlertSeverity | null {
  return threshold.context === 'decision-level' ? null : SEVERITY[threshold.context];
}

/**
 * - `raised`: the threshold breached (for its window). Also sent when data comes back on an alert
 *   that lost it and it still breaches.
 * - `data-lost`: a raised alert's metric became unknown; the alert stays raised.
 * - `cleared`: back within bounds for `clearAfterMs`.
 */
export type AlertTransitionKind = 'raised' | 'data-lost' | 'cleared';

export interface AlertTransition {
  kind: AlertTransitionKind;
  at: number;
  thresholdId: string;
  severity: AlertSeverity;
  metricKey: string;
  metric: string;
  threshold: string;
  value: number | null;
  unit: string | null;
  query: string | null;
  /** When the breach began (for `raised` and `data-lost`), or when it ended (for `cleared`). */
  since: number | null;
  /** What the document says happens (`Page on-call engineer`). */
  action: string | null;
  reason: string;
}

export interface ActiveAlert {
  thresholdId: string;
  severity: AlertSeverity;
  since: number;
  dataLost: boolean;
  verdict: ThresholdVerdict;
}

interface AlertSlot {
  severity: AlertSeverity;
  since: number;
  dataLost: boolean;
  /** First evaluation back within bounds, while raised. */
  okSince: number | null;
  verdict: ThresholdVerdict;
}

export interface AlertTrackerOptions {
  clearAfterMs?: number;
}

export class AlertTracker {
  private readonly raised = new Map<string, AlertSlot>();
  private readonly clearAfterMs: number;

  constructor(
    private readonly thresholds: readonly Threshold[],
    options: AlertTrackerOptions = {},
  ) {
    this.clearAfterMs = options.clearAfterMs ?? DEFAULT_CLEAR_AFTER_MS;
  }

  /** Feeds the latest verdicts; returns what changed, in threshold order. */
  update(verdicts: ReadonlyMap<string, ThresholdVerdict>, now: number): AlertTransition[] {
    const transitions: AlertTransition[] = [];
    for (const threshold of this.thresholds) {
      const severity = alertSeverity(threshold);
      const verdict = verdicts.get(threshold.id);
      if (severity === null || !verdict) continue;
      const slot = this.raised.get(threshold.id);
      const emit = (kind: AlertTransitionKind, since: number | null, reason: string): void => {
        transitions.push({
          kind,
          at: now,
          thresholdId: threshold.id,
          severity,
          metricKey: threshold.metricKey,
          metric: threshold.metric,
          threshold: verdict.threshold,
          value: verdict.value,
          unit: verdict.unit,
          query: verdict.query,
          since,
          action: threshold.action,
          reason,
        });
      };

      if (!slot) {
        if (verdict.state === 'breach') {
          const since = verdict.breachSince ?? now;
          this.raised.set(threshold.id, { severity, since, dataLost: false, okSince: null, verdict });
          emit('raised', since, verdict.reason);
        }
        continue;
      }

      slot.verdict = verdict;
      switch (verdict.state) {
        case 'breach':
        case 'pending':
          slot.okSince = null;
          if (slot.dataLost) {
            slot.dataLost = false;
            emit('raised', slot.since, `data is back and still breaching: ${verdict.reason}`);
          }
          break;
        case 'unknown':
          slot.okSince = null;
          if (!slot.dataLost) {
            slot.dataLost = true;
            emit('data-lost', slot.since, `${verdict.reason}; the alert stays raised until real values are back within bounds`);
          }
          break;
        case 'ok':
          slot.okSince ??= now;
          if (now - slot.okSince >= this.clearAfterMs) {
            this.raised.delete(threshold.id);
            emit('cleared', slot.okSince, verdict.reason);
          }
          break;
      }
    }
    return transitions;
  }

  active(): ActiveAlert[] {
    return [...this.raised.entries()].map(([thresholdId, slot]) => ({
      thresholdId,
      severity: slot.severity,
      since: slot.since,
      dataLost: slot.dataLost,
      verdict: slot.verdict,
    }));
  }
}
