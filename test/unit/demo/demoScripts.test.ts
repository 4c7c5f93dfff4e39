// Every step of the demo runbook run as the console runs a local step (`bash -s`, script on stdin)
// against a real demo service — with a no-op `sleep` first on PATH, so the 30-second build takes
// none of the test's time. They must succeed, print what they claim, and the flaky one must fail
// once and then pass; the rollback steps must really put the service back to normal.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoRunbook, FLAKY_MARKER_FILE } from '../../../electron/demo/demoRunbook';
import { startDemoService, type DemoService } from '../../../electron/demo/demoService';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import type { Runbook } from '../../../shared/runbook/model';

let service: DemoService;
let dir: string;
let runbook: Runbook;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  service = await startDemoService({ loadRps: 0 });
  dir = mkdtempSync(join(tmpdir(), `tminus-demo-scripts-${process.pid}-`));
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'sleep'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'sleep'), 0o755);
  env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` };
  runbook = importMarkdown(buildDemoRunbook({ t0: '2026-03-01T12:04:00Z', serviceUrl: service.url, dataDir: join(dir, 'data') }), 'demo-launch.md');
});

afterAll(async () => {
  await service.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runStep(title: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const step = runbook.steps.find((candidate) => candidate.title === title);
  if (!step) throw new Error(`no step "${title}"`);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-s'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(step.script);
  });
}

describe('demo runbook steps, run locally against the demo service (sleep stubbed)', () => {
  it('the build prints its progress to 100 % and succeeds', async () => {
    const run = await runStep('Build Release Artifacts');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[ {2}4%\][\s\S]*\[100%\]\S* build complete/);
  });

  it('the migration prints the rows it copies', async () => {
    const run = await runStep('Database Migrations');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('copied 100000 / 100000 rows');
  });

  it('deploy and health check curl the demo service, and the health check fails while it is down', async () => {
    expect((await runStep('Deploy New Code')).code).toBe(0);
    const healthy = await runStep('Health Check');
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toContain('"status":"ok"');
    expect(healthy.stdout).toContain('demo_http_requests_total{code="200"}');
    service.setChaos({ down: true });
    try {
      const down = await runStep('Health Check');
      expect(down.code).not.toBe(0);
      expect(down.stderr).toMatch(/503/);
    } finally {
      service.setChaos({ down: false });
    }
  });

  it('the smoke test fails the first time (leaving its marker) and passes on re-run', async () => {
    const first = await runStep('Smoke Test the Canary');
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('FAILED: HTTP 502');
    expect(existsSync(join(dir, 'data', FLAKY_MARKER_FILE))).toBe(true);
    const second = await runStep('Smoke Test the Canary');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Smoke tests passed');
  });

  it('every other step succeeds and says what it would do', async () => {
    for (const title of ['Enable Maintenance Mode', 'Canary: 5% of Traffic', 'Canary: 25% of Traffic', 'Full Rollout: 100% of Traffic', 'Level 1: Minor Issues']) {
      const run = await runStep(title);
      expect(run.code, `${title}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toMatch(/printed, not sent|Would /);
    }
  });

  it('the level 2 and level 3 rollback steps put the demo service back to normal', async () => {
    for (const title of ['Level 2: Major Issues', 'Level 3: Critical Issues']) {
      service.setChaos({ errorRatePercent: 15, addedLatencyMs: 900 });
      const run = await runStep(title);
      expect(run.code, `${title}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toContain('"rolledBack":true');
      expect(service.chaos()).toEqual({ errorRatePercent: 0, addedLatencyMs: 0, down: false });
    }
  });
});
