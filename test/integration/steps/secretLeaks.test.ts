// Issue 16, points 2 and 3, on the real thing: `tminus serve` started with TMINUS_SECRET_* in its
// environment, local steps run by bash, output stored in the SQLite file and exported.
// - A step that colours the secret with `grep --color=always`, prints it in hex, `printf %q` and
//   JSON: nothing of it is stored, shown or exported (escape codes removed or not).
// - A step of a session whose runbook never names the secret reads its parent's
//   /proc/$PPID/environ: the value is not there, and nothing unredacted is stored.
// - A step of one session prints a value given to another session: it is redacted too.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../../../shared/terminalView';
import { startConsole, type RunningConsole } from '../../support/consoleServer';
import { waitFor } from '../../support/sshTestbed';

const DBPASS = 'Pa55-w0rd"$7f3c';
const UNUSED = 'unused-s3cret-9q8w';
const OTHER = 'other-t0ken-4e5r6t';
const ada = { name: 'Ada', role: 'Incident Commander' };

/** Every spelling of the values a leak could take. */
function hitsIn(text: string): string[] {
  const hits: string[] = [];
  for (const [name, value] of Object.entries({ DBPASS, UNUSED, OTHER })) {
    const hex = Buffer.from(value).toString('hex');
    for (const form of [value, hex, hex.toUpperCase(), JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('base64')]) {
      if (text.includes(form) || visibleText(text).includes(form)) hits.push(`${name} as ${JSON.stringify(form)}`);
    }
  }
  return hits;
}

let tminus: RunningConsole;
let leftBehind: string;

async function call<T = Record<string, unknown>>(name: string, input: unknown): Promise<T> {
  const response = await fetch(`${tminus.base}api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tminus.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.result!;
}

function runbook(title: string, steps: Record<string, string>): string {
  const targets = Object.keys(steps).map((step) => `  ${step}: local`);
  const blocks = Object.entries(steps).map(([step, script]) => `### ${step}\n\n\`\`\`bash\n${script}\n\`\`\`\n`);
  return ['---', `title: ${title}`, 'targets:', ...targets, '---', '', `# ${title}`, '', '## Work', '', ...blocks].join('\n');
}

async function createSession(name: string, content: string): Promise<string> {
  const summary = await call<{ id: string }>('createSession', { name, environment: 'staging', t0: '2025-10-21T12:00:00Z', actor: ada, runbook: { sourceName: `${name}.md`, content } });
  return summary.id;
}

async function runAndRead(sessionId: string, title: string): Promise<string> {
  const opened = await call<{ runbook: { steps: Array<{ id: string; title: string }> } }>('openSession', { sessionId });
  const stepId = opened.runbook.steps.find((step) => step.title === title)!.id;
  const { runId } = await call<{ runId: string }>('runStep', { sessionId, actor: ada, stepId });
  await waitFor(async () => {
    const state = await call<{ state: { steps: { runs: Record<string, { status: string }> } } }>('openSession', { sessionId });
    return state.state.steps.runs[runId]?.status !== 'running' || null;
  }, `${title} to finish`, 30_000);
  const page = await call<{ chunks: Array<{ text: string }> }>('getRunOutput', { sessionId, runId, target: 'local' });
  return page.chunks.map((chunk) => chunk.text).join('');
}

beforeAll(async () => {
  tminus = await startConsole({ env: { TMINUS_SECRET_DBPASS: DBPASS, TMINUS_SECRET_UNUSED: UNUSED } });
  leftBehind = join(tminus.dataDir, '..', `left-behind-${process.pid}.txt`);
  writeFileSync(leftBehind, `token: ${OTHER}\n`);
});

afterAll(async () => {
  await tminus?.stop();
});

describe('secrets through escape codes, the parent environment and other sessions (issue 16)', () => {
  let colourSession: string;
  let otherSession: string;

  it('grep --color=always, xxd -p, printf %q and JSON spellings of a secret are redacted in the log and in what is shown', async () => {
    colourSession = await createSession(
      'colour',
      runbook('Colour', {
        'Colour grep': ['echo "DBPASS=$DBPASS" | grep --color=always Pa55', 'printf %s "$DBPASS" | xxd -p', 'printf %s "$DBPASS" | xxd -p -u', 'printf "%q\\n" "$DBPASS"', 'node -e "console.log(JSON.stringify({ p: process.env.DBPASS }))"'].join('\n'),
      }),
    );
    await call('setSecret', { sessionId: colourSession, actor: ada, name: 'OTHER', value: OTHER });
    const output = await runAndRead(colourSession, 'Colour grep');
    expect(output).toContain('DBPASS=');
    expect(output).toContain('[REDACTED:DBPASS]');
    expect(output).toContain('\x1b[');
    expect(hitsIn(output)).toEqual([]);
  });

  it('a secret printed half on stdout and half on stderr, stdout closed in between, is redacted in the log read in arrival order', async () => {
    const split = await createSession(
      'split',
      runbook('Split', {
        // The stdout half is held back as a possible start of the value; closing stdout releases it
        // before stderr has written the rest, which the arrival-order log then joined into the value.
        'Split streams': ['printf "half=%s" "${DBPASS:0:6}"', 'exec 1>/dev/null', 'sleep 0.2', 'printf "%s\\n" "${DBPASS:6}" >&2'].join('\n'),
      }),
    );
    const output = await runAndRead(split, 'Split streams');
    expect(output).toContain('half=[REDACTED:DBPASS]');
    expect(hitsIn(output)).toEqual([]);
  });

  it('a runbook that never names a secret cannot read it from /proc/$PPID/environ, nor another session’s value from a file left behind', async () => {
    otherSession = await createSession(
      'environ',
      runbook('Environ', {
        'Parent environment': 'tr "\\0" "\\n" < /proc/$PPID/environ | grep -a TMINUS_SECRET || echo "no secret variables"',
        'Left behind': `cat ${JSON.stringify(leftBehind)}`,
      }),
    );
    const environ = await runAndRead(otherSession, 'Parent environment');
    expect(hitsIn(environ)).toEqual([]);
    expect(environ).not.toContain(DBPASS.slice(0, 8));
    const file = await runAndRead(otherSession, 'Left behind');
    expect(file).toMatch(/token: \[REDACTED:OTHER\]/);
  });

  it('nothing unredacted is in the database file, its WAL, or any export', async () => {
    const database = join(tminus.dataDir, 'tminus.db');
    const places: Record<string, string> = { 'database file': readFileSync(database, 'latin1'), 'database WAL': readFileSync(`${database}-wal`, 'latin1') };
    for (const sessionId of [colourSession, otherSession]) {
      for (const format of ['html', 'md', 'json', 'csv']) {
        const exported = await call<{ content: string }>('exportReport', { sessionId, format });
        places[`${format} export of ${sessionId.slice(0, 8)}`] = exported.content;
      }
    }
    expect(places['database WAL']! + places['database file']!).toContain('[REDACTED:DBPASS]');
    for (const [place, text] of Object.entries(places)) expect(hitsIn(text), place).toEqual([]);
  });
});
