// HTTP health checks as the seed's `curl -f http://prod.api.com/api/health` does them: any status
// outside 2xx is a failure (redirects are not followed), so are refused connections and timeouts;
// the latency of every attempt is measured.
import { httpGet, type FetchLike } from './http';

export interface HealthResult {
  up: boolean;
  /** HTTP status, or null when no response came back. */
  status: number | null;
  latencyMs: number;
  /** Why the check failed, or `HTTP 200` when it passed. */
  message: string;
}

export interface HealthCheckOptions {
  fetch?: FetchLike;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export async function checkHealth(url: string, options: HealthCheckOptions): Promise<HealthResult> {
  const result = await httpGet(options.fetch ?? (fetch as FetchLike), url, { headers: options.headers, timeoutMs: options.timeoutMs, followRedirects: false });
  if (result.kind === 'unreachable') return { up: false, status: null, latencyMs: result.latencyMs, message: result.message };
  const up = result.status >= 200 && result.status < 300;
  const statusText = `HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ''}`;
  return { up, status: result.status, latencyMs: result.latencyMs, message: up ? statusText : `${statusText} (curl -f fails on any status outside 2xx)` };
}
