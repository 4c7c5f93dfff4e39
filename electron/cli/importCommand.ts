// `tminus import FILE --summary | --json`: imports a markdown runbook and prints what it became.
// Diagnostics go to stderr as `file:line:column: severity: message` (the form editors and CI
// annotate). Exit 0 when the file was read (warnings included), 1 when it cannot be read at all,
// 2 on bad usage.
import { readFile } from 'node:fs/promises';
import { correctionsPathBeside, readCorrectionsBeside } from '../runbook/correctionsBeside';
import { createRunbookParser } from '../runbook/runbookParser';

export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The usage line, in the form the dispatcher's other commands use. */
import { importUsage } from './usage';

export { importUsage };
const IMPORT_USAGE = `usage: ${importUsage}`;

type Mode = 'summary' | 'json';

function parseArgs(args: string[]): { file: string; mode: Mode; help: boolean } | { error: string } {
  let mode: Mode | null = null;
  const files: string[] = [];
  let help = false;
  let onlyFiles = false;
  for (const arg of args) {
    if (!onlyFiles && arg === '--') onlyFiles = true;
    else if (!onlyFiles && (arg === '--help' || arg === '-h')) help = true;
    else if (!onlyFiles && (arg === '--summary' || arg === '--json')) {
      const next: Mode = arg === '--json' ? 'json' : 'summary';
      if (mode && mode !== next) return { error: '--summary and --json cannot be combined' };
      mode = next;
    } else if (!onlyFiles && arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
    else files.push(arg);
  }
  if (help) return { file: '', mode: mode ?? 'summary', help };
  if (files.length === 0) return { error: 'missing FILE' };
  if (files.length > 1) return { error: `one FILE at a time (got ${files.length})` };
  return { file: files[0]!, mode: mode ?? 'summary', help };
}

async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  // A NUL byte does not occur in text; importing a binary would only produce noise.
  if (bytes.includes(0)) throw new Error('not a text file');
  return new TextDecoder('utf-8').decode(bytes);
}

export async function runImportCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(args);
  if ('error' in parsed) {
    io.stderr(`tminus import: ${parsed.error}\n${IMPORT_USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(`${IMPORT_USAGE}\n  --summary  counts, steps with windows, gates, warnings and coverage (what looked like structure but was not read) as JSON (default)\n  --json     the whole runbook model as JSON\n`);
    return 0;
  }
  let text: string;
  try {
    text = await readText(parsed.file);
  } catch (error) {
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    io.stderr(`tminus import: cannot read ${parsed.file}: ${reason}\n`);
    return 1;
  }
  let corrections;
  try {
    corrections = await readCorrectionsBeside(parsed.file);
  } catch (error) {
    io.stderr(`tminus import: cannot read ${correctionsPathBeside(parsed.file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 1;
  }
  // The same worker and time limit as the console's import, so `tminus import` shows what the console would do.
  const parser = createRunbookParser();
  let preview;
  try {
    preview = await parser.preview({ sourceName: parsed.file.replace(/^.*[\\/]/, ''), content: text, corrections });
  } catch (error) {
    io.stderr(`tminus import: ${parsed.file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await parser.close();
  }
  const { runbook, summary, coverage } = preview;
  for (const d of runbook.diagnostics) io.stderr(`${parsed.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  const sideError = runbook.corrections?.error;
  if (sideError) io.stderr(`${correctionsPathBeside(parsed.file)}:${sideError.line}:${sideError.column}: error: ${sideError.message}; no correction was applied\n`);
  if (parsed.mode === 'json') {
    io.stdout(`${JSON.stringify(runbook, null, 2)}\n`);
    return 0;
  }
  // The coverage block: lines that look like a time, threshold, gate, role or sign-off but became
  // no structure, each also a warning on stderr, and the share of such lines understood.
  for (const m of coverage.missed) io.stderr(`${parsed.file}:${m.line}:${m.column}: warning: ${m.message}\n`);
  const kept = runbook.corrections;
  // The corrections block only when a side file was found, so the summary of a runbook without one is unchanged.
  const output = { ...summary, coverage, ...(kept ? { corrections: { file: kept.file, applied: kept.applied, unmatched: kept.unmatched, error: kept.error } } : {}) };
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}
