import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEventsReadable, readSessionFile, type SessionFileReading } from '../../../electron/report/sessionFile';
import { sessionFileName, type SessionFile } from '../../../shared/log/sessionFile';
import { ada, call, openTestConsole, seedSession } from '../../support/logWorkspace';

let dir: string;
let exported: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-file-'));
  const service = openTestConsole(dir);
  try {
    const seeded = await seedSession(service, 'Go-Live: Payments (EU)', 6);
    await call(service, 'checkItem', { sessionId: seeded.id, itemId: seeded.itemIds[0]!, actor: ada, note: null });
    exported = (await call(service, 'exportSessionFile', { sessionId: seeded.id })).content;
  } finally {
    await service.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A changed copy of the exported file, as text. */
function tampered(change: (file: SessionFile) => void): string {
  const file = JSON.parse(exported) as SessionFile;
  change(file);
  return JSON.stringify(file);
}

function faultOf(reading: SessionFileReading) {
  if (reading.ok) throw new Error('expected the file to be refused');
  return reading.fault;
}

describe('readSessionFile', () => {
  it('accepts an exported file: 8 events, the declared head, every runbook snapshot', () => {
    const reading = readSessionFile(exported);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.eventCount).toBe(8);
    expect(reading.headSeq).toBe(8);
    expect(reading.headHash).toBe(reading.file.events.at(-1)!.hash);
    expect(reading.file.runbooks).toHaveLength(1);
    expect(checkEventsReadable(reading.file)).toBeNull();
  });

  it('finds an edited payload at its seq', () => {
    const fault = faultOf(readSessionFile(tampered((file) => ((file.events[4]!.payload as { text: string }).text = 'all fine'))));
    expect(fault).toMatchObject({ kind: 'chain', seq: 5 });
    expect(fault.message).toMatch(/event 5 was modified/);
  });

  it('finds an edited actor or time at its seq', () => {
    expect(faultOf(readSessionFile(tampered((file) => (file.events[2]!.actor.name = 'Mallory'))))).toMatchObject({ kind: 'chain', seq: 3 });
    expect(faultOf(readSessionFile(tampered((file) => (file.events[6]!.at = '2025-10-21T00:00:00.000Z'))))).toMatchObject({ kind: 'chain', seq: 7 });
  });

  it('finds a removed event', () => {
    const fault = faultOf(readSessionFile(tampered((file) => file.events.splice(3, 1))));
    expect(fault).toMatchObject({ kind: 'chain', seq: 4 });
    expect(fault.message).toMatch(/event 4 missing/);
  });

  it('finds two swapped events', () => {
    const fault = faultOf(
      readSessionFile(
        tampered((file) => {
          const [a, b] = [file.events[2]!, file.events[5]!];
          file.events[2] = b;
          file.events[5] = a;
        }),
      ),
    );
    expect(fault).toMatchObject({ kind: 'chain', seq: 3 });
    expect(fault.message).toMatch(/event 3 is out of order/);
  });

  it('finds a cut-off tail against the declared head', () => {
    const fault = faultOf(readSessionFile(tampered((file) => file.events.splice(6))));
    expect(fault).toMatchObject({ kind: 'chain', seq: 7 });
    expect(fault.message).toMatch(/tail was cut off/);
  });

  it('finds events added after the declared head', () => {
    const fault = faultOf(
      readSessionFile(
        tampered((file) => {
          file.chain.headSeq = 6;
          file.chain.headHash = file.events[5]!.hash;
        }),
      ),
    );
    expect(fault).toMatchObject({ kind: 'chain', seq: 7 });
  });

  it('finds an edited runbook snapshot, and one that is missing', () => {
    const edited = faultOf(readSessionFile(tampered((file) => (file.runbooks[0]!.content += '\n- [ ] one more thing\n'))));
    expect(edited).toMatchObject({ kind: 'runbook', path: 'runbooks[0].content' });
    expect(edited.message).toMatch(/content does not match its hash/);
    const model = faultOf(readSessionFile(tampered((file) => ((file.runbooks[0]!.model as { title: string }).title = 'Other'))));
    expect(model).toMatchObject({ kind: 'runbook', path: 'runbooks[0].model' });
    const missing = faultOf(readSessionFile(tampered((file) => (file.runbooks = []))));
    expect(missing).toMatchObject({ kind: 'runbook', seq: 1 });
  });

  it('refuses a newer format version by its version alone', () => {
    const fault = faultOf(readSessionFile(JSON.stringify({ format: 'tminus-session', formatVersion: 2, everything: 'different' })));
    expect(fault.kind).toBe('newer-version');
    expect(fault.message).toMatch(/newer T-Minus .* update T-Minus to open it/);
  });

  it('answers unreadable and malformed input with a fault, never a throw', () => {
    expect(faultOf(readSessionFile('{"format": "tminus-session", "formatVe'))).toMatchObject({ kind: 'unreadable' });
    expect(faultOf(readSessionFile('[1, 2, 3]'))).toMatchObject({ kind: 'unreadable' });
    expect(faultOf(readSessionFile(JSON.stringify({ format: 'other-app', formatVersion: 1 })))).toMatchObject({ kind: 'unreadable' });
    expect(faultOf(readSessionFile(tampered((file) => ((file.events[3] as { seq: unknown }).seq = 'four'))))).toMatchObject({
      kind: 'invalid',
      path: 'events.3.seq',
    });
    expect(faultOf(readSessionFile(tampered((file) => (file.events = []))))).toMatchObject({ kind: 'invalid', path: 'events' });
    expect(faultOf(readSessionFile(tampered((file) => delete (file as Partial<SessionFile>).chain)))).toMatchObject({ kind: 'invalid', path: 'chain' });
  });

  it('accepts a byte-order mark and an outputs array', () => {
    expect(readSessionFile(`\ufeff${exported}`).ok).toBe(true);
    expect(readSessionFile(tampered((file) => (file.outputs = []))).ok).toBe(true);
  });
});

