// One writer per data directory. Two consoles appending to the same session would fork its hash
// chain, so a second instance is refused with a message naming the holder. A lock left by a
// process that died (crash, SIGKILL) is taken over: the pid in it no longer exists.
//
// Every step is atomic, so that of several processes starting at once exactly one wins (issue 16,
// point 12):
// - the lock is written whole to a private temp file and hard-linked into place: link() fails when
//   the name exists, and a reader never sees a half-written lock;
// - taking over a dead holder's lock first claims that very lock: a claim file named after a digest
//   of its content is created exclusively, so only one process may remove it. The winner checks the
//   lock is still the one it claimed (a newer holder is never removed), removes it and links its own.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from './errors';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Makes every lock's content unique, so a claim names exactly one lock. */
  nonce?: string;
}

export interface DataDirLock {
  file: string;
  release(): void;
}

/** Locks held by this process: a lock file naming our own pid is stale unless it is in here. */
const heldHere = new Set<string>();

/** How many times a process re-reads a lock that another is taking over before giving up. */
const TAKEOVER_ATTEMPTS = 200;

export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, 'tminus.lock');
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), nonce: randomBytes(8).toString('hex') };
  const content = JSON.stringify(info);
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
    if (linkInPlace(file, content)) return held(file, content);
    const existing = readContent(file);
    if (existing === null) continue; // removed meanwhile: try again
    const holder = parseHolder(existing);
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
    takeOver(file, existing);
    sleepBriefly();
  }
  throw new StoreError('locked', `Could not lock ${dataDir}: another process kept taking over the lock of a T-Minus that is gone.`);
}

function held(file: string, content: string): DataDirLock {
  let released = false;
  heldHere.add(file);
  return {
    file,
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      if (readContent(file) === content) rmSync(file, { force: true });
    },
  };
}

/** Creates `file` with `content` atomically; false when it already exists. */
function linkInPlace(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Removes the stale lock whose content is `stale`, unless another process claimed it first. */
function takeOver(file: string, stale: string): void {
  const claim = `${file}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
  let fd: number;
  try {
    fd = openSync(claim, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const claimer = Number(readContent(claim));
    if (Number.isInteger(claimer) && claimer > 0 && claimer !== process.pid && !isAlive(claimer)) {
      throw new StoreError(
        'locked',
        `A take-over of the stale lock ${file} by pid ${claimer} was interrupted; remove ${file} and ${claim} if no T-Minus is running.`,
      );
    }
    return; // Another process is taking it over: read the lock again.
  }
  try {
    writeSync(fd, String(process.pid));
    closeSync(fd);
    // Only the claim's owner removes this lock, and only while it is still the one claimed.
    if (readContent(file) === stale) rmSync(file, { force: true });
  } finally {
    // The claim stays until the lock it names is gone, so a slower process that read the same stale
    // lock cannot claim it again and remove the lock that replaced it.
    rmSync(claim, { force: true });
  }
}

function readContent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(content: string): LockInfo | null {
  try {
    const parsed = JSON.parse(content) as Partial<LockInfo>;
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

/** A millisecond's pause while another process finishes a take-over (synchronous: opening is). */
function sleepBriefly(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}
