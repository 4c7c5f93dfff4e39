// One writer per data directory, also when several processes start at once over the lock of a
// writer that died (issue 16, point 12). Real processes, real files: the race is the point.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../electron/store/dataDirLock';

const dirs: string[] = [];
let bundleDir: string;
let contender: string;

// Bundled once, so the contenders start in milliseconds and really do race.
beforeAll(() => {
  bundleDir = mkdtempSync(join(tmpdir(), 'tminus-lock-bundle-'));
  contender = join(bundleDir, 'lockContender.mjs');
  buildSync({ entryPoints: [join(import.meta.dirname, '..', '..', 'support', 'lockContender.ts')], bundle: true, platform: 'node', format: 'esm', outfile: contender, logLevel: 'silent' });
});

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tminus-lock-'));
  dirs.push(dir);
  return dir;
}

/** The pid of a process that has exited (so a lock naming it is stale). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout as unknown as number;
}

async function race(dataDir: string, contenders: number): Promise<string[]> {
  const go = join(dataDir, 'go');
  const children = Array.from({ length: contenders }, () =>
    spawn(process.execPath, [contender, dataDir, go], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const lines = children.map((child) => {
    const seen: string[] = [];
    const waiters: Array<() => void> = [];
    let buffer = '';
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      seen.push(...parts);
      waiters.splice(0).forEach((wake) => wake());
    });
    child.once('exit', () => {
      seen.push('exited without a word');
      waiters.splice(0).forEach((wake) => wake());
    });
    return async (n: number) => {
      while (seen.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return seen[n - 1]!;
    };
  });
  // Every contender loaded and waiting at the barrier, then released together.
  await Promise.all(lines.map((line) => line(1)));
  writeFileSync(go, '');
  const results = await Promise.all(lines.map((line) => line(2)));
  for (const child of children) child.stdin.end();
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
  return results;
}

describe('the data directory lock', () => {
  it('refuses a second writer in the same process while the first holds it, and frees it on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/Another T-Minus \(pid \d+/);
    lock.release();
    lockDataDir(dir).release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('of several processes starting at once over a dead writer’s lock, exactly one wins', async () => {
    for (let round = 0; round < 2; round++) {
      const dir = tempDir();
      writeFileSync(join(dir, 'tminus.lock'), JSON.stringify({ pid: Number(deadPid()), host: hostname(), startedAt: '2025-01-01T00:00:00Z' }));
      const results = await race(dir, 6);
      expect(results.filter((r) => r === 'won'), results.join(' | ')).toHaveLength(1);
      expect(results.filter((r) => r.startsWith('lost: Another T-Minus'))).toHaveLength(5);
      // Nothing is left behind but the lock (released by the winner) and the barrier file.
      expect(readdirSync(dir).sort()).toEqual(['go']);
    }
  }, 120_000);

  it('of several processes starting at once on a fresh directory, exactly one wins', async () => {
    const results = await race(tempDir(), 6);
    expect(results.filter((r) => r === 'won'), results.join(' | ')).toHaveLength(1);
  }, 60_000);
});
