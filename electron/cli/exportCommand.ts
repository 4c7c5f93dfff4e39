// `tminus export --data DIR --session ID --format html|pdf|md|json|csv --out PATH` writes one
// session as a report, reading the workspace read-only and without its lock, so it runs beside a
// live console. Like `session export`, it never overwrites a file.
import { writeFile } from 'node:fs/promises';
import { sessionIdSchema } from '../../shared/api/sessions';
import { REPORT_FORMATS, reportFormatSchema } from '../../shared/report/formats';
import { defaultDataDir } from '../core/paths';
import { PdfUnavailableError } from '../report/chromiumPdf';
import { exportSessionReport, type ExportedReport } from '../report/exportReport';
import { SessionExportError } from '../report/sessionFile';
import { SessionRegistry } from '../sessions/sessionRegistry';
import { openWorkspaceReadOnly } from '../store/workspace';
import { APP_VERSION } from '../version';
import { parseCommandArgs, UsageError, type CliIo } from './io';

export { exportUsage } from './usage';

export async function runExportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { data: { type: 'string' }, session: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
  if (!values.session || !values.format || !values.out) throw new UsageError('--session ID, --format and --out FILE are required');
  if (!sessionIdSchema.safeParse(values.session).success) throw new UsageError(`"${values.session}" is not a session id`);
  const format = reportFormatSchema.safeParse(values.format);
  if (!format.success) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${values.format}")`);

  const workspace = openWorkspaceReadOnly(values.data ?? defaultDataDir(), { verifySessions: [values.session] });
  let report: ExportedReport;
  try {
    const summary = new SessionRegistry(workspace).summary(values.session);
    if (!summary) {
      io.stderr(`tminus export: no session ${values.session} in ${workspace.dataDir}`);
      return 1;
    }
    report = await exportSessionReport(
      // Opening the workspace read-only has just verified every session against its recorded head.
      { workspace, summary, expectedHead: workspace.heads[values.session], format: format.data, verifiedAtOpen: { problem: workspace.damaged.get(values.session) ?? null } },
      { appVersion: APP_VERSION, now: Date.now() },
    );
  } catch (error) {
    if (error instanceof SessionExportError || error instanceof PdfUnavailableError) {
      io.stderr(`tminus export: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    workspace.close();
  }
  try {
    // Never overwrite: an earlier export may be the copy someone relies on.
    await writeFile(values.out, report.body, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`tminus export: cannot write ${values.out}: ${code === 'EEXIST' ? 'the file exists (choose another --out)' : (code ?? String(error))}`);
    return 1;
  }
  io.stdout(`${values.out}: ${format.data} of ${report.eventCount} events, head ${report.headHash}`);
  return 0;
}
