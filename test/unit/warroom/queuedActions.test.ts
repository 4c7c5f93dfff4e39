// Queued (offline) seat actions through the console's router on a real workspace (SQLite file in a
// temp dir), signed with a real WebCrypto key: order, seat time, conflicts, refusals, resends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { Invitation } from '../../../shared/api/warRoom';
import type { LoggedEvent } from '../../../shared/log/eventTypes';
import { foldSessionState } from '../../../shared/session/sessionState';
import type { SeatIdentity } from '../../../shared/warroom/seatPolicy';
import type { QueuedAction } from '../../../shared/warroom/queuedActions';
import { main } from '../../../electron/cli/main';
import { verifySeatSignature } from '../../../electron/warroom/seatSignatures';
import { auditSeatSignatures } from '../../../shared/warroom/seatSignatureAudit';
import { makeSeatKey, type SeatKey } from '../../support/seatSigning';

const ic = { name: 'Ada', role: 'Incident Commander' };
const ROLES = '## Team\n\n### War Room Roles\n\n| Role | Name |\n|---|---|\n| Incident Commander | Ada |\n| Database Admin | Dana |\n\n';
const items = Array.from({ length: 10 }, (_, i) => `- [ ] Migration check ${i + 1}`).join('\n');
const runbook = { sourceName: 'launch.md', content: `# Launch\n\n${ROLES}## Checks\n\n**Database Admin**:\n${items}\n` };
const write = { access: 'write' as const };
let dir: string;
let service: ConsoleService;
let sessionId: string;
let seat: SeatIdentity;
let key: SeatKey;
let itemIds: string[];

type Envelope = Awaited<ReturnType<ConsoleService['router']['dispatch']>>;
async function call<T>(name: string, input: unknown, context: Parameters<ConsoleService['router']['dispatch']>[2] = write): Promise<T> {
  const envelope = await service.router.dispatch(name, input, context);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}
const asSeat = () => ({ access: 'write' as const, seat });
const log = (): LoggedEvent[] => service.workspace.log.read(sessionId);
const headSeq = () => log().at(-1)!.seq;
/** The session as the log folds it (what every screen shows). */
const folded = () => foldSessionState(log())!;

