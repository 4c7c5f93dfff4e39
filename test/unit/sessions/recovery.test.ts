// Start-up recovery, driven by a fake recoverer standing in for the step runner that will
// register one: any checklist item whose latest note says "started" is work in progress.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import { recoverInterruptedWork, type Recoverer } from '../../../electron/sessions/recovery';
import { SYSTEM_ACTOR } from '../../../shared/log/actor';
import type { SessionState } from '../../../shared/session/sessionState';
import { ada, call, openTestConsole, seedSession } from '../../support/logWorkspace';

const fakeStepRecoverer: Recoverer = (state) =>
  Object.entries(state.checklist)
    .filter(([, item]) => {
      const last = item.history.at(-1);
      return last?.kind === 'noted' && last.text.startsWith('started');
    })
    .map(([itemId, item]) => ({ what: 'step run', ref: itemId, detail: `"${(item.history.at(-1) as { text: string }).text}" was running when T-Minus stopped; its outcome is unknown` }));

let dir: string;
let service: ConsoleService | null;

function restart(recoverers: Recoverer[]): ConsoleService {
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, recoverers });
  return service;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-recovery-'));
  service = null;
});
afterEach(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up recovery (fake step recoverer)', () => {
  it('closes work that was in progress with a session.interrupted event by the system, before serving', async () => {
    const first = openTestConsole(dir);
    const running = await seedSession(first, 'Launch', 2);
    await call(first, 'addNote', { sessionId: running.id, itemId: running.itemIds[5]!, actor: ada, text: 'started: deploy api' });
    const idle = await seedSession(first, 'Quiet', 1);
    const before = (await call(first, 'listSessions', {})).find((s) => s.id === running.id)!;
    await first.close();

    const console2 = restart([fakeStepRecoverer]);
    const events = console2.workspace.log.read(running.id);
    expect(events).toHaveLength(before.eventCount + 1);
    expect(events.at(-1)).toMatchObject({
      seq: before.eventCount + 1,
      actor: SYSTEM_ACTOR,
      type: 'session.interrupted',
      payload: { what: 'step run', ref: running.itemIds[5], detail: expect.stringMatching(/"started: deploy api" was running when T-Minus stopped/) },
    });
    // Visible in what the console serves at once; the person at the keyboard is still Ada.
    const opened = await call(console2, 'openSession', { sessionId: running.id });
    expect(opened.session.eventCount).toBe(before.eventCount + 1);
    expect(opened.state.header.actor).toEqual(ada);
    expect(console2.workspace.log.verify(running.id)).toMatchObject({ ok: true });
    expect(console2.workspace.log.read(idle.id)).toHaveLength(2);
  });

  it('leaves read-only sessions untouched and writes nothing when nothing was in progress', async () => {
    const first = openTestConsole(dir);
    const closed = await seedSession(first, 'Closed', 1);
    await call(first, 'addNote', { sessionId: closed.id, itemId: closed.itemIds[0]!, actor: ada, text: 'started: smoke tests' });
    first.workspace.log.append({ sessionId: closed.id, actor: ada, type: 'session.closed', payload: { reason: 'rehearsal over' } });
    const plain = await seedSession(first, 'Plain', 3);
    await first.close();

    const seen: string[] = [];
    const spy: Recoverer = (state: SessionState) => {
      seen.push(state.header.name);
      return fakeStepRecoverer(state);
    };
    const console2 = restart([spy]);
    expect(seen).toEqual(['Plain']);
    expect(console2.workspace.log.read(closed.id).at(-1)!.type).toBe('session.closed');
    expect(console2.workspace.log.read(plain.id)).toHaveLength(4);
  });

  it('writes nothing without recoverers (the default)', async () => {
    const first = openTestConsole(dir);
    const seeded = await seedSession(first, 'Launch', 0);
    await call(first, 'addNote', { sessionId: seeded.id, itemId: seeded.itemIds[0]!, actor: ada, text: 'started: migrations' });
    await first.close();
    const console2 = restart([]);
    expect(console2.workspace.log.read(seeded.id)).toHaveLength(2);
  });
});

describe('recoverInterruptedWork', () => {
  const state = { headSeq: 1, header: { name: 'x' }, checklist: {} } as unknown as SessionState;

  it('keeps going when one recoverer throws, reporting it, and commits each session in one batch (fake log)', () => {
    const batches: unknown[][] = [];
    const errors: string[] = [];
    const throwing: Recoverer = function brokenRecoverer() {
      throw new Error('projection bug');
    };
    const twoThings: Recoverer = () => [
      { what: 'step run', ref: 'r1', detail: 'one' },
      { what: 'step run', ref: 'r2', detail: 'two' },
    ];
    recoverInterruptedWork(
      {
        log: { appendMany: (requests) => (batches.push([...requests]), []) },
        sessionIds: () => ['a', 'b'],
        readOnlyReason: (id) => (id === 'b' ? 'it is closed' : null),
        state: () => state,
        onError: (name, sessionId, error) => errors.push(`${name} ${sessionId} ${(error as Error).message}`),
      },
      [throwing, twoThings],
    );
    expect(errors).toEqual(['brokenRecoverer a projection bug']);
    expect(batches).toEqual([
      [
        { sessionId: 'a', actor: SYSTEM_ACTOR, type: 'session.interrupted', payload: { what: 'step run', ref: 'r1', detail: 'one' } },
        { sessionId: 'a', actor: SYSTEM_ACTOR, type: 'session.interrupted', payload: { what: 'step run', ref: 'r2', detail: 'two' } },
      ],
    ]);
  });
});
