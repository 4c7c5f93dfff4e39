// The `tminus` command. Each command lives in its own file; this only dispatches and turns
// failures into one clear line and an exit code (2 for usage, 1 for everything else).
import { StoreError } from '../store/errors';
import { APP_VERSION } from '../version';
import { processIo, UsageError, type CliIo } from './io';
import { demoUsage, exportUsage, importUsage, serveUsage, sessionsUsage, sessionUsage, verifyUsage } from './usage';

interface Command {
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

// Each command's code is loaded when it runs (a separate chunk of the bundle): start-up time and
// memory are then those of the one command, not of the whole console.
const commands: Record<string, Command> = {
  serve: { usage: serveUsage, summary: 'run the console in a browser on 127.0.0.1 (--lan: also HTTPS on the local network for the war room)', run: async (a, io) => (await import('./serveCommand')).runServeCommand(a, io) },
  demo: {
    usage: demoUsage,
    summary: 'a five-minute demo launch on this machine (simulated service, harmless local steps, fresh each start)',
    run: async (a, io) => (await import('./demoCommand')).runDemoCommand(a, io),
  },
  sessions: { usage: sessionsUsage, summary: 'list the sessions of a workspace', run: async (a, io) => (await import('./sessionsCommand')).runSessionsCommand(a, io) },
  session: {
    usage: sessionUsage,
    summary: 'create a session from a runbook (prints its id), or export one to a .tminus.json file',
    run: async (a, io) => (await import('./sessionCommand')).runSessionCommand(a, io),
  },
  export: {
    usage: exportUsage,
    summary: 'write a session as an audit report: HTML, PDF, Markdown as run, JSON session file, CSV events',
    run: async (a, io) => (await import('./exportCommand')).runExportCommand(a, io),
  },
  verify: { usage: verifyUsage, summary: "check every session's hash chain, or a session file's", run: async (a, io) => (await import('./verifyCommand')).runVerifyCommand(a, io) },
  import: { usage: importUsage, summary: 'import a markdown runbook and print what it became', run: async (a, io) => (await import('./importCommand')).runImportCommand(a, io) },
};

export function usage(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return [
    `T-Minus ${APP_VERSION} — go-live control console`,
    '',
    'Usage:',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '  tminus --help | --version',
    '',
    'Without --data, the workspace is the desktop app\'s (override with TMINUS_DATA_DIR).',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(APP_VERSION);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`tminus: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`Usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tminus ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof StoreError) {
      io.stderr(`tminus ${name}: ${error.message}`);
      return 1;
    }
    io.stderr(`tminus ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
