// Exporting a session in one of the five formats, from a workspace (the live console's, or one
// opened read-only by the CLI). The log is read and verified first — an export whose record does
// not verify is refused, as the session file is — then the report is built from the log and the
// stored step output, never from anything that holds a secret value (output is redacted when it
// is stored, the log holds secret names only). Long exports hand the event loop back regularly and
// report progress, so a browser shell stays responsive and its progress bar moves.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SessionSummary } from '../../shared/api/sessions';
import { verifyChain } from '../../shared/log/chain';
import type { LoggedEvent } from '../../shared/log/eventTypes';
import type { RunbookRef } from '../../shared/log/sessionEvents';
import { CHAIN_ALGORITHM, sessionFileName } from '../../shared/log/sessionFile';
import type { Runbook } from '../../shared/runbook/model';
import { csvLines } from '../../shared/report/csv';
import { REPORT_FORMAT_INFO, reportFileName, type ReportFormat } from '../../shared/report/formats';
import { reportHtmlParts } from '../../shared/report/html/reportHtml';
import { buildMarkdownAsRun } from '../../shared/report/markdownAsRun';
import { NO_OUTPUT } from '../../shared/report/output';
import { buildReportModel, type ReportModel } from '../../shared/report/reportModel';
import { sessionOutputSource } from '../steps/outputStore';
import type { Db } from '../store/database';
import { sha256Hex, type EventLog } from '../store/eventLog';
import type { RunbookStore } from '../store/runbookStore';
import type { SigningKey } from '../store/signingKey';
import { CheckedOutputs } from './checkedOutputs';
import { printHtmlWithChromium, type PdfPrinter } from './chromiumPdf';
import { buildSessionFile, serializeSessionFile, SessionExportError } from './sessionFile';

export type ReportStage = 'reading' | 'rendering' | 'printing' | 'done';

export interface ReportProgress {
  stage: ReportStage;
  /** Work done and total in the stage's own units (events read, sections and host outputs drawn). */
  done: number;
  total: number;
}

export interface ReportWorkspace {
  db: Db;
  log: Pick<EventLog, 'read' | 'iterate'>;
  runbooks: Pick<RunbookStore, 'get'>;
  /** Signs the head every export reports; without it nothing is exported (an export must prove itself). */
  signingKey: SigningKey | null;
}

export interface ReportRequest {
  workspace: ReportWorkspace;
  summary: SessionSummary;
  /** The head kept outside the database: a cut-off tail is refused, not exported as a shorter session. */
  expectedHead?: { seq: number; hash: string } | null;
  format: ReportFormat;
  /**
   * Set when the caller verified this session's chain against its recorded head a moment ago
   * (opening a workspace read-only does, for every session): `problem` is what it found, or null.
   * Without it the log is verified here — the live console's workspace was verified when it
   * opened, possibly days earlier.
   */
  verifiedAtOpen?: { problem: string | null };
}

export interface ReportOptions {
  appVersion: string;
  now: number;
  /** How a PDF is printed; headless Chromium unless the shell has its own (Electron). */
  printPdf?: PdfPrinter;
  onProgress?: (progress: ReportProgress) => void;
}

export interface ExportedReport {
  fileName: string;
  mimeType: string;
  body: string | Uint8Array;
  eventCount: number;
  headHash: string;
}

/** Hand the event loop back at most this often while building (progress events, other calls). */
const SLICE_MS = 25;

class Pacer {
  private last = performance.now();

  constructor(private readonly onProgress: ReportOptions['onProgress']) {}

  async step(progress: ReportProgress): Promise<void> {
    if (performance.now() - this.last < SLICE_MS) return;
    this.onProgress?.(progress);
    await nextTurn();
    this.last = performance.now();
  }

  report(progress: ReportProgress): void {
    this.onProgress?.(progress);
  }
}

