import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { createConsole } from '../../../electron/console';

const runbook = { sourceName: 'launch.md', content: '# Launch\n\n- [ ] Backups verified\n' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

describe('tminus CLI', () => {
  it('prints help and version', async () => {
    const help = capture();
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toMatch(/tminus serve \[--data DIR\] \[--port N\]/);
    const version = capture();
    expect(await main(['--version'], version.io)).toBe(0);
    expect(version.out[0]).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers unknown commands and bad flags with usage and exit 2', async () => {
    const unknown = capture();
    expect(await main(['launch-rockets'], unknown.io)).toBe(2);
    expect(unknown.err.join('\n')).toMatch(/unknown command "launch-rockets"[\s\S]*Usage:/);
    const badFlag = capture();
    expect(await main(['sessions', '--colour'], badFlag.io)).toBe(2);
    expect(badFlag.err.join('\n')).toMatch(/Unknown option '--colour'[\s\S]*Usage: tminus sessions/);
    const badPort = capture();
    expect(await main(['serve', '--port', 'eighty'], badPort.io)).toBe(2);
  });

  it('lists sessions one per line, even while a console holds the workspace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tminus-cli-'));
    const service = createConsole({ dataDir: dir, version: 'x', shell: 'browser' });
    try {
      for (const [name, environment] of [['Launch', 'production'], ['Rehearsal', 'staging']] as const) {
        await service.router.dispatch('createSession', { name, environment, t0: '2025-10-21T12:00:00Z', actor: { name: 'Ada', role: null }, runbook }, { access: 'write' });
      }
      const listed = capture();
      expect(await main(['sessions', '--data', dir], listed.io)).toBe(0);
      expect(listed.out).toHaveLength(2);
      expect(listed.out.join('\n')).toMatch(/production\s+2025-10-21T12:00:00.000Z\s+1 events\s+Launch/);
    } finally {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says clearly when the data directory holds no workspace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tminus-cli-'));
    const result = capture();
    expect(await main(['sessions', '--data', dir], result.io)).toBe(1);
    expect(result.err.join('')).toMatch(/tminus sessions: .*tminus\.db does not exist/);
    rmSync(dir, { recursive: true, force: true });
  });
});
