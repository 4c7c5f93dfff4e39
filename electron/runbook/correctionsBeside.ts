// The corrections side file next to a runbook file (`launch.md` → `launch.md.tminus-corrections.json`),
// read by the commands that are given a runbook path. Absent is normal; unreadable is reported by
// the caller like any other file problem.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CorrectionsText } from '../../shared/runbook/corrections/importCorrected';
import { correctionsFileName } from '../../shared/runbook/corrections/schema';

export async function readCorrectionsBeside(runbookPath: string): Promise<CorrectionsText | null> {
  const path = correctionsFileName(runbookPath);
  try {
    return { name: basename(path), text: await readFile(path, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Where the side file sits, for messages (`dir/launch.md.tminus-corrections.json`). */
export function correctionsPathBeside(runbookPath: string): string {
  return correctionsFileName(runbookPath);
}
