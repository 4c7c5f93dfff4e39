// A workspace with real sessions in it, made the way a user makes them: through the console's
// router (createSession from a runbook file, ticks and notes), on a temp data directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConsole, type ConsoleService } from '../../electron/console';
import type { CallName, CallResult, CallInput } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { REPO_ROOT } from './consoleServer';

export const ada = { name: 'Ada', role: 'Incident Commander' };
export const grace = { name: 'Grace', role: 'SRE' };

export function seedRunbook(): { sourceName: string; content: string } {
  return { sourceName: 'seed.md', content: readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'runbooks', 'seed.md'), 'utf8') };
}

/** Calls the router as the writer; throws the API error instead of returning an envelope. */
export async function call<N extends CallName>(service: ConsoleService, name: N, input: CallInput<N>): Promise<CallResult<N>> {
  const envelope = await service.router.dispatch(name, input, { access: 'write' });
  if (!envelope.ok) throw ApiError.from(envelope.error);
  return envelope.result as CallResult<N>;
}

/** The API error code and message of a call that must fail. */
export async function callError(service: ConsoleService, name: CallName, input: unknown): Promise<{ code: string; message: string }> {
  const envelope = await service.router.dispatch(name, input, { access: 'write' });
  if (envelope.ok) throw new Error(`${name} succeeded but was expected to fail`);
  return envelope.error;
}

export interface SeededSession {
  id: string;
  name: string;
  /** Checklist item ids of the session's runbook, in document order. */
  itemIds: string[];
}

/** A session from the seed runbook with `notes` notes and a few ticks: `1 + ticks + notes` events. */
export async function seedSession(service: ConsoleService, name: string, notes = 6): Promise<SeededSession> {
  const summary = await call(service, 'createSession', { name, environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: seedRunbook() });
  const opened = await call(service, 'openSession', { sessionId: summary.id });
  const itemIds = opened.runbook!.checklistItems.map((item) => item.id);
  for (let i = 0; i < notes; i++) {
    await call(service, 'addNote', { sessionId: summary.id, itemId: itemIds[i % itemIds.length]!, actor: ada, text: `note ${i + 1}` });
  }
  return { id: summary.id, name, itemIds };
}

export function openTestConsole(dataDir: string, now = Date.parse('2025-10-20T09:00:00Z')): ConsoleService {
  let tick = now;
  return createConsole({ dataDir, version: '0.0.0-test', shell: 'browser', validateResults: true, clock: { now: () => (tick += 1000) } });
}
