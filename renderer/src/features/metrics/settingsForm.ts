// The settings form's model and its two-way mapping to the console's metrics config. Pure, so the
// component stays about layout.
import { healthBindingsOf, type ConditionBinding } from '../../../../shared/metrics/bindings';
import type { MetricBinding } from '../../../../shared/runbook/model';
import type { BindingSuggestion } from '../../../../shared/metrics/suggestBindings';
import type { MetricsConfigInput, MetricsConfigView } from '../../store/metricsSlice';

export interface AuthForm {
  on: boolean;
  header: string;
  secretName: string;
  prefix: string;
}

export interface BindingRow {
  /** React key, stable while editing. */
  rowId: number;
  metricKey: string;
  name: string;
  source: 'prometheus' | 'scrape' | 'health';
  query: string;
  unit: string;
  url: string;
  suggestion: BindingSuggestion | null;
}

export interface SettingsForm {
  prometheusUrl: string;
  prometheusAuth: AuthForm;
  scrapeUrl: string;
  scrapeAuth: AuthForm;
  healthChecks: Array<{ rowId: number; name: string; url: string }>;
  pollSeconds: string;
  bindings: BindingRow[];
  /** Decision-tree conditions answered by a health check. */
  conditions: ConditionBinding[];
}

let nextRow = 1;
export const newRowId = () => nextRow++;

const NO_AUTH: AuthForm = { on: false, header: 'Authorization', secretName: '', prefix: 'Bearer ' };

function authForm(auth: { header: string; secretName: string; prefix: string } | null | undefined): AuthForm {
  return auth ? { on: true, header: auth.header, secretName: auth.secretName, prefix: auth.prefix } : { ...NO_AUTH };
}

export function formOf(view: Pick<MetricsConfigView, 'draft' | 'suggestions'>): SettingsForm {
  const { sources, bindings } = view.draft;
  return {
    prometheusUrl: sources.prometheus?.url ?? '',
    prometheusAuth: authForm(sources.prometheus?.auth),
    scrapeUrl: sources.scrape?.url ?? '',
    scrapeAuth: authForm(sources.scrape?.auth),
    healthChecks: sources.healthChecks.map((check) => ({ rowId: newRowId(), name: check.name, url: check.url })),
    pollSeconds: String(sources.pollIntervalMs / 1000),
    bindings: bindings.map((binding) => ({
      rowId: newRowId(),
      metricKey: binding.metricKey,
      name: binding.name,
      source: binding.source,
      query: binding.query,
      unit: binding.unit ?? '',
      url: binding.url ?? '',
      suggestion: view.suggestions.find((s) => s.binding.metricKey === binding.metricKey) ?? null,
    })),
    conditions: view.draft.conditions,
  };
}

function authOf(form: AuthForm) {
  return form.on ? { header: form.header.trim() || 'Authorization', secretName: form.secretName.trim(), prefix: form.prefix } : null;
}

export function sourcesOf(form: SettingsForm): NonNullable<MetricsConfigInput['sources']> {
  const seconds = Number(form.pollSeconds);
  return {
    prometheus: form.prometheusUrl.trim() ? { url: form.prometheusUrl.trim(), auth: authOf(form.prometheusAuth) } : null,
    scrape: form.scrapeUrl.trim() ? { url: form.scrapeUrl.trim(), auth: authOf(form.scrapeAuth) } : null,
    healthChecks: form.healthChecks.filter((c) => c.url.trim()).map((c) => ({ name: c.name.trim() || c.url.trim(), url: c.url.trim(), auth: null })),
    pollIntervalMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : Number.NaN,
  };
}

export function bindingsOf(form: SettingsForm): NonNullable<MetricsConfigInput['bindings']> {
  return form.bindings.map((row) => ({
    metricKey: row.metricKey,
    name: row.name,
    source: row.source,
    query: row.query,
    unit: row.unit || null,
    url: row.url.trim() || null,
  }));
}

/** The health checks the form polls (its checks and its health bindings), as the console keys them. */
export function healthChecksOf(form: SettingsForm): MetricBinding[] {
  const bindings: MetricBinding[] = bindingsOf(form).map((b) => ({ ...b, unit: b.unit ?? null, url: b.url ?? null }));
  return healthBindingsOf({ sources: { healthChecks: sourcesOf(form).healthChecks ?? [] }, bindings });
}

export function configOf(form: SettingsForm): MetricsConfigInput {
  // A condition bound to a health check that was removed is for the IC to judge again.
  const checks = new Set(healthChecksOf(form).map((check) => check.metricKey));
  return { sources: sourcesOf(form), bindings: bindingsOf(form), conditions: form.conditions.filter((c) => checks.has(c.metricKey)) };
}

/** Metric keys whose row is exactly as suggested (logged as accepted suggestions). */
export function acceptedSuggestions(form: SettingsForm): string[] {
  return form.bindings
    .filter((row) => {
      const suggested = row.suggestion?.binding;
      return !!suggested && suggested.source === row.source && suggested.query === row.query && (suggested.unit ?? '') === row.unit;
    })
    .map((row) => row.metricKey);
}
