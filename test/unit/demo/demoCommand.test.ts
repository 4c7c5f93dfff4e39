// `tminus demo` in-process (stopped through its abort signal), and the demo calls on a console that
// is not the demo.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemoCommand } from '../../../electron/cli/demoCommand';
import { main } from '../../../electron/cli/main';
import { createConsole } from '../../../electron/console';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), `tminus-demo-cli-${process.pid}-`));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

describe('tminus demo', () => {
  it('is listed in the help', async () => {
    const help = capture();
    expect(await main(['--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toMatch(/tminus demo \[--data DIR\] \[--port N\] \[--open\]/);
  });

  it('prints where its data lives, the tokened link to the demo session and the viewer link, and stops cleanly', async () => {
    const dir = join(tempDir(), 'demo');
    const { io, out, err } = capture();
    const stop = new AbortController();
    const exited = runDemoCommand(['--data', dir, '--port', '0'], io, stop.signal);
    await expect.poll(() => out.join('\n'), { timeout: 30_000 }).toMatch(/War-room viewer/);
    const text = out.join('\n');
    expect(text).toContain('nothing here touches real systems');
    expect(text).toContain(`Demo data: ${dir} (emptied on every start`);
    const link = /T-Minus demo console: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)#\/sessions\/([0-9a-f-]{36})/.exec(text);
    expect(link).not.toBeNull();
    const service = /Service: +(http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1]!;
    expect((await fetch(`${service}/health`)).status).toBe(200);
    // The link's token opens the console's API (the page keeps it in its sessionStorage).
    const linkUrl = new URL(link![1]!);
    const call = await fetch(`${linkUrl.origin}/api/call/listSessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${linkUrl.searchParams.get('token')}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(call.status).toBe(200);
    stop.abort();
    expect(await exited).toBe(0);
    expect(out.join('\n')).toContain('Demo stopped');
    expect(err).toEqual([]);
    await expect(fetch(`${service}/health`)).rejects.toThrow();
    await expect(fetch(link![1]!)).rejects.toThrow();
  });

  it('refuses a --data folder holding someone else\'s files, and leaves them alone', async () => {
    const dir = join(tempDir(), 'notes');
    mkdirSync(dir);
    writeFileSync(join(dir, 'plan.txt'), 'mine');
    const { io, err } = capture();
    expect(await runDemoCommand(['--data', dir], io)).toBe(1);
    expect(err.join('\n')).toMatch(/not empty and is not a demo folder/);
    expect(readdirSync(dir)).toEqual(['plan.txt']);
  });

  it('answers a bad port with usage', async () => {
    const { io, err } = capture();
    expect(await main(['demo', '--port', 'x'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--port must be a port number/);
  });
});

describe('the demo calls outside the demo', () => {
  it('say it is not a demo and refuse chaos with a clear error', async () => {
    const service = createConsole({ dataDir: tempDir(), version: 'test', shell: 'browser' });
    try {
      const status = await service.router.dispatch('demoStatus', {}, { access: 'read' });
      expect(status).toEqual({ ok: true, result: { demo: false, sessionId: null, actor: null, serviceUrl: null, chaos: null, runbookFile: null } });
      const chaos = await service.router.dispatch('setDemoChaos', { down: true }, { access: 'write' });
      expect(chaos).toEqual({ ok: false, error: { code: 'not_found', message: expect.stringContaining('only in the demo launch') } });
    } finally {
      await service.close();
    }
  });
});
