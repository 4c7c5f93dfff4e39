// Quitting the desktop app: asked first while steps run, and the process may exit only after the
// console has closed (steps cancelled and logged, heads flushed, lock released).
import { describe, expect, it } from 'vitest';
import type { ApiEventMessage } from '../../../shared/api/contract';
import { createQuitGuard, trackRunningSteps } from '../../../electron/app/quitGuard';

function harness(running: number, answer: boolean) {
  const calls: string[] = [];
  let finishClose: () => void = () => undefined;
  const guard = createQuitGuard({
    runningSteps: () => running,
    confirmCancelSteps: async (n) => (calls.push(`ask ${n}`), answer),
    closeConsole: () => new Promise<void>((resolve) => ((finishClose = resolve), calls.push('close'))),
    quit: () => calls.push('quit'),
  });
  const event = () => {
    const e = { prevented: false, preventDefault: () => (e.prevented = true) };
    return e;
  };
  return { guard, calls, event, finishClose: () => finishClose() };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('quit guard', () => {
  it('asks before quitting while steps run, and keeps running when told so', async () => {
    const h = harness(2, false);
    const e = h.event();
    h.guard.intercept(e);
    await flush();
    expect(e.prevented).toBe(true);
    expect(h.calls).toEqual(['ask 2']);
    expect(h.guard.state).toBe('open');
  });

  it('holds the quit until the console has closed, then quits once', async () => {
    const h = harness(1, true);
    const first = h.event();
    h.guard.intercept(first);
    await flush();
    expect(h.calls).toEqual(['ask 1', 'close']);
    // Another quit attempt (Cmd-Q again, the window's close) while closing is held, not doubled.
    const again = h.event();
    h.guard.intercept(again);
    expect(again.prevented).toBe(true);
    expect(h.guard.state).toBe('closing');
    h.finishClose();
    await h.guard.closed;
    expect(h.calls).toEqual(['ask 1', 'close', 'quit']);
    // The quit that follows goes through.
    const final = h.event();
    h.guard.intercept(final);
    expect(final.prevented).toBe(false);
  });

  it('asks nothing when no step runs, but still waits for the close', async () => {
    const h = harness(0, false);
    h.guard.intercept(h.event());
    await flush();
    expect(h.calls).toEqual(['close']);
    h.finishClose();
    await h.guard.closed;
    expect(h.calls).toEqual(['close', 'quit']);
  });

  it('follows running step runs from committed log events', () => {
    const listeners: Array<(m: ApiEventMessage) => void> = [];
    const tracker = trackRunningSteps((listener) => (listeners.push(listener), () => listeners.splice(0)));
    const push = (type: string, runId: string) => listeners.forEach((l) => l({ event: 'log.appended', payload: { sessionId: 's', event: { type, payload: { runId } } } } as unknown as ApiEventMessage));
    push('step.runStarted', 'a');
    push('step.runStarted', 'b');
    push('step.hostFinished', 'a');
    expect(tracker.count()).toBe(2);
    push('step.runFinished', 'a');
    expect(tracker.count()).toBe(1);
    tracker.dispose();
    expect(listeners).toHaveLength(0);
  });
});
