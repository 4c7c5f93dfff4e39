// The Metrics tab: monitoring on/off, the decision level with its reasons, one chart per bound
// metric over 15 min … 3 h, the gates with their decisions, and the settings.
import { useEffect, useMemo, useState } from 'react';
import { METRICS_RANGES_MS } from '../../../../shared/api/metrics';
import { healthBindingsOf } from '../../../../shared/metrics/bindings';
import { applyConditionBindings } from '../../../../shared/metrics/conditionBindings';
import type { Runbook } from '../../../../shared/runbook/model';
import type { SessionState } from '../../../../shared/session/sessionState';
import { formatUtc } from '../../format';
import { useAppStore } from '../../store/appStore';
import { blindMetricsOf } from './bannerFacts';
import { DecisionBadge } from './DecisionBadge';
import { GatesPanel } from './GatesPanel';
import { MetricCard } from './MetricCard';
import { MetricsSettings } from './MetricsSettings';
import { useTick } from './useTick';
import './metrics.css';

const RANGE_LABEL: Record<number, string> = { 900000: '15 min', 1800000: '30 min', 3600000: '1 h', 10800000: '3 h' };

export function MetricsTab({ runbook, state, readOnly, onShowStep }: { runbook: Runbook; state: SessionState; readOnly: boolean; onShowStep: (stepId: string) => void }) {
  const sessionId = state.header.id;
  const watchMetrics = useAppStore((s) => s.watchMetrics);
  const loadMetricsConfig = useAppStore((s) => s.loadMetricsConfig);
  const reloadMetrics = useAppStore((s) => s.reloadMetrics);
  const live = useAppStore((s) => (s.metricsLive?.sessionId === sessionId ? s.metricsLive : null));
  const failure = useAppStore((s) => s.metricsFailure);
  const series = useAppStore((s) => s.metricsSeries);
  const version = useAppStore((s) => s.metricsVersion);
  const rangeMs = useAppStore((s) => s.metricsRangeMs);
  const setRange = useAppStore((s) => s.setMetricsRange);
  const config = useAppStore((s) => (s.metricsConfig?.sessionId === sessionId ? s.metricsConfig : null));
  const connection = useAppStore((s) => s.connection);
  const startMonitoring = useAppStore((s) => s.startMonitoring);
  const stopMonitoring = useAppStore((s) => s.stopMonitoring);
  const [settingsOpen, setSettingsOpen] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const tick = useTick(1000);

  useEffect(() => watchMetrics(sessionId), [sessionId, watchMetrics]);
  useEffect(() => {
    void loadMetricsConfig(sessionId);
  }, [sessionId, loadMetricsConfig]);
  // Back after a connection drop: pushes may have been missed.
  useEffect(() => {
    if (connection === 'open') void reloadMetrics();
  }, [connection, reloadMetrics]);

  // Conditions bound to a health check are thresholds on its availability, as the console evaluates them.
  const metricsConfig = state.metrics.config;
  const thresholds = useMemo(
    () => (metricsConfig ? applyConditionBindings(runbook, metricsConfig.conditions, healthBindingsOf(metricsConfig)).thresholds : runbook.thresholds),
    [runbook, metricsConfig],
  );
  const thresholdsById = useMemo(() => new Map(thresholds.map((t) => [t.id, t])), [thresholds]);
  const thresholdsByMetric = useMemo(() => {
    const map = new Map<string, typeof thresholds>();
    for (const t of thresholds) map.set(t.metricKey, [...(map.get(t.metricKey) ?? []), t]);
    return map;
  }, [thresholds]);

  const { monitoring } = state.metrics;
  const configured = state.metrics.config !== null;
  const showSettings = settingsOpen ?? !configured;
  const sinceArrival = live ? Math.max(0, tick - live.receivedAt) : 0;
  const endMs = (live?.at ?? 0) + sinceArrival;

  async function toggleMonitoring() {
    setBusy(true);
    if (monitoring.on) await stopMonitoring(null);
    else await startMonitoring();
    setBusy(false);
  }

  return (
    <div className="metrics-tab">
      <div className="metrics-toolbar">
        <p className="monitoring-state" role="status">
          Monitoring: <strong className={monitoring.on ? 'ok-text' : 'muted'}>{monitoring.on ? 'ON' : 'OFF'}</strong>
          {monitoring.on && monitoring.since && (
            <span className="muted">
              {' '}
              since {formatUtc(monitoring.since)}
              {monitoring.pollIntervalMs ? ` · every ${monitoring.pollIntervalMs / 1000} s` : ''}
            </span>
          )}
        </p>
        {!readOnly && configured && (
          <button type="button" className={monitoring.on ? '' : 'primary'} disabled={busy} onClick={() => void toggleMonitoring()}>
            {monitoring.on ? 'Stop monitoring' : 'Start monitoring'}
          </button>
        )}
        <label className="inline range-select">
          Range
          <select value={rangeMs} onChange={(e) => setRange(Number(e.target.value))}>
            {METRICS_RANGES_MS.map((ms) => (
              <option key={ms} value={ms}>
                {RANGE_LABEL[ms]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-expanded={showSettings} aria-controls="metrics-settings" onClick={() => setSettingsOpen(!showSettings)}>
          {showSettings ? 'Hide settings' : readOnly ? 'Show settings' : 'Settings…'}
        </button>
      </div>
      {!configured && <p className="empty">No metric is bound yet. Check the suggested bindings below, set the Prometheus URL, then save and start monitoring.</p>}
      {showSettings && (
        <div id="metrics-settings">
          {config ? (
            <MetricsSettings key={JSON.stringify(config.config)} config={config} decisionLevels={runbook.decisionLevels} readOnly={readOnly} onSaved={() => setSettingsOpen(false)} />
          ) : (
            <p className="muted">Reading the settings…</p>
          )}
        </div>
      )}
      {failure && <p className="error-text">{failure}</p>}
      {live?.decision && <DecisionBadge decision={live.decision} runbook={runbook} onShowStep={onShowStep} blind={blindMetricsOf(live).length > 0} />}
      {configured && !monitoring.on && <p className="muted">Monitoring is off: nothing is read and no alert can fire. Gates read the sources once when asked.</p>}
      {live && live.metrics.length > 0 && (
        <div className="metric-grid">
          {live.metrics.map((metric) => (
            <MetricCard
              key={metric.metricKey}
              metric={metric}
              thresholds={thresholdsByMetric.get(metric.metricKey) ?? []}
              thresholdsById={thresholdsById}
              buffer={series.get(metric.metricKey)}
              version={version}
              startMs={endMs - rangeMs}
              endMs={endMs}
              rangeLabel={RANGE_LABEL[rangeMs] ?? `${rangeMs / 60000} min`}
              ageMs={metric.ageMs === null ? null : metric.ageMs + sinceArrival}
            />
          ))}
        </div>
      )}
      {config && config.unbound.length > 0 && configured && (
        <p className="unbound-note">
          <strong>Not bound:</strong> {config.unbound.map((metric) => metric.name).join(', ')} — their thresholds show as no data, never as a pass.
        </p>
      )}
      <GatesPanel runbook={runbook} metrics={state.metrics} t0={state.header.t0} readOnly={readOnly} />
    </div>
  );
}
