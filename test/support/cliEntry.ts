// Runs the CLI from its sources (for tests that need it in another process without a build).
// Several commands may be given, separated by `---`; each runs in turn until one fails.
import { main } from '../../electron/cli/main';

const commands: string[][] = [[]];
for (const arg of process.argv.slice(2)) {
  if (arg === '---') commands.push([]);
  else commands.at(-1)!.push(arg);
}
for (const command of commands) {
  const code = await main(command);
  if (code !== 0) {
    process.exitCode = code;
    break;
  }
}
