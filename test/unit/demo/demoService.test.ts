// The demo service over real HTTP on 127.0.0.1 (its own load loop off, the test sends the traffic):
// what /metrics, /health and /work say, how chaos changes them, /rollback, and a clean stop.
import { afterEach, describe, expect, it } from 'vitest';
import { clampChaos, DEMO_SERIES, startDemoService, type DemoService } from '../../../electron/demo/demoService';
import { parseExposition } from '../../../electron/metrics/exposition';

let service: DemoService | null = null;
afterEach(async () => {
  await service?.stop();
  service = null;
});

/** A fixed "random" so latency is exactly the base minimum plus what chaos adds. */
const noJitter = () => 0;

async function send(url: string, count: number): Promise<number[]> {
  const codes: number[] = [];
  for (let i = 0; i < count; i++) codes.push((await fetch(`${url}/work`)).status);
  return codes;
}

async function counters(url: string): Promise<{ ok: number; failed: number; unavailable: number; errors: number; up: number; count: number; sumMs: number }> {
  const { samples } = parseExposition(await (await fetch(`${url}/metrics`)).text());
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
  return {
    ok: value(DEMO_SERIES.requests, { code: '200' }),
    failed: value(DEMO_SERIES.requests, { code: '500' }),
    unavailable: value(DEMO_SERIES.requests, { code: '503' }),
    errors: value(DEMO_SERIES.errors),
    up: value('demo_service_up'),
    count: value(`${DEMO_SERIES.latency}_count`),
    sumMs: value(`${DEMO_SERIES.latency}_sum`),
  };
}

describe('demo service', () => {
  it('answers /work, /health and /metrics in the Prometheus text format, on 127.0.0.1', async () => {
    service = await startDemoService({ loadRps: 0, random: noJitter });
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await send(service.url, 10)).toEqual(Array(10).fill(200));
    const health = await fetch(service.healthUrl);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', version: 'v2.0-demo' });
    const now = await counters(service.url);
    expect(now).toMatchObject({ ok: 10, failed: 0, errors: 0, up: 1, count: 10 });
    expect(now.sumMs).toBeCloseTo(10 * 20);
    expect(service.served()).toBe(10);
  });

  it('fails the share of requests chaos asks for, evenly, and counts them as errors', async () => {
    service = await startDemoService({ loadRps: 0, random: noJitter });
    service.setChaos({ errorRatePercent: 20 });
    const codes = await send(service.url, 50);
    // 20 % plus the service's own 0.5 %: 10 of 50 fail, spread out rather than in a burst.
    expect(codes.filter((code) => code === 500)).toHaveLength(10);
    expect(codes.slice(0, 10).filter((code) => code === 500).length).toBeGreaterThan(0);
    expect(await counters(service.url)).toMatchObject({ failed: 10, errors: 10, ok: 40 });
  });

  it('adds latency to every request, and the answers really wait for it', async () => {
    service = await startDemoService({ loadRps: 0, random: noJitter });
    service.setChaos({ addedLatencyMs: 300 });
    const started = performance.now();
    await send(service.url, 2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 300);
    const { count, sumMs } = await counters(service.url);
    expect(count).toBe(2);
    expect(sumMs).toBeCloseTo(2 * 320);
  });

  it('down: health and traffic answer 503, /metrics still reports (every request failing, up 0)', async () => {
    service = await startDemoService({ loadRps: 0, random: noJitter });
    service.setChaos({ down: true });
    expect((await fetch(service.healthUrl)).status).toBe(503);
    expect(await send(service.url, 3)).toEqual([503, 503, 503]);
    expect(await counters(service.url)).toMatchObject({ unavailable: 3, errors: 3, up: 0 });
  });

  it('POST /rollback puts it back to normal and tells the listeners it was a rollback', async () => {
    service = await startDemoService({ loadRps: 0, random: noJitter });
    const heard: Array<{ down: boolean; cause: string }> = [];
    service.onChaosChange((state, cause) => heard.push({ down: state.down, cause }));
    service.setChaos({ down: true, errorRatePercent: 15 });
    expect((await fetch(service.rollbackUrl)).status).toBe(404);
    const answer = await fetch(service.rollbackUrl, { method: 'POST' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ rolledBack: true, version: 'v1.9-demo' });
    expect(await (await fetch(service.healthUrl)).json()).toEqual({ status: 'ok', version: 'v1.9-demo' });
    expect(service.chaos()).toEqual({ errorRatePercent: 0, addedLatencyMs: 0, down: false });
    expect(heard).toEqual([
      { down: true, cause: 'control' },
      { down: false, cause: 'rollback' },
    ]);
  });

  it('keeps chaos within its limits', () => {
    expect(clampChaos({ errorRatePercent: 250, addedLatencyMs: -5, down: false })).toEqual({ errorRatePercent: 100, addedLatencyMs: 0, down: false });
    expect(clampChaos({ errorRatePercent: Number.NaN, addedLatencyMs: 99_999.4, down: true })).toEqual({ errorRatePercent: 0, addedLatencyMs: 10_000, down: true });
  });

  it('generates its own traffic, and after stop nothing answers and nothing keeps running', async () => {
    service = await startDemoService({ loadRps: 50 });
    await expect.poll(() => service!.served(), { timeout: 20_000 }).toBeGreaterThan(10);
    // A request waiting on added latency when the service stops must not keep it alive.
    service.setChaos({ addedLatencyMs: 5_000 });
    const url = service.url;
    await service.stop();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    const served = service.served();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.served()).toBe(served);
  });
});
