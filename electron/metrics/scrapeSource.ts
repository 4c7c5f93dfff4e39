// A `/metrics` endpoint read directly, without Prometheus: each poll scrapes it once, keeps the
// samples the bindings need in a short bounded history, and answers scrape queries from it.
import type { ScrapeQuery } from '../../shared/metrics/scrapeQuery';
import { parseExposition } from './exposition';
import { bodyExcerpt, httpGet, type FetchLike } from './http';
import { evaluateScrapeQuery, type ScrapeOutcome, type ScrapeSnapshot } from './scrapeEvaluate';

export type ScrapeResult = { kind: 'ok'; at: number; samples: number } | { kind: 'unreachable'; message: string } | { kind: 'error'; message: string };

export interface ScrapeSourceOptions {
  url: string;
  fetch?: FetchLike;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** How far back queries look (their longest window plus slack). */
  retentionMs: number;
  /** Metric names to keep; every other sample is dropped at parse time. */
  keepNames?: ReadonlySet<string>;
}

/** More scrapes than any sane window needs at a 1 s poll; bounds memory even with a broken clock. */
const MAX_SNAPSHOTS = 2_000;

export class ScrapeSource {
  private readonly history: ScrapeSnapshot[] = [];
  private readonly fetchFn: FetchLike;

  constructor(private readonly options: ScrapeSourceOptions) {
    this.fetchFn = options.fetch ?? (fetch as FetchLike);
  }

  get url(): string {
    return this.options.url;
  }

  async scrape(now: number, headers: Record<string, string> = {}): Promise<ScrapeResult> {
    const result = await httpGet(this.fetchFn, this.options.url, {
      headers: { Accept: 'text/plain;version=0.0.4', ...this.options.headers, ...headers },
      timeoutMs: this.options.timeoutMs,
    });
    if (result.kind === 'unreachable') return result;
    if (result.status < 200 || result.status >= 300) {
      return { kind: 'unreachable', message: `HTTP ${result.status} ${result.statusText}`.trim() + (result.body ? `: ${bodyExcerpt(result.body, 120)}` : '') };
    }
    let samples;
    try {
      const keep = this.options.keepNames;
      samples = parseExposition(result.body, keep ? (name) => keep.has(name) : undefined).samples;
    } catch (error) {
      return { kind: 'error', message: `not in the Prometheus text format: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.history.push({ at: now, samples });
    const oldest = now - this.options.retentionMs;
    let drop = 0;
    while (drop < this.history.length - 1 && (this.history[drop]!.at < oldest || this.history.length - drop > MAX_SNAPSHOTS)) drop++;
    if (drop > 0) this.history.splice(0, drop);
    return { kind: 'ok', at: now, samples: samples.length };
  }

  evaluate(query: ScrapeQuery): ScrapeOutcome {
    return evaluateScrapeQuery(query, this.history);
  }

  /** Scrapes kept right now (for tests and the memory bench). */
  get size(): number {
    return this.history.length;
  }
}
