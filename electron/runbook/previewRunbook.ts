// What a runbook file becomes, without saving anything: the model, its summary and its coverage.
// Pure and synchronous; the console calls it through runbookParser.ts, in a worker, never on the
// event loop that answers everyone else.
import { importCorrected, type CorrectionsText } from '../../shared/runbook/corrections/importCorrected';
import { runbookCoverage } from '../../shared/runbook/coverage';
import { summarizeRunbook } from '../../shared/runbook/summary';

export interface RunbookSource {
  sourceName: string;
  content: string;
  /** The corrections side file that came with the runbook, if any. */
  corrections?: CorrectionsText | null;
}

export function previewRunbookSource(source: RunbookSource) {
  const runbook = importCorrected(source.content, source.sourceName, source.corrections);
  return { runbook, summary: summarizeRunbook(runbook), coverage: runbookCoverage(runbook, source.content) };
}

export type RunbookPreview = ReturnType<typeof previewRunbookSource>;
