// "Remember on this computer" against real keychains. Where none is available (no D-Bus session,
// as in this test process) the console says so before anything is set, refuses to "remember", and
// keeps values in memory. With a real Secret Service — a private D-Bus session and an unlocked
// GNOME Keyring — a remembered value survives a restart of the console and is removed on forget.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../../electron/console';
import { ApiError } from '../../../shared/api/errors';
import type { CallInput, CallName, CallResult } from '../../../shared/api/contract';

const ada = { name: 'Ada', role: 'Incident Commander' };
const RUNBOOK = '---\ntitle: Keychain\ntargets:\n  Use it: local\n---\n\n# Keychain\n\n### Use it\n\n```bash\necho "${#DEPLOY_TOKEN}"\n```\n';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

describe('secrets without a keychain', () => {
  it('says they live in memory, refuses "remember", and keeps the value for this console only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tminus-nokeychain-'));
    dirs.push(dataDir);
    // This process has no D-Bus session: the probe of the real Secret Service fails.
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    const service = createConsole({ dataDir, version: '0.0.0-test', shell: 'browser', validateResults: true });
    const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
      const envelope = await service.router.dispatch(name, input, { access: 'write' });
      if (!envelope.ok) throw ApiError.from(envelope.error);
      return envelope.result as CallResult<N>;
    };
    try {
      const storage = await call('getSecretStorage', {});
      expect(storage.canRemember).toBe(false);
      expect(storage.reason).toMatch(/not available here/);
      const session = await call('createSession', { name: 'No keychain', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'k.md', content: RUNBOOK } });
      const refused = await service.router.dispatch('setSecret', { sessionId: session.id, actor: ada, name: 'DEPLOY_TOKEN', value: 'tok-remembered-123', remember: true }, { access: 'write' });
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error.message).toMatch(/cannot be remembered on this computer/);
      expect(service.workspace.log.read(session.id).some((e) => e.type === 'secrets.provided')).toBe(false);
      await call('setSecret', { sessionId: session.id, actor: ada, name: 'DEPLOY_TOKEN', value: 'tok-memory-123' });
      expect(await call('getSecretsStatus', { sessionId: session.id })).toEqual([{ name: 'DEPLOY_TOKEN', source: 'session', usedBy: [expect.any(String)] }]);
    } finally {
      await service.close();
      if (saved !== undefined) process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });
});

describe('secrets in a real Secret Service', () => {
  const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !has(c));
  it.skipIf(missing.length > 0)(`are remembered across a restart and removed on forget${missing.length ? ` (skipped: ${missing.join(', ')} not installed — apt-get install dbus gnome-keyring)` : ''}`, () => {
    // A keyring of its own (XDG_DATA_HOME): never the user's login keyring, and a fresh one each time.
    const keyrings = mkdtempSync(join(tmpdir(), 'tminus-keyrings-'));
    dirs.push(keyrings);
    const child = spawnSync(
      'dbus-run-session',
      ['--', 'sh', '-c', 'printf tminus-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 && exec npx tsx test/integration/secrets/keychainConsole.ts'],
      { cwd: join(import.meta.dirname, '..', '..', '..'), encoding: 'utf8', timeout: 120_000, env: { ...process.env, XDG_DATA_HOME: keyrings } },
    );
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    const result = JSON.parse(line || '{}') as Record<string, unknown>;
    expect(result.error, child.stderr).toBeUndefined();
    expect(result.storage).toMatchObject({ canRemember: true, reason: null });
    // The remembered one is back from the keychain; the one set for the session only must be set again.
    expect(result.afterRestart).toEqual([
      { name: 'DEPLOY_TOKEN', source: 'keychain', usedBy: [expect.any(String)] },
      { name: 'OTHER_TOKEN', source: null, usedBy: [] },
    ]);
    expect(result.keychainHeld).toBe(true);
    expect(result.afterForget).toBeNull();
  }, 150_000);
});
