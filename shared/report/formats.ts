// The five export formats: what each is called, its MIME type, and the file name it gets. The
// name is derived from the session's own file name (`<slug>-<yyyymmdd>.tminus.json`) so every
// export of one session sits together in a folder and the HTML can name its JSON sibling.
import { z } from 'zod';
import { SESSION_FILE_EXTENSION, sessionFileName } from '../log/sessionFile';

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'json', 'csv'] as const;
export const reportFormatSchema = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

export const REPORT_FORMAT_INFO: Record<ReportFormat, { label: string; mimeType: string; extension: string; binary: boolean; description: string }> = {
  html: { label: 'HTML report', mimeType: 'text/html;charset=utf-8', extension: '.report.html', binary: false, description: 'One self-contained file for the retrospective; opens offline in any browser and prints cleanly.' },
  pdf: { label: 'PDF report', mimeType: 'application/pdf', extension: '.report.pdf', binary: true, description: 'The same report, paginated, with step output shortened to what a page can hold.' },
  md: { label: 'Markdown (as run)', mimeType: 'text/markdown;charset=utf-8', extension: '.as-run.md', binary: false, description: 'The runbook as run — ticks, who and when, step results and decisions where they happened — for a wiki.' },
  json: { label: 'Session file (JSON)', mimeType: 'application/json', extension: SESSION_FILE_EXTENSION, binary: false, description: 'Every event with its hash chain and all step output; verifiable with tminus verify and openable read-only.' },
  csv: { label: 'Event log (CSV)', mimeType: 'text/csv;charset=utf-8', extension: '.events.csv', binary: false, description: 'One row per event: seq, time, actor, role, type, summary, payload, hash.' },
};

/** `<slug>-<yyyymmdd><extension>`: siblings of the session file `<slug>-<yyyymmdd>.tminus.json`. */
export function reportFileName(sessionName: string, t0: string, format: ReportFormat): string {
  const base = sessionFileName(sessionName, t0).slice(0, -SESSION_FILE_EXTENSION.length);
  return `${base}${REPORT_FORMAT_INFO[format].extension}`;
}
