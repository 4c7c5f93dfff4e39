// One bound metric: its value now, large, in the runbook's unit; its status in words (OK, BREACH,
// STALE 42 s, NO DATA, ERROR: …) with the threshold it crosses named; its chart; its query.
import { memo } from 'react';
import type { MetricLive } from '../../../../shared/api/metrics';
import type { Threshold } from '../../../../shared/runbook/model';
import { MetricChart } from './MetricChart';
import { bandsOf, displayUnitOf, formatShown, headlineOf, httpAnswerText } from './metricsFormat';
import type { SeriesBuffer } from './seriesBuffer';

export interface MetricCardProps {
  metric: MetricLive;
  /** The runbook's thresholds on this metric. */
  thresholds: readonly Threshold[];
  thresholdsById: ReadonlyMap<string, Threshold>;
  buffer: SeriesBuffer | undefined;
  version: number;
  startMs: number;
  endMs: number;
  rangeLabel: string;
  /** How old the value is now (it keeps counting between polls). */
  ageMs: number | null;
}

const SOURCE_LABEL = { prometheus: 'PromQL', scrape: '/metrics', health: 'health check' } as const;

export const MetricCard = memo(function MetricCard({ metric, thresholds, thresholdsById, buffer, version, startMs, endMs, rangeLabel, ageMs }: MetricCardProps) {
  const display = displayUnitOf(metric.unit, thresholds);
  const headline = headlineOf(metric, thresholdsById, ageMs);
  const raw = typeof metric.value === 'number' ? metric.value * display.factor : metric.value;
  const hasValue = (metric.status === 'ok' || metric.status === 'stale') && raw !== null;
  const valueText = hasValue ? formatShown(raw, display.unit) : metric.status === 'no-data' ? 'no data' : '—';
  const bands = bandsOf(thresholds, display);
  return (
    <article className={`metric-card tone-${headline.tone}`} aria-label={`Metric: ${metric.name}`}>
      <header className="metric-card-head">
        <h3>{metric.name}</h3>
        <span className="metric-source muted">{SOURCE_LABEL[metric.source]}</span>
      </header>
      <div className="metric-now">
        <output className={`metric-value tone-${headline.tone}${metric.status === 'stale' ? ' is-stale' : ''}`} aria-label={`${metric.name} now`}>
          {valueText}
        </output>
        <span className={`metric-status status-${headline.tone}`} data-testid="metric-status">
          {headline.status}
        </span>
      </div>
      {metric.http && (
        <p className="metric-http" data-testid="metric-http">
          {httpAnswerText(metric.http)}
        </p>
      )}
      {headline.crossing && <p className="metric-crossing">Crossing: {headline.crossing}</p>}
      {headline.detail && headline.status !== 'OK' && <p className="metric-detail muted">{headline.detail}</p>}
      {buffer && (
        <MetricChart
          label={`${metric.name} over the last ${rangeLabel}`}
          seriesName={metric.name}
          buffer={buffer}
          version={version}
          startMs={startMs}
          endMs={endMs}
          bands={bands}
          unit={display.unit}
        />
      )}
      <p className="metric-query mono" title="Query">
        {metric.query}
      </p>
    </article>
  );
});
