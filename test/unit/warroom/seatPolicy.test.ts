import { describe, expect, it } from 'vitest';
import { decideSeatCall, isMine, seatActor, seatNeedOf, type SeatIdentity } from '../../../shared/warroom/seatPolicy';
import type { WarRoomState } from '../../../shared/session/warRoomState';

const dba: SeatIdentity = { seatId: 'seat-0000000000000001', sessionId: 's1', name: 'Dana', roles: ['Database Admin'] };
const room = (over: Partial<WarRoomState> = {}): WarRoomState => ({
  seats: [{ seatId: dba.seatId, name: 'Dana', roles: ['Database Admin'], createdAt: 't', revokedAt: null }],
  grants: [],
  keys: {},
  lastQueuedSeq: {},
  conflicts: {},
  ...over,
});

describe('seat policy', () => {
  it('lets every seat read its session and tick or note items', () => {
    expect(decideSeatCall(dba, 'openSession', 'read', 's1', room())).toEqual({ allowed: true });
    expect(decideSeatCall(dba, 'checkItem', 'write', 's1', room())).toEqual({ allowed: true });
    expect(decideSeatCall(dba, 'addNote', 'write', 's1', room())).toEqual({ allowed: true });
  });

  it('keeps running steps, deciding gates and moving T0 with the IC, naming who can change that', () => {
    for (const call of ['runStep', 'decideGate', 'moveT0'] as const) {
      const verdict = decideSeatCall(dba, call, 'write', 's1', room());
      expect(verdict.allowed).toBe(false);
      if (!verdict.allowed) expect(verdict.reason).toMatch(/Only the Incident Commander may .* unless they grant it/);
    }
  });

  it('allows a granted power, whether granted to the seat or to one of its roles (any case)', () => {
    const toRole = room({ grants: [{ permission: 'runSteps', to: { kind: 'role', role: 'database admin' }, grantedAt: 't', grantedBy: 'Ada' }] });
    expect(decideSeatCall(dba, 'runStep', 'write', 's1', toRole)).toEqual({ allowed: true });
    expect(decideSeatCall(dba, 'decideGate', 'write', 's1', toRole).allowed).toBe(false);
    const toSeat = room({ grants: [{ permission: 'moveT0', to: { kind: 'seat', seatId: dba.seatId }, grantedAt: 't', grantedBy: 'Ada' }] });
    expect(decideSeatCall(dba, 'moveT0', 'write', 's1', toSeat)).toEqual({ allowed: true });
    const toOther = room({ grants: [{ permission: 'moveT0', to: { kind: 'role', role: 'Technical Lead' }, grantedAt: 't', grantedBy: 'Ada' }] });
    expect(decideSeatCall(dba, 'moveT0', 'write', 's1', toOther).allowed).toBe(false);
  });

  it('refuses the IC-only calls, other sessions and a revoked seat', () => {
    expect(decideSeatCall(dba, 'createSeat', 'write', 's1', room())).toMatchObject({ allowed: false, reason: expect.stringContaining("Incident Commander's console") });
    expect(decideSeatCall(dba, 'setSecret', 'write', 's1', room()).allowed).toBe(false);
    expect(decideSeatCall(dba, 'openSession', 'read', 's2', room())).toMatchObject({ allowed: false, reason: expect.stringContaining('another session') });
    const revoked = room({ seats: [{ seatId: dba.seatId, name: 'Dana', roles: ['Database Admin'], createdAt: 't', revokedAt: 'later' }] });
    expect(decideSeatCall(dba, 'openSession', 'read', 's1', revoked)).toMatchObject({ allowed: false, reason: expect.stringContaining('revoked') });
  });

  it('names the actor from the invitation and finds the items that are the seat\'s own', () => {
    expect(seatActor({ name: 'Dana', roles: ['Database Admin', 'DevOps Engineer'] })).toEqual({ name: 'Dana', role: 'Database Admin, DevOps Engineer' });
    expect(isMine('Database Admin', ['database admin'])).toBe(true);
    expect(isMine(null, ['Database Admin'])).toBe(false);
    expect(seatNeedOf('getRunOutput', 'read')).toBe('read');
    expect(seatNeedOf('cancelRun', 'write')).toBe('runSteps');
  });
});
