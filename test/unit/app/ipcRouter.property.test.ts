// The desktop IPC path at the router level, with random payloads (fast-check): every contract
// call answers a payload its schema refuses with invalid_input — an envelope, never a throw —
// and a message from any frame but the window's own main frame is refused. registerIpc runs on
// the Electron stand-in's ipcMain (test/support/electronStandIn, not Electron) over a real
// workspace in a temp folder.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { calls, callNames } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/errors';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { createElectronStandIn } from '../../support/electronStandIn/mainProcess';

const standIn = vi.hoisted(() => ({ current: null as ReturnType<typeof createElectronStandIn> | null }));
vi.mock('electron', () => standIn.current!.electron);

let dir: string;
let service: ConsoleService;
let unregister: () => void;
let windowContents: { id: number };
const ownFrame = { url: 'app://tminus/index.html', origin: 'app://tminus', parent: null };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-ipc-prop-'));
  standIn.current = createElectronStandIn({ userData: dir, appPath: dir });
  standIn.current.control.becomeReady();
  const { registerIpc } = await import('../../../electron/app/ipc');
  service = createConsole({ dataDir: join(dir, 'workspace'), version: '0.0.0-test', shell: 'desktop', clock: { now: () => Date.parse('2026-12-03T09:00:00Z') } });
  const window = new standIn.current.electron.BrowserWindow({ webPreferences: { sandbox: true, contextIsolation: true } });
  windowContents = window.webContents;
  unregister = registerIpc(service, window as never);
});
afterAll(async () => {
  unregister?.();
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

const invoke = (senderFrame: typeof ownFrame | null, name: string, payload: unknown, sender = windowContents) =>
  standIn.current!.control.invokeAs({ sender, senderFrame }, `tminus:call:${name}`, payload) as Promise<Envelope<unknown>>;

describe('desktop IPC router (random payloads)', () => {
  it('every call answers a payload its schema refuses with invalid_input, never a throw', async () => {
    for (const name of callNames) {
      const schema = calls[name].input;
      const refused = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }).filter((payload) => !schema.safeParse(payload ?? {}).success);
      await fc.assert(
        fc.asyncProperty(refused, async (payload) => {
          const envelope = await invoke(ownFrame, name, payload);
          expect(envelope.ok).toBe(false);
          if (!envelope.ok) expect(envelope.error.code, `${name}: ${envelope.error.message}`).toBe('invalid_input');
        }),
        { numRuns: 25 },
      );
    }
  }, 120_000);

  it('a message from a frame other than the main frame of our own page is refused, whatever it carries', async () => {
    const foreignFrame = fc.oneof(
      fc.webUrl().map((url) => ({ url, origin: new URL(url).origin, parent: null })),
      fc.constantFrom('app://tminusx.evil/', 'app://tminus.evil/index.html', 'file:///index.html', 'about:blank').map((url) => ({ url, origin: standIn.current!.control.originOf(url), parent: null })),
      fc.constant({ ...ownFrame, parent: ownFrame as unknown as null }),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(foreignFrame, fc.constantFrom(...callNames), fc.anything(), async (frame, name, payload) => {
        expect(await invoke(frame, name, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }),
      { numRuns: 200 },
    );
    // Our own frame, but in another webContents.
    expect(await invoke(ownFrame, 'listSessions', {}, { id: windowContents.id + 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(ownFrame, 'listSessions', {})).toMatchObject({ ok: true });
  });
});
