// Prompts the SSH layer raises, with a fake hub that records what would be pushed.
import { describe, expect, it } from 'vitest';
import { PromptBroker, PromptTimeoutError } from '../../../electron/steps/promptBroker';
import type { ApiEventMessage } from '../../../shared/api/contract';

function fakeHub() {
  const pushed: Array<{ event: string; payload: unknown }> = [];
  return { pushed, hub: { emit: (event: ApiEventMessage['event'], payload: unknown) => void pushed.push({ event, payload }) } };
}

const keyInfo = {
  sessionId: null,
  host: '10.0.0.2',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:abc',
  via: null,
  target: 'app2',
  role: 'target' as const,
  lookedIn: ['/root/.ssh/known_hosts'],
  strictHostKeyChecking: 'ask' as const,
  note: null,
};
const ada = { name: 'Ada', role: null };

describe('prompt broker (fake hub)', () => {
  it('pushes a prompt, lists it until answered, then pushes that it closed', async () => {
    const { pushed, hub } = fakeHub();
    const broker = new PromptBroker(hub as never, 60_000);
    const reply = broker.askHostKey(keyInfo);
    const [prompt] = broker.list();
    expect(prompt).toMatchObject({ kind: 'host-key', ...keyInfo });
    expect(pushed).toEqual([{ event: 'ssh.prompt', payload: prompt }]);
    expect(broker.answerHostKey(prompt!.promptId, { answer: 'trust', actor: ada })).toBe(true);
    await expect(reply).resolves.toEqual({ answer: 'trust', actor: ada });
    expect(broker.list()).toEqual([]);
    expect(pushed.at(-1)).toEqual({ event: 'ssh.promptClosed', payload: { promptId: prompt!.promptId } });
    expect(broker.answerHostKey(prompt!.promptId, { answer: 'reject', actor: ada })).toBe(false);
  });

  it('gives up after its timeout: a host-key prompt fails, a passphrase prompt declines', async () => {
    const { pushed, hub } = fakeHub();
    const broker = new PromptBroker(hub as never, 30);
    await expect(broker.askHostKey(keyInfo)).rejects.toBeInstanceOf(PromptTimeoutError);
    await expect(broker.askPassphrase({ sessionId: null, keyFile: '/k', retry: false })).resolves.toBeNull();
    expect(broker.list()).toEqual([]);
    expect(pushed.filter((p) => p.event === 'ssh.promptClosed')).toHaveLength(2);
  });

  it('passes a passphrase through, and closing gives up every open prompt', async () => {
    const { hub } = fakeHub();
    const broker = new PromptBroker(hub as never, 60_000);
    const passphrase = broker.askPassphrase({ sessionId: null, keyFile: '/k', retry: true });
    broker.answerPassphrase(broker.list()[0]!.promptId, 'correct horse');
    await expect(passphrase).resolves.toBe('correct horse');
    const open = broker.askHostKey(keyInfo);
    broker.close('shutting down');
    await expect(open).rejects.toThrow('shutting down');
  });
});
