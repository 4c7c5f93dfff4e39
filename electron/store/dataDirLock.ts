// One writer per data directory. Two consoles appending to the same session would fork its hash
// chain, so a second instance is refused with a message naming the holder. A lock left by a
// process that died (crash, SIGKILL) is taken over: the pid in it no longer exists.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from './errors';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  file: string;
  release(): void;
}

/** Locks held by this process: a lock file naming our own pid is stale unless it is in here. */
const heldHere = new Set<string>();

export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'tminus.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      heldHere.add(file);
      return {
        file,
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      const ours = holder?.pid === process.pid;
      if (holder && holder.host === hostname() && (ours ? heldHere.has(file) : isAlive(holder.pid))) {
        throw new StoreError(
          'locked',
          `Another T-Minus (pid ${holder.pid}, since ${holder.startedAt}) is using ${dataDir}; close it or choose another --data directory.`,
        );
      }
      if (holder && holder.host !== hostname()) {
        throw new StoreError(
          'locked',
          `${dataDir} is in use by T-Minus on ${holder.host} (pid ${holder.pid}); a shared folder cannot have two writers.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new StoreError('locked', `Could not lock ${dataDir}.`);
}

function readHolder(file: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt ?? '?') }
      : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
