// A runbook imported with its corrections side file, and the side file written back.
import { importMarkdown } from '../importMarkdown';
import type { Runbook } from '../model';
import { applyCorrections } from './apply';
import { readCorrectionsFile } from './readFile';
import { CORRECTIONS_FORMAT, type Correction } from './schema';

export interface CorrectionsText {
  /** The side file's name, for messages (`launch.md.tminus-corrections.json`). */
  name: string;
  text: string;
}

export function importCorrected(content: string, sourceName: string, corrections: CorrectionsText | null | undefined): Runbook {
  const runbook = importMarkdown(content, sourceName);
  if (!corrections) return runbook;
  const read = readCorrectionsFile(corrections.text);
  if (!read.ok) {
    // The runbook as imported, none of the file applied, and the reason with file:line:column.
    return { ...runbook, corrections: { file: corrections.name, entries: [], applied: [], unmatched: [], error: read.error } };
  }
  return applyCorrections(runbook, content, read.file, corrections.name);
}

/** The side file's text for these corrections (stable key order, one correction per block). */
export function correctionsFileText(runbookName: string, entries: Correction[]): string {
  return `${JSON.stringify({ format: CORRECTIONS_FORMAT, version: 1, runbook: runbookName, corrections: entries }, null, 2)}\n`;
}