function queued(seq: number, item: string, action: QueuedAction['action'], note: string | null = null) {
  return key.sign({ seat: seat.seatId, session: sessionId, item, action, note, seatTime: new Date(Date.UTC(2030, 0, 1, 12, 0, seq)).toISOString(), seq });
}
type Submitted = { results: Array<{ seq: number; outcome: string; reason: string | null }> };
const submit = (actions: QueuedAction[], lastSeenSeq: number) => call<Submitted>('submitQueuedActions', { sessionId, actor: ic, lastSeenSeq, actions }, asSeat());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-queue-'));
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, share: { viewerLink: async () => null, invitationBase: async () => ({ base: 'https://127.0.0.2:8443/', fingerprint: 'AA:BB' }) } });
  sessionId = (await call<{ id: string }>('createSession', { name: 'Launch', environment: 'staging', t0: '2030-01-01T12:00:00Z', actor: ic, runbook })).id;
  const invitation = await call<Invitation>('createSeat', { sessionId, actor: ic, name: 'Dana', roles: ['Database Admin'] });
  seat = service.warRoom.seatOfToken(new URL(invitation.url!).searchParams.get('token'))!;
  itemIds = (await call<{ runbook: { checklistItems: Array<{ id: string }> } }>('openSession', { sessionId })).runbook.checklistItems.map((item) => item.id);
  key = await makeSeatKey();
  await call('registerSeatKey', { sessionId, actor: ic, publicKey: key.publicKey }, asSeat());
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('queued seat actions', () => {
  it('registers a seat key once, as a logged event, and refuses to replace it', async () => {
    expect(log().filter((event) => event.type === 'seat.keyRegistered')).toHaveLength(1);
    expect(await call('registerSeatKey', { sessionId, actor: ic, publicKey: key.publicKey }, asSeat())).toEqual({ registered: false });
    const other = await makeSeatKey();
    await expect(call('registerSeatKey', { sessionId, actor: ic, publicKey: other.publicKey }, asSeat())).rejects.toThrow(/conflict: .*new invitation/);
    await expect(call('registerSeatKey', { sessionId, actor: ic, publicKey: other.publicKey })).rejects.toThrow(/forbidden/);
  });

  it('applies 10 ticks and 2 notes in order, under the seat, with the seat time and the commit time', async () => {
    const seen = headSeq();
    const actions = [...(await Promise.all(itemIds.map((id, i) => queued(i, id, 'check')))), await queued(10, itemIds[0]!, 'note', 'backup 42 GB'), await queued(11, itemIds[1]!, 'note', 'replica lag 0')];
    const { results } = await submit(actions, seen);
    expect(results.map((result) => result.outcome)).toEqual(Array(12).fill('applied'));
    const queuedEvents = log().filter((event): event is Extract<LoggedEvent, { type: 'seat.queuedAction' }> => event.type === 'seat.queuedAction');
    expect(queuedEvents.map((event) => event.payload.seq)).toEqual([...Array(12).keys()]);
    expect(queuedEvents[0]).toMatchObject({ actor: { name: 'Dana', role: 'Database Admin' }, payload: { seatTime: '2030-01-01T12:00:00.000Z', conflict: false } });
    expect(typeof queuedEvents[0]!.at).toBe('string');
    const state = folded();
    expect(itemIds.every((id) => state.checklist[id]?.checked && state.checklist[id]?.checkedBy?.name === 'Dana')).toBe(true);
    expect(log().filter((event) => event.type === 'checklist.noted').map((event) => (event.payload as { text: string }).text)).toEqual(['backup 42 GB', 'replica lag 0']);
    // A resend after a lost answer applies nothing twice.
    const again = await submit(actions, seen);
    expect(again.results.every((result) => result.outcome === 'duplicate')).toBe(true);
    expect(log().filter((event) => event.type === 'seat.queuedAction')).toHaveLength(12);
  });

  it('marks an item the IC changed meanwhile as a conflict, keeps both actions, and clears it on Resolve', async () => {
    const item = itemIds[0]!;
    await call('checkItem', { sessionId, itemId: item, actor: ic, note: null });
    const seen = headSeq();
    await call('uncheckItem', { sessionId, itemId: item, actor: ic, reason: 'not done after all' });
    const { results } = await submit([await queued(0, item, 'note', 'done at 12:01'), await queued(1, itemIds[1]!, 'check')], seen);
    expect(results.map((result) => result.outcome)).toEqual(['conflict', 'applied']);
    expect(Object.keys(folded().warRoom.conflicts)).toEqual([item]);
    expect(log().filter((event) => event.type === 'checklist.unchecked' || event.type === 'checklist.noted').map((event) => event.actor.name)).toEqual(['Ada', 'Dana']);
    await call('resolveConflict', { sessionId, actor: ic, itemId: item, note: 'checked with Dana' });
    expect(log().at(-1)).toMatchObject({ type: 'seat.conflictResolved', actor: ic });
    expect(folded().warRoom.conflicts).toEqual({});
  });

  it('refuses and logs a tampered action, and still applies the good ones around it', async () => {
    const good = await queued(0, itemIds[0]!, 'check');
    const tampered = { ...(await queued(1, itemIds[1]!, 'check')), item: itemIds[2]! };
    const { results } = await submit([good, tampered, await queued(2, itemIds[3]!, 'check')], headSeq());
    expect(results.map((result) => result.outcome)).toEqual(['applied', 'refused', 'applied']);
    expect(results[1]!.reason).toMatch(/signature does not match/);
    expect(log().find((event) => event.type === 'seat.queuedRefused')).toMatchObject({ actor: { name: 'Dana' }, payload: { seq: 1, itemId: itemIds[2], reason: expect.stringMatching(/signature/) } });
  });

  it('refuses a revoked seat and logs the refusal', async () => {
    const action = await queued(0, itemIds[0]!, 'check');
    await call('revokeSeat', { sessionId, actor: ic, seatId: seat.seatId });
    await expect(submit([action], headSeq())).rejects.toThrow(/forbidden: .*revoked/);
    expect(log().at(-1)).toMatchObject({ type: 'seat.refused', payload: { call: 'submitQueuedActions' } });
    expect(log().some((event) => event.type === 'checklist.checked')).toBe(false);
  });

  it('answers invalid_input to any malformed payload, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.array(fc.record({ seat: fc.string(), seq: fc.integer(), signature: fc.string(), seatTime: fc.string(), action: fc.string() }), { maxLength: 3 }), async (junk, actions) => {
        const envelope: Envelope = await service.router.dispatch('submitQueuedActions', { sessionId, actor: ic, lastSeenSeq: junk, actions }, asSeat());
        expect(envelope.ok).toBe(false);
        if (!envelope.ok) expect(envelope.error.code).toBe('invalid_input');
      }),
      { numRuns: 150 },
    );
    const tooMany = Array(1001).fill(await queued(0, itemIds[0]!, 'check'));
    const envelope = await service.router.dispatch('submitQueuedActions', { sessionId, actor: ic, lastSeenSeq: 0, actions: tooMany }, asSeat());
    expect(envelope.ok ? null : envelope.error.code).toBe('invalid_input');
  });

  it('tminus verify checks the seat signature of every queued action in the log', async () => {
    await submit([await queued(0, itemIds[0]!, 'check'), await queued(1, itemIds[1]!, 'note', 'ok')], headSeq());
    const out: string[] = [];
    expect(await main(['verify', '--data', dir], { stdout: (line) => out.push(line), stderr: (line) => out.push(line) })).toBe(0);
    expect(out.join('\n')).toMatch(/^ok \d+ events, 2 seat signatures {2}session/m);
    // The same log with one queued action's item changed (as a rewrite that re-hashed the chain would leave it).
    const forged = log().map((event) => (event.type === 'seat.queuedAction' && event.payload.seq === 1 ? { ...event, payload: { ...event.payload, itemId: itemIds[5]! } } : event));
    expect(auditSeatSignatures(sessionId, forged, verifySeatSignature)).toMatchObject({ ok: false, checked: 2, problem: expect.stringMatching(/#1 of seat .* does not match/) });
  });
});