export async function exportSessionReport(request: ReportRequest, options: ReportOptions): Promise<ExportedReport> {
  const { summary, format } = request;
  const pacer = new Pacer(options.onProgress);
  const fileName = reportFileName(summary.name, summary.t0, format);
  const mimeType = REPORT_FORMAT_INFO[format].mimeType;
  pacer.report({ stage: 'reading', done: 0, total: summary.eventCount });
  const signingKey = request.workspace.signingKey;
  if (!signingKey) throw new SessionExportError(`Session ${summary.id} cannot be exported: this workspace has no signing key yet (open it once with this version of T-Minus to make one).`);

  if (format === 'json') {
    const file = buildSessionFile(
      { log: request.workspace.log, runbooks: request.workspace.runbooks, summary, expectedHead: request.expectedHead, outputs: sessionOutputSource(request.workspace.db, summary.id) },
      { appVersion: options.appVersion, now: options.now, signingKey },
    );
    pacer.report({ stage: 'done', done: 1, total: 1 });
    return { fileName, mimeType, body: serializeSessionFile(file), eventCount: file.chain.headSeq, headHash: file.chain.headHash };
  }

  const events = await readVerified(request, pacer);
  const head = events.at(-1)!;
  const runbook = runbookOf(request.workspace, events);
  const model = buildReportModel({
    session: summary,
    runbook: runbook?.model ?? null,
    events,
    chain: {
      algorithm: CHAIN_ALGORITHM,
      headSeq: head.seq,
      headHash: head.hash,
      signature: { algorithm: signingKey.algorithm, publicKey: signingKey.publicKey, fingerprint: signingKey.fingerprint, value: signingKey.signHead(summary.id, head) },
    },
    exportedAt: options.now,
    appVersion: options.appVersion,
    sessionFileName: sessionFileName(summary.name, summary.t0),
  });
  const result = { fileName, mimeType, eventCount: head.seq, headHash: head.hash };

  if (format === 'csv') {
    const parts: string[] = [];
    let done = 0;
    for (const line of csvLines(events, model.names)) {
      parts.push(line);
      if (++done % 2000 === 0) await pacer.step({ stage: 'rendering', done, total: events.length + 1 });
    }
    pacer.report({ stage: 'done', done: 1, total: 1 });
    return { ...result, body: parts.join('') };
  }
  if (format === 'md') {
    if (!runbook) throw new SessionExportError(`Session ${summary.id} has no runbook: there is no document to mark up as run (export html, json or csv instead).`);
    const body = buildMarkdownAsRun(model, runbook.content);
    pacer.report({ stage: 'done', done: 1, total: 1 });
    return { ...result, body };
  }
  const html = await renderHtml(model, request, format === 'pdf' ? 'print' : 'screen', pacer);
  if (format === 'html') {
    pacer.report({ stage: 'done', done: 1, total: 1 });
    return { ...result, body: html };
  }
  pacer.report({ stage: 'printing', done: 0, total: 1 });
  const pdf = await (options.printPdf ?? ((text: string) => printHtmlWithChromium(text)))(html);
  pacer.report({ stage: 'done', done: 1, total: 1 });
  return { ...result, body: pdf };
}

/** The session's events, verified against their chain and the head kept outside the database. */
async function readVerified(request: ReportRequest, pacer: Pacer): Promise<LoggedEvent[]> {
  const { summary } = request;
  const events: LoggedEvent[] = [];
  for (const event of request.workspace.log.iterate(summary.id)) {
    events.push(event);
    if (events.length % 5000 === 0) await pacer.step({ stage: 'reading', done: events.length, total: summary.eventCount });
  }
  if (!events.length) throw new SessionExportError(`Session ${summary.id} has no events.`);
  if (request.verifiedAtOpen) {
    if (request.verifiedAtOpen.problem) throw new SessionExportError(`Session ${summary.id} cannot be exported: its log does not verify at ${request.verifiedAtOpen.problem}.`);
    return events;
  }
  const verdict = verifyChain(sha256Hex, events, request.expectedHead);
  if (!verdict.ok) {
    throw new SessionExportError(`Session ${summary.id} cannot be exported: its log does not verify at seq ${verdict.seq} (${verdict.problem}).`);
  }
  return events;
}

/** The runbook in force at the end: the last one the log names (created, or replaced by a re-import). */
function runbookOf(workspace: ReportWorkspace, events: readonly LoggedEvent[]): { model: Runbook; content: string } | null {
  let ref: RunbookRef | null = null;
  for (const event of events) {
    if (event.type === 'session.created') ref = event.payload.runbook;
    else if (event.type === 'session.runbookReplaced') ref = event.payload.to;
  }
  if (!ref) return null;
  let stored;
  try {
    stored = workspace.runbooks.get<Runbook>(ref);
  } catch (error) {
    throw new SessionExportError(`The runbook of this session cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!stored) throw new SessionExportError(`The runbook snapshot ${ref.contentHash.slice(0, 12)} this session ran is missing from the workspace.`);
  return { model: stored.model, content: stored.content };
}

async function renderHtml(model: ReportModel, request: ReportRequest, variant: 'screen' | 'print', pacer: Pacer): Promise<string> {
  const stored = sessionOutputSource(request.workspace.db, request.summary.id);
  const outputs = new CheckedOutputs(stored ?? NO_OUTPUT, model.events);
  let progress: ReportProgress = { stage: 'rendering', done: 0, total: 1 };
  const parts: string[] = [];
  for (const part of reportHtmlParts(model, { outputs, variant, onProgress: (done, total) => (progress = { stage: 'rendering', done, total }) })) {
    parts.push(part);
    await pacer.step(progress);
  }
  // Output is read whole while drawing: a host whose stored output no longer matches the digest its
  // finish event recorded makes the report refuse, like the session file export does.
  const mismatch = outputs.firstMismatch();
  if (mismatch) throw new SessionExportError(`Session ${request.summary.id} cannot be exported: ${mismatch}.`);
  return parts.join('');
}