describe('checkEventsReadable', () => {
  it('names an event type this version does not know', () => {
    const file = JSON.parse(exported) as SessionFile;
    (file.events[7] as { type: string }).type = 'step.started';
    expect(checkEventsReadable(file)).toMatchObject({ kind: 'unknown-event', seq: 8 });
  });

  it('names a payload this version cannot read', () => {
    const file = JSON.parse(exported) as SessionFile;
    file.events[3]!.payload = { itemId: 'x' };
    expect(checkEventsReadable(file)).toMatchObject({ kind: 'invalid', seq: 4 });
    expect(checkEventsReadable(file)!.message).toMatch(/event 4 \(checklist.noted\): text/);
  });
});

describe('sessionFileName', () => {
  it('slugs the name and dates it by T0', () => {
    expect(sessionFileName('Go-Live: Payments (EU)', '2025-10-21T12:00:00.000Z')).toBe('go-live-payments-eu-20251021.tminus.json');
    expect(sessionFileName('Überprüfung Zürich', '2026-01-02T00:00:00.000Z')).toBe('uberprufung-zurich-20260102.tminus.json');
    expect(sessionFileName('🚀', '2026-01-02T00:00:00.000Z')).toBe('session-20260102.tminus.json');
  });
});

describe('readSessionFile on pathological input', () => {
  it('answers a payload nested deep enough to exhaust the stack with a fault, not a throw', () => {
    const file = JSON.parse(exported) as SessionFile;
    let nested: unknown = 'bottom';
    for (let i = 0; i < 200_000; i++) nested = [nested];
    file.events[1]!.payload = nested;
    let text: string;
    try {
      text = JSON.stringify(file);
    } catch {
      // This runtime cannot even write such a file; build the text by hand.
      text = exported.replace(/"text": ?"note 1"/, `"text": ${'['.repeat(200_000)}"bottom"${']'.repeat(200_000)}`);
    }
    const fault = faultOf(readSessionFile(text));
    expect(fault).toMatchObject({ kind: 'chain', seq: 2 });
    expect(fault.message).not.toContain('\n');
  });
});
