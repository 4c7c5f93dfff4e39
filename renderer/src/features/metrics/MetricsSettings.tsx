// Where the session's metrics come from: a Prometheus URL and a /metrics URL (each with an optional
// auth header whose value is a session secret, named here, never typed here), HTTP health checks,
// the poll interval — with "Test connection" — and the bindings table.
import { useId, useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/api/errors';
import type { DecisionLevel } from '../../../../shared/runbook/model';
import { useAppStore } from '../../store/appStore';
import type { MetricsConfigView, SourcesTest } from '../../store/metricsSlice';
import { BindingsTable } from './BindingsTable';
import { ConditionBindingsTable } from './ConditionBindingsTable';
import { acceptedSuggestions, bindingsOf, configOf, formOf, healthChecksOf, newRowId, sourcesOf, type AuthForm, type SettingsForm } from './settingsForm';

function AuthFields({ source, value, readOnly, onChange }: { source: string; value: AuthForm; readOnly: boolean; onChange: (auth: AuthForm) => void }) {
  return (
    <div className="auth-fields">
      <label className="inline">
        <input type="checkbox" checked={value.on} disabled={readOnly} onChange={(e) => onChange({ ...value, on: e.target.checked })} />
        Send an auth header to {source}
      </label>
      {value.on && (
        <div className="row">
          <label>
            Header
            <input aria-label={`${source} auth header name`} value={value.header} disabled={readOnly} onChange={(e) => onChange({ ...value, header: e.target.value })} />
          </label>
          <label>
            Value prefix
            <input aria-label={`${source} auth value prefix`} value={value.prefix} disabled={readOnly} onChange={(e) => onChange({ ...value, prefix: e.target.value })} />
          </label>
          <label>
            Secret name
            <input aria-label={`${source} auth secret name`} className="mono" placeholder="PROM_TOKEN" value={value.secretName} disabled={readOnly} onChange={(e) => onChange({ ...value, secretName: e.target.value })} />
          </label>
        </div>
      )}
    </div>
  );
}

function Issues({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="error-text" role="alert">
      <p>{error.message}</p>
      {error.issues && error.issues.length > 1 && (
        <ul>
          {error.issues.map((issue, index) => (
            <li key={index}>
              <span className="mono">{issue.path}</span>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const SECRET_SOURCE: Record<string, string> = { session: 'set in this session', environment: 'from an environment variable', keychain: 'from the OS keychain' };

export interface MetricsSettingsProps {
  config: MetricsConfigView;
  decisionLevels: readonly DecisionLevel[];
  readOnly: boolean;
  onSaved: () => void;
}

export function MetricsSettings({ config, decisionLevels, readOnly, onSaved }: MetricsSettingsProps) {
  const saveMetricsConfig = useAppStore((s) => s.saveMetricsConfig);
  const testMetricsSources = useAppStore((s) => s.testMetricsSources);
  const [form, setForm] = useState<SettingsForm>(() => formOf(config));
  const [error, setError] = useState<ApiError | null>(null);
  const [tested, setTested] = useState<SourcesTest | null>(null);
  const [busy, setBusy] = useState<'saving' | 'testing' | null>(null);
  const headingId = useId();

  const patch = (change: Partial<SettingsForm>) => setForm((current) => ({ ...current, ...change }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy('saving');
    const result = await saveMetricsConfig(configOf(form), acceptedSuggestions(form));
    setBusy(null);
    if (result === true) {
      setError(null);
      onSaved();
    } else setError(result);
  }

  async function test() {
    setBusy('testing');
    const result = await testMetricsSources({ sources: sourcesOf(form), bindings: bindingsOf(form) });
    setBusy(null);
    if ('sources' in result) {
      setTested(result);
      setError(null);
    } else setError(result);
  }

  return (
    <form className="panel metrics-settings" aria-labelledby={headingId} onSubmit={(event) => void save(event)}>
      <h2 id={headingId}>Metric sources and bindings</h2>
      <fieldset>
        <legend>Sources</legend>
        <label>
          Prometheus URL
          <input type="url" className="mono" placeholder="http://prometheus:9090" value={form.prometheusUrl} disabled={readOnly} onChange={(e) => patch({ prometheusUrl: e.target.value })} />
        </label>
        <AuthFields source="Prometheus" value={form.prometheusAuth} readOnly={readOnly} onChange={(prometheusAuth) => patch({ prometheusAuth })} />
        <label>
          /metrics URL (scraped directly)
          <input type="url" className="mono" placeholder="http://api:9001/metrics" value={form.scrapeUrl} disabled={readOnly} onChange={(e) => patch({ scrapeUrl: e.target.value })} />
        </label>
        <AuthFields source="the /metrics endpoint" value={form.scrapeAuth} readOnly={readOnly} onChange={(scrapeAuth) => patch({ scrapeAuth })} />
        <div className="health-checks">
          <span className="muted">Health checks (like curl -f: any status outside 2xx fails; latency in ms)</span>
          {form.healthChecks.map((check, index) => (
            <div className="row" key={check.rowId}>
              <label>
                Name
                <input aria-label={`Health check ${index + 1} name`} value={check.name} disabled={readOnly} onChange={(e) => patch({ healthChecks: form.healthChecks.map((c) => (c.rowId === check.rowId ? { ...c, name: e.target.value } : c)) })} />
              </label>
              <label>
                URL
                <input aria-label={`Health check ${index + 1} URL`} type="url" className="mono" value={check.url} disabled={readOnly} onChange={(e) => patch({ healthChecks: form.healthChecks.map((c) => (c.rowId === check.rowId ? { ...c, url: e.target.value } : c)) })} />
              </label>
              {!readOnly && (
                <button type="button" className="align-end" onClick={() => patch({ healthChecks: form.healthChecks.filter((c) => c.rowId !== check.rowId) })} aria-label={`Remove health check ${index + 1}`}>
                  Remove
                </button>
              )}
            </div>
          ))}
          {!readOnly && (
            <button type="button" onClick={() => patch({ healthChecks: [...form.healthChecks, { rowId: newRowId(), name: '', url: '' }] })}>
              Add health check
            </button>
          )}
        </div>
        <label className="narrow">
          Poll interval (seconds)
          <input type="number" min={1} max={600} step={1} value={form.pollSeconds} disabled={readOnly} onChange={(e) => patch({ pollSeconds: e.target.value })} />
        </label>
        {config.secrets.length > 0 && (
          <p className="help">
            {config.secrets.map((secret) => (
              <span key={secret.name}>
                Secret <span className="mono">{secret.name}</span>: {secret.source ? SECRET_SOURCE[secret.source] ?? secret.source : <strong className="warn-text">not set — give it a value under Steps → Secrets</strong>}.{' '}
              </span>
            ))}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Bindings</legend>
        <BindingsTable rows={form.bindings} unbound={config.unbound} tested={tested?.bindings ?? null} readOnly={readOnly} onChange={(bindings) => patch({ bindings })} />
      </fieldset>
      <ConditionBindingsTable decisionLevels={decisionLevels} healthChecks={healthChecksOf(form)} value={form.conditions} readOnly={readOnly} onChange={(conditions) => patch({ conditions })} />
      {tested && (
        <ul className="source-tests" aria-label="Connection test">
          {tested.sources.length === 0 && <li className="muted">No source is set.</li>}
          {tested.sources.map((result) => (
            <li key={`${result.source}-${result.url}`} className={result.ok ? 'ok-text' : 'error-text'}>
              {result.ok ? 'OK' : 'FAILED'} · {result.source} <span className="mono">{result.url}</span> — {result.message}
              {result.latencyMs !== null && <span className="muted"> ({Math.round(result.latencyMs)} ms)</span>}
            </li>
          ))}
        </ul>
      )}
      <Issues error={error} />
      {!readOnly && (
        <div className="actions">
          <button type="button" onClick={() => void test()} disabled={busy !== null}>
            {busy === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'saving' ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      )}
    </form>
  );
}
