// Child program for keychain.test.ts, run inside its own D-Bus session with an unlocked GNOME
// Keyring: a console remembers a secret in the real Secret Service, is closed, and a second console
// on the same data dir finds it there; forgetting it removes it from the keychain. Prints JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsole } from '../../../electron/console';
import { KEYCHAIN_SERVICE, napiKeychain } from '../../../electron/secrets/osKeychain';
import { ApiError } from '../../../shared/api/errors';
import type { CallInput, CallName, CallResult } from '../../../shared/api/contract';

const ada = { name: 'Ada', role: 'Incident Commander' };
const RUNBOOK = '---\ntitle: Keychain\ntargets:\n  Use it: local\n---\n\n# Keychain\n\n### Use it\n\n```bash\necho "${#DEPLOY_TOKEN}"\n```\n';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tminus-keychain-'));
  const open = () => {
    const service = createConsole({ dataDir, version: '0.0.0-test', shell: 'browser', validateResults: true });
    const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> => {
      const envelope = await service.router.dispatch(name, input, { access: 'write' });
      if (!envelope.ok) throw ApiError.from(envelope.error);
      return envelope.result as CallResult<N>;
    };
    return { service, call };
  };
  let current: ReturnType<typeof open> | null = null;
  try {
    const first = (current = open());
    const storage = await first.call('getSecretStorage', {});
    const session = await first.call('createSession', { name: 'Keychain', environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: 'k.md', content: RUNBOOK } });
    await first.call('setSecret', { sessionId: session.id, actor: ada, name: 'DEPLOY_TOKEN', value: 'tok-remembered-123', remember: true });
    await first.call('setSecret', { sessionId: session.id, actor: ada, name: 'OTHER_TOKEN', value: 'tok-memory-only-456' });
    await first.service.close();
    current = null;

    const second = (current = open());
    const afterRestart = await second.call('getSecretsStatus', { sessionId: session.id });
    const entry = napiKeychain(KEYCHAIN_SERVICE).get(`session-${session.id}`);
    await second.call('forgetSecret', { sessionId: session.id, actor: ada, name: 'DEPLOY_TOKEN' });
    const afterForget = napiKeychain(KEYCHAIN_SERVICE).get(`session-${session.id}`);
    await second.service.close();
    current = null;
    process.stdout.write(`${JSON.stringify({ storage, afterRestart, keychainHeld: entry !== null && entry.includes('tok-remembered-123') && !entry.includes('tok-memory-only'), afterForget })}\n`);
  } finally {
    await current?.service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
  process.exitCode = 1;
});
