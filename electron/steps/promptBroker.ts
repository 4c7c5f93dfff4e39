// Questions the SSH layer needs a person to answer — an unknown host key, the passphrase of an
// encrypted key — held here until the UI answers. Each is pushed as `ssh.prompt` and listed by
// `listPrompts` (so a reloaded window sees what is still open); answering or giving up pushes
// `ssh.promptClosed`. A prompt nobody answers gives up after `timeoutMs` (5 minutes), which fails
// that host's run with the reason rather than leaving it hanging.
import { randomUUID } from 'node:crypto';
import type { SshPrompt } from '../../shared/api/steps';
import type { Actor } from '../../shared/log/actor';
import type { HostKeyAnswer } from '../ssh';
import type { EventHub } from '../core/eventHub';

export const DEFAULT_PROMPT_TIMEOUT_MS = 5 * 60_000;

export type HostKeyPromptInfo = Omit<Extract<SshPrompt, { kind: 'host-key' }>, 'kind' | 'promptId'>;
export type PassphrasePromptInfo = Omit<Extract<SshPrompt, { kind: 'passphrase' }>, 'kind' | 'promptId'>;

export interface HostKeyReply {
  answer: HostKeyAnswer;
  actor: Actor;
}

interface Pending<T> {
  prompt: SshPrompt;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class PromptTimeoutError extends Error {
  override name = 'PromptTimeoutError';
}

export class PromptBroker {
  private readonly hostKeys = new Map<string, Pending<HostKeyReply>>();
  private readonly passphrases = new Map<string, Pending<string | null>>();

  constructor(
    private readonly hub: Pick<EventHub, 'emit'>,
    private readonly timeoutMs = DEFAULT_PROMPT_TIMEOUT_MS,
  ) {}

  /** Open prompts, oldest first. */
  list(): SshPrompt[] {
    return [...this.hostKeys.values(), ...this.passphrases.values()].map((pending) => pending.prompt);
  }

  askHostKey(info: HostKeyPromptInfo): Promise<HostKeyReply> {
    return this.ask(this.hostKeys, { kind: 'host-key', promptId: randomUUID(), ...info });
  }

  /** Resolves the passphrase, or null when the person declines (or nobody answers in time). */
  askPassphrase(info: PassphrasePromptInfo): Promise<string | null> {
    return this.ask(this.passphrases, { kind: 'passphrase', promptId: randomUUID(), ...info }).catch((error: unknown) => {
      if (error instanceof PromptTimeoutError) return null;
      throw error;
    });
  }

  /** False when the prompt is no longer open (answered elsewhere, timed out). */
  answerHostKey(promptId: string, reply: HostKeyReply): boolean {
    return this.settle(this.hostKeys, promptId, (pending) => pending.resolve(reply));
  }

  answerPassphrase(promptId: string, passphrase: string | null): boolean {
    return this.settle(this.passphrases, promptId, (pending) => pending.resolve(passphrase));
  }

  /** Gives up every open prompt (console shutdown). */
  close(reason: string): void {
    for (const map of [this.hostKeys, this.passphrases] as Array<Map<string, Pending<unknown>>>) {
      for (const promptId of [...map.keys()]) this.settle(map, promptId, (pending) => pending.reject(new Error(reason)));
    }
  }

  private ask<T>(map: Map<string, Pending<T>>, prompt: SshPrompt): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const minutes = Math.round(this.timeoutMs / 60_000);
        const after = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(this.timeoutMs / 1000)} s`;
        this.settle(map, prompt.promptId, (pending) => pending.reject(new PromptTimeoutError(`nobody answered within ${after}`)));
      }, this.timeoutMs);
      timer.unref();
      map.set(prompt.promptId, { prompt, resolve, reject, timer });
      this.hub.emit('ssh.prompt', prompt);
    });
  }

  private settle<T>(map: Map<string, Pending<T>>, promptId: string, action: (pending: Pending<T>) => void): boolean {
    const pending = map.get(promptId);
    if (!pending) return false;
    map.delete(promptId);
    clearTimeout(pending.timer);
    action(pending);
    this.hub.emit('ssh.promptClosed', { promptId });
    return true;
  }
}
