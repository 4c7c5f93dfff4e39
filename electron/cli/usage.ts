// Every command's usage line, apart from the commands themselves: `tminus --help` and the
// dispatcher need these without loading a command's code (each command is loaded only when run, so
// `tminus import` does not pay for the SSH engine, SQLite and the HTTP server at start-up).
import { REPORT_FORMATS } from '../../shared/report/formats';

export const serveUsage = 'tminus serve [--data DIR] [--port N] [--new-token] [--force] [--lan [--bind ADDR] [--lan-port N] [--tls-cert FILE --tls-key FILE]]';
export const demoUsage = 'tminus demo [--data DIR] [--port N] [--open]';
export const sessionsUsage = 'tminus sessions [--data DIR] [--json]';
export const sessionNewUsage =
  'tminus session new [--data DIR] --runbook FILE [--name N] [--t0 ISO] [--env staging|production] [--actor NAME]';
export const sessionExportUsage = 'tminus session export [--data DIR] --session ID --out FILE';
export const sessionUsage = 'tminus session new|export [--data DIR] …';
export const exportUsage = `tminus export [--data DIR] --session ID --format ${REPORT_FORMATS.join('|')} --out FILE`;
export const verifyUsage = 'tminus verify [--data DIR] | FILE.tminus.json';
export const importUsage = 'tminus import FILE [--summary | --json]';
