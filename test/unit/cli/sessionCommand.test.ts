import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { readSessionFile } from '../../../electron/report/sessionFile';
import { REPO_ROOT } from '../../support/consoleServer';
import { call, openTestConsole } from '../../support/logWorkspace';

const SEED = join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'seed.md');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let dir: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

async function tminus(...args: string[]) {
  const result = capture();
  const code = await main(args, result.io);
  return { code, out: result.out, err: result.err.join('\n') };
}

async function sessions() {
  const service = openTestConsole(dir);
  try {
    return await call(service, 'listSessions', {});
  } finally {
    await service.close();
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-session-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('tminus session new', () => {
  it("prints only the new session's id; name, T0 and actor default from the runbook and the OS user", async () => {
    const result = await tminus('session', 'new', '--data', dir, '--runbook', SEED);
    expect(result.code).toBe(0);
    expect(result.out).toHaveLength(1);
    expect(result.out[0]).toMatch(UUID);
    expect(await sessions()).toMatchObject([
      {
        id: result.out[0],
        name: 'Production Go-Live Procedures',
        environment: 'staging',
        t0: '2025-10-21T12:00:00.000Z',
        createdBy: { name: userInfo().username, role: null },
        runbook: { sourceName: 'seed.md' },
        readOnly: false,
        eventCount: 1,
      },
    ]);
  });

  it('takes name, T0, environment and actor from the flags', async () => {
    const result = await tminus(
      'session', 'new', '--data', dir, '--runbook', SEED, '--name', 'Dress rehearsal', '--t0', '2025-10-18T09:30:00+02:00', '--env', 'production', '--actor', 'Ada',
    );
    expect(result.code).toBe(0);
    expect(await sessions()).toMatchObject([
      { id: result.out[0], name: 'Dress rehearsal', environment: 'production', t0: '2025-10-18T07:30:00.000Z', createdBy: { name: 'Ada' } },
    ]);
  });

  it('asks for --t0 when the runbook names none, and refuses bad flags with usage (exit 2)', async () => {
    const bare = join(dir, 'bare.md');
    writeFileSync(bare, '# Small change\n\n- [ ] Tell the team\n');
    const noT0 = await tminus('session', 'new', '--data', dir, '--runbook', bare);
    expect(noT0.code).toBe(2);
    expect(noT0.err).toMatch(/bare\.md names no T0; give one with --t0 ISO/);
    expect((await tminus('session', 'new', '--data', dir)).code).toBe(2);
    expect((await tminus('session', 'new', '--data', dir, '--runbook', SEED, '--env', 'prod')).err).toMatch(/--env must be staging or production/);
    expect((await tminus('session', 'new', '--data', dir, '--runbook', SEED, '--t0', 'tomorrow noon')).code).toBe(2);
    expect((await tminus('session', 'launch')).err).toMatch(/unknown subcommand "launch"[\s\S]*tminus session new [\s\S]*tminus session export /);
    expect(existsSync(join(dir, 'tminus.db'))).toBe(false);
  });

  it('says clearly when another T-Minus holds the data directory', async () => {
    const running = openTestConsole(dir);
    try {
      const result = await tminus('session', 'new', '--data', dir, '--runbook', SEED);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^tminus session: Another T-Minus \(pid \d+, since .*\) is using .*; close it or choose another --data directory\.$/);
      expect(result.out).toEqual([]);
    } finally {
      await running.close();
    }
  });

  it('exits 1 when the runbook cannot be read', async () => {
    const result = await tminus('session', 'new', '--data', dir, '--runbook', join(dir, 'missing.md'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/cannot read .*missing\.md: ENOENT/);
  });
});

describe('tminus session export', () => {
  it('writes a session file that verifies, without taking the lock from a running console', async () => {
    const id = (await tminus('session', 'new', '--data', dir, '--runbook', SEED)).out[0]!;
    const running = openTestConsole(dir);
    const out = join(dir, 'go-live.tminus.json');
    try {
      const result = await tminus('session', 'export', '--data', dir, '--session', id, '--out', out);
      expect(result.code).toBe(0);
      expect(result.out[0]).toMatch(/go-live\.tminus\.json: 1 events of "Production Go-Live Procedures", head [0-9a-f]{64}$/);
    } finally {
      await running.close();
    }
    const reading = readSessionFile(readFileSync(out, 'utf8'));
    expect(reading).toMatchObject({ ok: true, sessionId: id, eventCount: 1 });
    expect((await tminus('verify', out)).code).toBe(0);
  });

  it('never overwrites a file, and names a missing session', async () => {
    const id = (await tminus('session', 'new', '--data', dir, '--runbook', SEED)).out[0]!;
    const out = join(dir, 'existing.tminus.json');
    writeFileSync(out, 'keep me');
    const refused = await tminus('session', 'export', '--data', dir, '--session', id, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/the file exists/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const unknown = await tminus('session', 'export', '--data', dir, '--session', '00000000-0000-4000-8000-000000000000', '--out', join(dir, 'x.json'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no session 00000000-0000-4000-8000-000000000000/);
    expect((await tminus('session', 'export', '--data', dir, '--session', id)).code).toBe(2);
  });
});

describe('tminus import', () => {
  it('is registered: prints the runbook summary as JSON', async () => {
    const result = await tminus('import', SEED, '--summary');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out.join(''))).toMatchObject({ title: 'Production Go-Live Procedures' });
    expect((await tminus('--help')).out.join('\n')).toMatch(/tminus import FILE/);
  });
});
