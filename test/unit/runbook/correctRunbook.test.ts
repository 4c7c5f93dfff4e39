// Correcting a session's runbook through the console: the corrected model replaces the session's,
// the change is in the log naming the correction, the side file comes back to be kept beside the
// runbook, and a re-import of an edited runbook keeps the correction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleService } from '../../../electron/console';
import type { Runbook } from '../../../shared/runbook/model';

const ada = { name: 'Ada', role: 'Incident Commander' };
const content = '# Launch\n\n## Canary (T+0 to T+15)\n\n**Success criteria:**\n- Error rate > 5% for 5 minutes\n\n## Deploy\n\n```bash\necho go\n```\n';
const write = { access: 'write' as const };
let dir: string;
let service: ConsoleService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tminus-correct-'));
  service = createConsole({ dataDir: dir, version: '0.0.0-test', shell: 'browser', validateResults: true, clock: { now: () => Date.parse('2025-10-20T09:00:00Z') } });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const reply = await service.router.dispatch(name, input, write);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.result as T;
}

describe('correctRunbook', () => {
  it('flips a criterion in a session, logs it, returns the side file, and keeps it across a re-import', async () => {
    const session = await call<{ id: string; runbook: { modelHash: string } }>('createSession', {
      name: 'Launch',
      environment: 'staging',
      t0: '2025-10-21T12:00:00Z',
      actor: ada,
      runbook: { sourceName: 'launch.md', content },
    });
    const opened = await call<{ runbook: Runbook }>('openSession', { sessionId: session.id });
    const criterion = opened.runbook.thresholds.find((t) => t.line === 6)!;
    expect(criterion.meaning).toBe('ok-if');

    const result = await call<{ seq: number; correctionsFile: { name: string; text: string } }>('correctRunbook', {
      sessionId: session.id,
      actor: ada,
      request: { kind: 'threshold-meaning', line: 6, metricKey: criterion.metricKey, meaning: 'alert-if' },
      expectedModelHash: session.runbook.modelHash,
    });
    expect(result.correctionsFile.name).toBe('launch.md.tminus-corrections.json');
    expect(JSON.parse(result.correctionsFile.text)).toMatchObject({ format: 'tminus-corrections', runbook: 'launch.md', corrections: [{ kind: 'threshold-meaning', by: 'Ada' }] });

    const after = await call<{ runbook: Runbook; session: { runbook: { modelHash: string } } }>('openSession', { sessionId: session.id });
    expect(after.runbook.thresholds.find((t) => t.line === 6)!.meaning).toBe('alert-if');
    expect(after.runbook.corrections!.applied).toHaveLength(1);
    const events = service.workspace.log.read(session.id);
    expect(events.at(-1)).toMatchObject({ seq: result.seq, type: 'session.runbookReplaced', actor: ada, payload: { correction: { kind: 'threshold-meaning', line: 6 } } });

    // The runbook is edited above the line; the re-import keeps the correction without being given the side file.
    const edited = content.replace('# Launch\n', '# Launch\n\nOwner: release team.\n');
    const preview = await call<{ preview: { runbook: Runbook } }>('previewReimport', { sessionId: session.id, source: { sourceName: 'launch.md', content: edited } });
    expect(preview.preview.runbook.thresholds.find((t) => t.line === 8)!.meaning).toBe('alert-if');
  });

  it('refuses a correction that does not apply to its line, and writes nothing', async () => {
    const session = await call<{ id: string; runbook: { modelHash: string } }>('createSession', {
      name: 'Launch',
      environment: 'staging',
      t0: '2025-10-21T12:00:00Z',
      actor: ada,
      runbook: { sourceName: 'launch.md', content },
    });
    const before = service.workspace.log.read(session.id).length;
    const reply = await service.router.dispatch(
      'correctRunbook',
      { sessionId: session.id, actor: ada, request: { kind: 'step-window', line: 3, startOffsetMs: 0, endOffsetMs: 60_000 }, expectedModelHash: session.runbook.modelHash },
      write,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!reply.ok) expect(reply.error.message).toMatch(/no step starts on that line/);
    expect(service.workspace.log.read(session.id)).toHaveLength(before);
  });
});
