// The HTTP seam of every metrics source. `fetch` is injected (tests pass fakes, the app passes the
// global one); a request either gives a response or a one-line reason it could not be made —
// connection refused, DNS, timeout — so no exception crosses into the poller.
import { performance } from 'node:perf_hooks';

export interface HttpResponseLike {
  status: number;
  statusText?: string;
  text(): Promise<string>;
}

export interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  redirect?: 'follow' | 'manual' | 'error';
}

export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponseLike>;

export type HttpResult =
  | { kind: 'response'; status: number; statusText: string; body: string; latencyMs: number }
  | { kind: 'unreachable'; message: string; latencyMs: number };

export interface HttpGetOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Health checks do not follow redirects, like `curl -f` without `-L`. */
  followRedirects?: boolean;
}

export async function httpGet(fetchFn: FetchLike, url: string, options: HttpGetOptions): Promise<HttpResult> {
  const started = performance.now();
  // A timer cleared as soon as the answer is read (AbortSignal.timeout would keep one alive per
  // request for the whole timeout, thousands of them over a long launch at short intervals).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetchFn(url, {
      method: 'GET',
      headers: options.headers ?? {},
      signal: controller.signal,
      redirect: options.followRedirects === false ? 'manual' : 'follow',
    });
    const body = await response.text();
    return { kind: 'response', status: response.status, statusText: response.statusText ?? '', body, latencyMs: performance.now() - started };
  } catch (error) {
    const latencyMs = performance.now() - started;
    if (controller.signal.aborted) return { kind: 'unreachable', message: `no answer within ${options.timeoutMs} ms`, latencyMs };
    return { kind: 'unreachable', message: describeFetchError(error), latencyMs };
  } finally {
    clearTimeout(timer);
  }
}

/** undici hides the useful part (`ECONNREFUSED 127.0.0.1:9090`) in `cause`. */
export function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    if (code && !cause.message.includes(code)) return `${code}: ${cause.message}`;
    return cause.message || code || error.message;
  }
  return error.message;
}

/** Joins a base URL and an API path without doubling or dropping the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The first line or so of a body, for error messages (an HTML error page is not a message). */
export function bodyExcerpt(body: string, max = 200): string {
  const text = body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
