// Secrets through the console on a real sshd host: given per session (values never logged), from
// TMINUS_SECRET_<NAME>, required before a step that reads them runs, exported to the script over
// stdin, and redacted at ingest — then grepped for, with their base64 and URL-encoded forms, in
// the database file and its WAL, the exported session file, every API answer and every pushed
// event: 0 hits. The export carries the output, verified against the log on import.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionFile } from '../../../electron/report/sessionFile';
import { startSshdCluster, type SshdCluster } from '../../support/sshd';
import { ada, loggedOf, openStepsConsole, STEPS_RUNBOOK, type StepsConsole } from './stepsHarness';

const SECRETS = {
  DEPLOY_TOKEN: 'tok-9f8e7d6c/5b4a+3=x y',
  DB_PASSWORD: 'correct-horse-battery-staple-42!',
  API_KEY: 'ak_live_51HgT2kLmNoPqRsT',
};

/** The value and the encodings a script or a tool would print it in. */
function formsOf(value: string): string[] {
  const base64 = Buffer.from(value).toString('base64');
  return [value, base64, base64.replace(/=+$/, ''), Buffer.from(value).toString('base64url'), encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+')];
}

function hitsIn(haystack: string): string[] {
  return Object.entries(SECRETS).flatMap(([name, value]) => formsOf(value).filter((form) => haystack.includes(form)).map((form) => `${name} as ${JSON.stringify(form)}`));
}

const RUNBOOK = STEPS_RUNBOOK.replace(
  '### Local check',
  `### Env secret

\`\`\`bash
echo "key length \${#API_KEY}"
\`\`\`

### Local check`,
).replace('  Local check: local', '  Local check: local\n  Env secret: app1');

let cluster: SshdCluster;
let tm: StepsConsole;
let sessionId: string;

beforeAll(async () => {
  process.env.TMINUS_SECRET_API_KEY = SECRETS.API_KEY;
  cluster = await startSshdCluster({ hosts: [{ name: 'app1' }, { name: 'app2' }] });
  // A file on the host holding the other secrets in clear and encoded, as a careless script prints them.
  const leak = [SECRETS.DB_PASSWORD, SECRETS.API_KEY].flatMap(formsOf).join('\n');
  writeFileSync(join(cluster.host('app1').dir, 'home', 'leak.txt'), `${leak}\n`);
  tm = await openStepsConsole(cluster);
  sessionId = await tm.createSession('staging', RUNBOOK);
});

afterAll(async () => {
  delete process.env.TMINUS_SECRET_API_KEY;
  await tm?.close();
  await cluster?.stop();
});

describe('secrets', () => {
  it('refuses a step whose secrets have no value, naming them and the environment variable', async () => {
    const error = await tm.callError('runStep', { sessionId, actor: ada, stepId: await tm.stepId(sessionId, 'Use secrets') });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/reads the secret DEPLOY_TOKEN, which has no value in this session.*TMINUS_SECRET_DEPLOY_TOKEN/);
  });

  it('takes values per session, logs only the names, and reports where each comes from', async () => {
    await tm.call('setSecret', { sessionId, actor: ada, name: 'DEPLOY_TOKEN', value: SECRETS.DEPLOY_TOKEN });
    await tm.call('setSecret', { sessionId, actor: ada, name: 'DB_PASSWORD', value: SECRETS.DB_PASSWORD });
    expect((await tm.callError('setSecret', { sessionId, actor: ada, name: 'PIN', value: '123' })).message).toMatch(/at least 4 characters/);
    const status = await tm.call('getSecretsStatus', { sessionId });
    expect(status).toEqual([
      { name: 'API_KEY', source: 'environment', usedBy: [await tm.stepId(sessionId, 'Env secret')] },
      { name: 'DB_PASSWORD', source: 'session', usedBy: [] },
      { name: 'DEPLOY_TOKEN', source: 'session', usedBy: [await tm.stepId(sessionId, 'Use secrets')] },
    ]);
    expect(loggedOf(tm.service, sessionId, 'secrets.provided').map((e) => e.payload)).toEqual([
      { names: ['DEPLOY_TOKEN'], source: 'session' },
      { names: ['DB_PASSWORD'], source: 'session' },
    ]);
  });

  it('the script gets its secrets; every secret of the session is redacted from its output, also split across chunks', async () => {
    const run = await tm.run(sessionId, 'Use secrets');
    expect(run.hosts.app1).toMatchObject({ status: 'succeeded' });
    expect(run.secretNames).toEqual(['DEPLOY_TOKEN']);
    const output = await tm.output(sessionId, run.runId, 'app1');
    expect(output).toContain('token=[REDACTED:DEPLOY_TOKEN]\n');
    expect(output).toContain('split=[REDACTED:DEPLOY_TOKEN]\n');
    expect(output).toContain('[REDACTED:DB_PASSWORD]');
    expect(output).toContain('[REDACTED:API_KEY]');
    expect(hitsIn(output)).toEqual([]);
    const envRun = await tm.run(sessionId, 'Env secret');
    expect(await tm.output(sessionId, envRun.runId, 'app1')).toBe(`key length ${SECRETS.API_KEY.length}\n`);
  });

  it('forgetting a secret is logged by name and refuses its steps again', async () => {
    const other = await tm.createSession('staging', RUNBOOK);
    await tm.call('setSecret', { sessionId: other, actor: ada, name: 'DEPLOY_TOKEN', value: SECRETS.DEPLOY_TOKEN });
    expect((await tm.call('forgetSecret', { sessionId: other, actor: ada, name: 'DEPLOY_TOKEN' })).changed).toBe(true);
    expect(loggedOf(tm.service, other, 'secrets.forgotten').map((e) => e.payload)).toEqual([{ names: ['DEPLOY_TOKEN'] }]);
    expect((await tm.callError('runStep', { sessionId: other, actor: ada, stepId: await tm.stepId(other, 'Use secrets') })).code).toBe('invalid_input');
  });

  it('never appear: 0 hits in the database and its WAL, the session file, API answers and pushed events', async () => {
    const exported = await tm.call('exportSessionFile', { sessionId });
    const reading = readSessionFile(exported.content);
    expect(reading.ok).toBe(true);
    expect(exported.content).toContain('[REDACTED:DEPLOY_TOKEN]');

    const answers: unknown[] = [await tm.call('openSession', { sessionId }), await tm.call('getSecretsStatus', { sessionId }), await tm.call('listSessions', {})];
    for (const run of Object.values((await tm.call('openSession', { sessionId })).state.steps.runs)) {
      for (const target of run.targets) answers.push(await tm.call('getRunOutput', { sessionId, runId: run.runId, target }));
    }
    const database = join(tm.dataDir, 'tminus.db');
    const places: Record<string, string> = {
      'database file': readFileSync(database, 'latin1'),
      'database WAL': readFileSync(`${database}-wal`, 'latin1'),
      'session file': exported.content,
      'API answers': JSON.stringify(answers),
      'pushed events': JSON.stringify(tm.events),
    };
    expect(places['database WAL']!.length).toBeGreaterThan(0);
    for (const [place, text] of Object.entries(places)) expect(hitsIn(text), place).toEqual([]);
    // The redacted output is there, so the searches looked at the right bytes.
    expect(places['database WAL']! + places['database file']!).toContain('[REDACTED:DB_PASSWORD]');
  });

  it('a session file carries the output; on import it is checked against the log and readable again', async () => {
    const exported = await tm.call('exportSessionFile', { sessionId });
    const file = JSON.parse(exported.content) as { outputs: Array<{ runId: string; target: string; chunks: Array<{ text: string }> }> };
    expect(file.outputs.length).toBeGreaterThan(0);

    // Edited output is a fault naming the host and the event.
    const edited = structuredClone(file);
    const chunk = edited.outputs.flatMap((output) => output.chunks).find((c) => c.text.includes('[REDACTED:DEPLOY_TOKEN]'))!;
    chunk.text = chunk.text.replace('[REDACTED:DEPLOY_TOKEN]', 'hunter22');
    const verdict = readSessionFile(JSON.stringify(edited));
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.fault).toMatchObject({ kind: 'output', message: expect.stringMatching(/does not match event \d+/) });
    // Removed output too.
    const cut = { ...file, outputs: file.outputs.slice(1) };
    const cutVerdict = readSessionFile(JSON.stringify(cut));
    expect(!cutVerdict.ok && cutVerdict.fault.message).toMatch(/which the file does not contain/);

    // Imported into another workspace, the output reads back page by page.
    const elsewhere = await openStepsConsole(cluster);
    try {
      const imported = await elsewhere.call('importSessionFile', { fileName: exported.fileName, content: exported.content });
      expect(imported.readOnly).toBe(true);
      const first = file.outputs[0]!;
      expect(await elsewhere.output(sessionId, first.runId, first.target)).toBe(first.chunks.map((c) => c.text).join(''));
      const page = await elsewhere.call('getRunOutput', { sessionId, runId: first.runId, target: first.target });
      expect(page.complete).toBe(true);
    } finally {
      await elsewhere.close();
    }
  });
});
