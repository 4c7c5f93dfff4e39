// One progress bar across an export's stages: reading the log, drawing the report, printing the
// PDF. Each stage owns a slice of the bar, so it moves forward only, whatever the format.
import type { ApiEventPayload } from '../../../../shared/api/contract';
import type { ReportFormat } from '../../../../shared/report/formats';

export type ReportProgressEvent = ApiEventPayload<'report.progress'>;

const SLICES: Record<'reading' | 'rendering' | 'printing', Record<ReportFormat, [number, number]>> = {
  reading: { html: [0, 35], pdf: [0, 25], md: [0, 70], json: [0, 90], csv: [0, 50] },
  rendering: { html: [35, 99], pdf: [25, 60], md: [70, 99], json: [90, 99], csv: [50, 99] },
  printing: { html: [99, 99], pdf: [60, 99], md: [99, 99], json: [99, 99], csv: [99, 99] },
};

export const STAGE_LABEL: Record<ReportProgressEvent['stage'], string> = {
  reading: 'Reading and verifying the log',
  rendering: 'Drawing the report',
  printing: 'Printing the PDF',
  done: 'Done',
};

/** Percent 0–100 for a progress event of a given format. */
export function percentOf(event: Pick<ReportProgressEvent, 'stage' | 'done' | 'total'>, format: ReportFormat): number {
  if (event.stage === 'done') return 100;
  const [from, to] = SLICES[event.stage][format];
  const fraction = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
  return Math.round(from + (to - from) * fraction);
}
