// Read-only commands on a read-only copy of a workspace (issue 16, point 8): a backup on a
// read-only mount, evidence handed over on write-protected media. SQLite cannot open a WAL
// database where it may not create the -shm file, so these failed with "unable to open database
// file". Root ignores file permissions, so the copy is a read-only bind mount in a private mount
// namespace (unshare -m): writes there fail for root too — the test checks that first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/consoleServer';
import { openTestConsole, seedSession, type SeededSession } from '../../support/logWorkspace';

const canMount = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

let dataDir: string;
let mountPoint: string;
let outDir: string;
let session: SeededSession;

/** Runs `script` in a private mount namespace where `mountPoint` shows `dataDir` read-only. */
function onReadOnlyCopy(script: string): { status: number | null; stdout: string; stderr: string } {
  const cli = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(join(REPO_ROOT, 'test', 'support', 'cliEntry.ts'))}`;
  const body = `mount --bind ${JSON.stringify(dataDir)} ${JSON.stringify(mountPoint)} && mount -o remount,bind,ro ${JSON.stringify(mountPoint)} && ${script.replaceAll('TMINUS', cli)}`;
  const result = spawnSync('unshare', ['-m', 'sh', '-c', body], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  if (!canMount) return;
  const root = mkdtempSync(join(tmpdir(), 'tminus-rocopy-'));
  dataDir = join(root, 'workspace');
  mountPoint = join(root, 'readonly');
  outDir = join(root, 'out');
  mkdirSync(mountPoint);
  mkdirSync(outDir);
  const service = openTestConsole(dataDir);
  session = await seedSession(service, 'Evidence', 4);
  await service.close();
});

afterAll(() => {
  if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

describe.skipIf(!canMount)('read-only commands on a read-only copy of a workspace', () => {
  it('the copy really is read-only, for root too', () => {
    const result = onReadOnlyCopy(`touch ${JSON.stringify(join(mountPoint, 'probe'))}`);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Read-only file system/);
  });

  it('verify, sessions and export work on it and leave it unchanged', () => {
    const before = readFileSync(join(dataDir, 'tminus.db'));
    const out = join(outDir, 'evidence.tminus.json');
    const ro = JSON.stringify(mountPoint);
    const result = onReadOnlyCopy(`TMINUS verify --data ${ro} --- sessions --data ${ro} --- session export --data ${ro} --session ${session.id} --out ${JSON.stringify(out)}`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^heads signed by SHA256:/m);
    expect(result.stdout).toContain(`ok 5 events  session ${session.id} "Evidence"`);
    expect(result.stdout).toContain('Evidence');
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(join(dataDir, 'tminus.db')).equals(before)).toBe(true);
  }, 180_000);
});
