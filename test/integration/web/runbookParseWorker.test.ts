// Runbook parsing off the event loop (issue 16, point 5), against a live `tminus serve` (the
// bundled CLI, so the built worker file is what runs): while one writer's slow runbook is being
// read, the console keeps answering other calls; a parse past the time limit is stopped and
// refused with a message, and the next runbook is read as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../support/consoleServer';

const LIMIT_MS = 2000;
let server: RunningConsole;

beforeAll(async () => {
  server = await startConsole({ env: { TMINUS_RUNBOOK_PARSE_LIMIT_MS: String(LIMIT_MS) } });
});
afterAll(async () => {
  await server?.stop();
});

async function call(name: string, input: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(`${server.base}api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean };
}

/**
 * Lists nested to the documented limit (32), repeated: accepted by the nesting check, yet remark
 * needs tens of seconds for it (its list handling grows faster than linearly with depth).
 */
function slowRunbook(): string {
  const block = Array.from({ length: 32 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
  return ['# Slow', '', ...Array.from({ length: 400 }, () => `${block}\n`)].join('\n');
}

describe('runbook parsing in a worker', () => {
  it('other calls are answered while a slow runbook is read, and the read is stopped at the limit with a message', async () => {
    let settled = false;
    const preview = call('previewRunbook', { sourceName: 'slow.md', content: slowRunbook() }).finally(() => (settled = true));
    let answeredMeanwhile = 0;
    while (!settled) {
      const listed = await call('listSessions', {});
      expect(listed.ok).toBe(true);
      if (!settled) answeredMeanwhile++;
    }
    // On the event loop, the parse held every other call until it ended; in a worker they go on.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(3);
    const refused = await preview;
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(refused.error!.message).toBe(
      `Reading slow.md took longer than ${LIMIT_MS / 1000} s and was stopped; nothing was imported. ` +
        'Very deep or very large lists are the usual cause: split the runbook, or see docs/runbook-format.md ("Limits").',
    );
    expect(server.output()).not.toMatch(/\n\s+at /);
  });

  it('after a stopped read, runbooks are read again and sessions created from them', async () => {
    const content = '# Launch\n\nT0: 2030-01-01T12:00:00Z\n\n## Checklist\n\n- [ ] Freeze deploys\n';
    const preview = await call('previewRunbook', { sourceName: 'ok.md', content });
    expect(preview).toMatchObject({ ok: true, result: { runbook: { title: 'Launch', checklistItems: [{ text: 'Freeze deploys' }] } } });
    const created = await call('createSession', {
      name: 'Launch',
      environment: 'staging',
      t0: '2030-01-01T12:00:00Z',
      actor: { name: 'ic', role: null },
      runbook: { sourceName: 'ok.md', content },
    });
    expect(created.error).toBeUndefined();
    expect(created).toMatchObject({ ok: true, result: { name: 'Launch' } });
  });
});
