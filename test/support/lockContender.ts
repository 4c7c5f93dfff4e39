// A process that tries to become the writer of a data directory: waits for the `go` file, calls
// lockDataDir, prints `won` or `lost: <message>`, and a winner holds the lock until its stdin closes.
import { existsSync } from 'node:fs';
import { lockDataDir } from '../../electron/store/dataDirLock';

const [dataDir, go] = process.argv.slice(2) as [string, string];
process.stdout.write('ready\n');
while (!existsSync(go)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
try {
  const lock = lockDataDir(dataDir);
  process.stdout.write('won\n');
  process.stdin.resume();
  process.stdin.once('end', () => {
    lock.release();
    process.exit(0);
  });
} catch (error) {
  process.stdout.write(`lost: ${(error as Error).message}\n`);
  process.exit(0);
}
