// Quitting the desktop app while steps run: ask first, then let the console close properly —
// running steps cancelled with escalation and their final events logged, the heads file flushed,
// the workspace lock released — before the process may exit. Electron would otherwise end the
// process right after 'will-quit', with the close only started. No Electron import: main.ts wires
// it to app/window events and a dialog, and a unit test drives it directly.
import type { ApiEventMessage } from '../../shared/api/contract';
import type { LoggedEvent } from '../../shared/log/eventTypes';

export interface QuitGuardDeps {
  /** How many step runs are running now. */
  runningSteps(): number;
  /** "Steps are running — cancel them and quit?" — true to go ahead. */
  confirmCancelSteps(running: number): Promise<boolean>;
  /** Close the console and everything it holds; resolves when done. */
  closeConsole(): Promise<void>;
  /** Quit for real (app.quit); called once, after closeConsole settled. */
  quit(): void;
  onCloseError?(error: unknown): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface QuitGuard {
  /** For app 'before-quit' and the window's 'close': hold the quit until the console closed. */
  intercept(event: PreventableEvent): void;
  readonly state: 'open' | 'asking' | 'closing' | 'closed';
  /** Settles when the console has closed (for the quit path's tests). */
  readonly closed: Promise<void>;
}

export function createQuitGuard(deps: QuitGuardDeps): QuitGuard {
  let state: QuitGuard['state'] = 'open';
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  async function closeThenQuit(): Promise<void> {
    const running = deps.runningSteps();
    if (running > 0) {
      state = 'asking';
      const goAhead = await deps.confirmCancelSteps(running).catch(() => false);
      if (!goAhead) {
        state = 'open';
        return;
      }
    }
    state = 'closing';
    try {
      await deps.closeConsole();
    } catch (error) {
      deps.onCloseError?.(error);
    }
    state = 'closed';
    markClosed();
    deps.quit();
  }

  return {
    intercept(event) {
      if (state === 'closed') return;
      event.preventDefault();
      if (state === 'open') void closeThenQuit();
    },
    get state() {
      return state;
    },
    closed,
  };
}

/** Step runs started and not finished, followed from the committed log events the hub pushes. */
export function trackRunningSteps(subscribe: (listener: (message: ApiEventMessage) => void) => () => void): { count(): number; dispose(): void } {
  const running = new Set<string>();
  const dispose = subscribe((message) => {
    if (message.event !== 'log.appended') return;
    const event = message.payload.event as LoggedEvent;
    if (event.type === 'step.runStarted') running.add(event.payload.runId);
    else if (event.type === 'step.runFinished') running.delete(event.payload.runId);
  });
  return { count: () => running.size, dispose };
}
