// `tminus session new …` creates a session from a runbook file (through the console, exactly as
// the UI does) and prints its id; `tminus session export …` writes one session to a
// `.tminus.json` file, reading the workspace without taking its lock.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { ApiError } from '../../shared/api/errors';
import { sessionIdSchema } from '../../shared/api/sessions';
import { environmentSchema, isoInstant } from '../../shared/log/sessionEvents';
import type { SessionFile } from '../../shared/log/sessionFile';
import { createConsole } from '../console';
import { defaultDataDir } from '../core/paths';
import { correctionsPathBeside, readCorrectionsBeside } from '../runbook/correctionsBeside';
import { createRunbookParser } from '../runbook/runbookParser';
import { buildSessionFile, serializeSessionFile, SessionExportError } from '../report/sessionFile';
import { sessionOutputSource } from '../steps/outputStore';
import { SessionRegistry } from '../sessions/sessionRegistry';
import { openWorkspaceReadOnly } from '../store/workspace';
import { APP_VERSION } from '../version';
import { parseCommandArgs, UsageError, type CliIo } from './io';

import { sessionExportUsage, sessionNewUsage } from './usage';

export { sessionExportUsage, sessionNewUsage, sessionUsage } from './usage';

const subcommands = `\n  ${sessionNewUsage}\n  ${sessionExportUsage}`;

export async function runSessionCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'new') return runNew(rest, io);
  if (sub === 'export') return runExport(rest, io);
  throw new UsageError(`${sub === undefined ? 'missing subcommand' : `unknown subcommand "${sub}"`}; one of:${subcommands}`);
}

async function runNew(args: string[], io: CliIo): Promise<number> {
  const { values } = withUsage(sessionNewUsage, () =>
    parseCommandArgs(args, {
      data: { type: 'string' },
      runbook: { type: 'string' },
      name: { type: 'string' },
      t0: { type: 'string' },
      env: { type: 'string' },
      actor: { type: 'string' },
    }),
  );
  if (!values.runbook) throw new UsageError(`new: --runbook FILE is required\n  ${sessionNewUsage}`);
  const environment = environmentSchema.safeParse(values.env ?? 'staging');
  if (!environment.success) throw new UsageError(`new: --env must be staging or production, got "${values.env}"`);
  if (values.t0 !== undefined && !isoInstant.safeParse(values.t0).success) {
    throw new UsageError(`new: --t0 must be an ISO-8601 instant with a zone, e.g. 2025-10-21T12:00:00Z (got "${values.t0}")`);
  }
  let content: string;
  try {
    content = await readFile(values.runbook, 'utf8');
  } catch (error) {
    io.stderr(`tminus session new: cannot read ${values.runbook}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  let corrections;
  try {
    corrections = await readCorrectionsBeside(values.runbook);
  } catch (error) {
    io.stderr(`tminus session new: cannot read ${correctionsPathBeside(values.runbook)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  const source = { sourceName: basename(values.runbook), content, corrections };
  const parser = createRunbookParser();
  let runbook;
  try {
    ({ runbook } = await parser.preview(source));
  } catch (error) {
    io.stderr(`tminus session new: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await parser.close();
  }
  const sideError = runbook.corrections?.error;
  if (sideError) io.stderr(`${correctionsPathBeside(values.runbook)}:${sideError.line}:${sideError.column}: error: ${sideError.message}; no correction was applied`);
  const t0 = values.t0 ?? runbook.t0;
  if (!t0) throw new UsageError(`new: ${source.sourceName} names no T0; give one with --t0 ISO (e.g. 2025-10-21T12:00:00Z)`);

  const service = createConsole({ dataDir: values.data ?? defaultDataDir(), version: APP_VERSION, shell: 'browser' });
  try {
    const created = await service.router.dispatch(
      'createSession',
      { name: values.name ?? runbook.title, environment: environment.data, t0, actor: { name: values.actor ?? osUserName(), role: null }, runbook: source },
      { access: 'write' },
    );
    if (!created.ok) throw ApiError.from(created.error);
    io.stdout((created.result as { id: string }).id);
    return 0;
  } finally {
    await service.close();
  }
}

async function runExport(args: string[], io: CliIo): Promise<number> {
  const { values } = withUsage(sessionExportUsage, () =>
    parseCommandArgs(args, { data: { type: 'string' }, session: { type: 'string' }, out: { type: 'string' } }),
  );
  if (!values.session || !values.out) throw new UsageError(`export: --session ID and --out FILE are required\n  ${sessionExportUsage}`);
  if (!sessionIdSchema.safeParse(values.session).success) throw new UsageError(`export: "${values.session}" is not a session id`);
  const workspace = openWorkspaceReadOnly(values.data ?? defaultDataDir(), { verifySessions: [values.session] });
  let file: SessionFile;
  try {
    const summary = new SessionRegistry(workspace).summary(values.session);
    if (!summary) {
      io.stderr(`tminus session export: no session ${values.session} in ${workspace.dataDir}`);
      return 1;
    }
    // The chain is checked against the head below; a head that is not signed by the workspace proves nothing.
    const headProblem = workspace.headProblems.get(values.session);
    if (headProblem) throw new SessionExportError(`Session ${values.session} cannot be exported: ${headProblem}.`);
    file = buildSessionFile(
      { log: workspace.log, runbooks: workspace.runbooks, summary, expectedHead: workspace.heads[values.session], outputs: sessionOutputSource(workspace.db, values.session) },
      { appVersion: APP_VERSION, now: Date.now(), signingKey: workspace.signingKey },
    );
  } finally {
    workspace.close();
  }
  try {
    // Never overwrite: an earlier export may be the copy someone relies on.
    await writeFile(values.out, serializeSessionFile(file), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`tminus session export: cannot write ${values.out}: ${code === 'EEXIST' ? 'the file exists (choose another --out)' : (code ?? String(error))}`);
    return 1;
  }
  io.stdout(`${values.out}: ${file.chain.headSeq} events of "${file.session.name}", head ${file.chain.headHash}`);
  return 0;
}

function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${error.message}\n  ${usage}`);
    throw error;
  }
}

function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
