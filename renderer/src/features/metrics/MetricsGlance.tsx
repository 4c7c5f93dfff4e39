// Metrics at a glance for the run view and the war-room display: the decision level and, per
// metric, its value now with its status in words above a small chart of the last 15 minutes with
// the runbook's bands — something to look at, not read.
import { useEffect, useMemo } from 'react';
import type { Runbook, Threshold } from '../../../../shared/runbook/model';
import { useAppStore } from '../../store/appStore';
import { blindMetricsOf } from './bannerFacts';
import { DecisionBadge } from './DecisionBadge';
import { MetricChart } from './MetricChart';
import { bandsOf, displayUnitOf, formatShown, headlineOf } from './metricsFormat';
import { useTick } from './useTick';
import './metrics.css';

interface MetricsGlanceProps {
  runbook: Runbook;
  sessionId: string;
  onShowStep?: (stepId: string) => void;
  large?: boolean;
}

export function MetricsGlance({ runbook, sessionId, onShowStep, large = false }: MetricsGlanceProps) {
  const watchMetrics = useAppStore((s) => s.watchMetrics);
  const live = useAppStore((s) => (s.metricsLive?.sessionId === sessionId ? s.metricsLive : null));
  const series = useAppStore((s) => s.metricsSeries);
  const version = useAppStore((s) => s.metricsVersion);
  const tick = useTick(1000);
  useEffect(() => watchMetrics(sessionId), [sessionId, watchMetrics]);
  const thresholdsById = useMemo(() => new Map(runbook.thresholds.map((t) => [t.id, t])), [runbook]);
  const thresholdsByMetric = useMemo(() => {
    const map = new Map<string, Threshold[]>();
    for (const t of runbook.thresholds) map.set(t.metricKey, [...(map.get(t.metricKey) ?? []), t]);
    return map;
  }, [runbook]);

  if (!live) return null;
  const sinceArrival = Math.max(0, tick - live.receivedAt);
  const endMs = live.at + sinceArrival;
  return (
    <section className={`metrics-glance${large ? ' is-large' : ''}`} aria-label="Metrics at a glance">
      {!live.monitoring && <p className="muted">Metrics are not being watched.</p>}
      {live.decision && onShowStep && <DecisionBadge decision={live.decision} runbook={runbook} onShowStep={onShowStep} blind={blindMetricsOf(live).length > 0} />}
      <ul className="glance-list">
        {live.metrics.map((metric) => {
          const thresholds = thresholdsByMetric.get(metric.metricKey) ?? [];
          const display = displayUnitOf(metric.unit, thresholds);
          const headline = headlineOf(metric, thresholdsById, metric.ageMs === null ? null : metric.ageMs + sinceArrival);
          const raw = typeof metric.value === 'number' ? metric.value * display.factor : metric.value;
          const shown = (metric.status === 'ok' || metric.status === 'stale') && raw !== null ? formatShown(raw, display.unit) : metric.status === 'no-data' ? 'no data' : '—';
          return (
            <li key={metric.metricKey} className={`glance-item tone-${headline.tone}`} aria-label={`${metric.name}: ${shown}, ${headline.status}`}>
              <span className="glance-name">{metric.name}</span>
              <span className="glance-value mono">{shown}</span>
              <span className={`metric-status status-${headline.tone}`}>{headline.status}</span>
              {series.get(metric.metricKey) && (
                <div className="glance-chart">
                  <MetricChart
                    label={`${metric.name}, last 15 minutes`}
                    seriesName={metric.name}
                    buffer={series.get(metric.metricKey)!}
                    version={version}
                    startMs={endMs - 15 * 60_000}
                    endMs={endMs}
                    bands={bandsOf(thresholds, display)}
                    unit={display.unit}
                    height={large ? 140 : 80}
                    compact
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
