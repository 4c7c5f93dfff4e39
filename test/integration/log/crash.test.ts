// The browser shell killed with SIGKILL at random moments while HTTP clients append events: no
// acknowledged event is ever lost, the file stays intact and the chain verifies after every
// restart — and `tminus verify` (the real command) agrees at the end.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/consoleServer';
import { removeSoakDir, runCrashSoak, type CrashSoakResult } from '../../support/crashSoak';

const seed = Number(process.env.TMINUS_CRASH_SEED ?? Date.now() % 1_000_000);
let result: CrashSoakResult | null = null;

afterAll(() => {
  if (result) removeSoakDir(result);
});

describe('crash safety of the event log (real tminus serve, SIGKILL)', () => {
  it(`keeps every acknowledged event through 24 kills (seed ${seed})`, { timeout: 240_000 }, async () => {
    result = await runCrashSoak({ kills: 24, seed, startupKillEvery: 6, clients: 4, maxAppendMs: 250 });
    expect(result.problems, `seed ${seed}`).toEqual([]);
    expect(result.lost).toBe(0);
    // The soak only means something if events were acknowledged around the kills.
    expect(result.acknowledged).toBeGreaterThan(24);
    expect(result.eventsInLog).toBeGreaterThanOrEqual(result.acknowledged);

    const verify = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'tminus.js'), 'verify', '--data', result.dataDir], { encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`^ok ${result.eventsInLog} events  session [0-9a-f-]{36} "Crash soak"`, 'm'));
  });
});
