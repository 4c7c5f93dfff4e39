// The forecast in the reports `tminus export` writes (a real workspace on disk, the CLI as a user
// runs it): nothing has run 50 minutes after T0 and the first gate is on HOLD, so everything ahead
// moves — the Markdown and the HTML both say the projected end against the planned one, the
// critical path, and planned vs forecast per step.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { createConsole } from '../../../electron/console';
import { ada, call, seedRunbook } from '../../support/logWorkspace';

let dir: string;
let sessionId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-export-forecast-'));
  // The console clock stands at T0 + 50 min: the last event (the HOLD) is at 12:50:00.
  const now = Date.parse('2025-10-21T12:50:00Z');
  const service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', clock: { now: () => now } });
  try {
    sessionId = (await call(service, 'createSession', { name: 'Payments', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: seedRunbook() })).id;
    const runbook = (await call(service, 'openSession', { sessionId })).runbook!;
    await call(service, 'decideGate', { sessionId, actor: ada, gateId: runbook.gates[0]!.id, decision: 'HOLD', reason: 'p95 too high' });
  } finally {
    await service.close();
  }
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function exported(format: 'md' | 'html'): Promise<string> {
  const out = join(dir, `report.${format}`);
  const said: string[] = [];
  const code = await main(['export', '--data', dir, '--session', sessionId, '--format', format, '--out', out], { stdout: (t) => said.push(t), stderr: (t) => said.push(t) });
  expect(code, said.join('\n')).toBe(0);
  return readFileSync(out, 'utf8');
}

const PATH = ['Enable Maintenance Mode', 'Deploy New Code', 'Database Migrations', 'Health Check'];

describe('tminus export shows the forecast', () => {
  it('in Markdown: projected vs planned end, the critical path, planned vs forecast per step', async () => {
    const md = await exported('md');
    expect(md).toContain(
      `> **Forecast** at the last event: projected end 2025-10-21 13:15:00 UTC (planned 2025-10-21 12:50:00 UTC); critical path: ${PATH.map((t) => `“${t}”`).join(' → ')}`,
    );
    expect(md).toContain('> - Deploy New Code: planned 2025-10-21 12:05:00 UTC, forecast 2025-10-21 12:55:00 UTC–2025-10-21 13:05:00 UTC (critical)');
    expect(md).toContain('> - Go/No-Go Decision — Canary: 5% of Traffic: planned 2025-10-21 12:35:00 UTC, forecast 2025-10-21 12:50:00 UTC');
  });

  it('in HTML: the same forecast sentence and a Forecast column with the critical steps marked', async () => {
    const html = await exported('html');
    expect(html).toContain(`<p>Forecast at the last event: 9 steps and gates not done, projected end 13:15:00 UTC; critical path: ${PATH.join(' → ')}.</p>`);
    expect(html).toContain('<th>Planned</th><th>Forecast</th><th>Actual start</th>');
    const row = html.split('<tr>').find((r) => r.startsWith('<td>Deploy New Code'))!;
    expect(row).toMatch(/<td><span class="nowrap">[^<]*12:55:00 UTC–13:05:00 UTC<\/span> <span class="[^"]*">critical<\/span><\/td>/);
  });
});
