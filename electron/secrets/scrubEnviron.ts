// Overwrites secret values in this process's initial environment block.
//
// Deleting a variable from process.env (unsetenv) only drops the pointer: the bytes stay where the
// kernel put them at exec, and /proc/<pid>/environ reads exactly those bytes. Any process of the
// same user — a local step among them, as /proc/$PPID/environ — can read them (issue 16, point 3).
// On Linux a process may write its own memory through /proc/self/mem, so the values are replaced
// in place by `*`. Elsewhere (macOS keeps the block too) nothing can be done from JavaScript: the
// security notes say to give secrets through the app instead.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

/** Field numbers (1-based, proc(5)) of the start and end of the environment block in /proc/self/stat. */
const ENV_START_FIELD = 50;
const ENV_END_FIELD = 51;

/**
 * Replaces the values of `names` in /proc/self/environ with `*`. Returns the names that are still
 * readable there (empty when scrubbed, or when there was nothing to scrub).
 */
export function scrubInitialEnvironment(names: readonly string[], platform: NodeJS.Platform = process.platform): string[] {
  if (names.length === 0) return [];
  if (platform !== 'linux') return [...names];
  try {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3.
    const envStart = Number(fields[ENV_START_FIELD - 3]);
    const envEnd = Number(fields[ENV_END_FIELD - 3]);
    const block = readFileSync('/proc/self/environ');
    if (!Number.isSafeInteger(envStart) || envStart <= 0 || envEnd - envStart !== block.length) return [...names];
    const fd = openSync('/proc/self/mem', 'r+');
    try {
      for (const name of names) {
        const entry = Buffer.from(`${name}=`);
        for (let at = block.indexOf(entry); at >= 0; at = block.indexOf(entry, at + 1)) {
          if (at > 0 && block[at - 1] !== 0) continue;
          const valueStart = at + entry.length;
          const valueEnd = block.indexOf(0, valueStart);
          const length = (valueEnd < 0 ? block.length : valueEnd) - valueStart;
          if (length > 0) writeSync(fd, Buffer.alloc(length, '*'), 0, length, envStart + valueStart);
        }
      }
    } finally {
      closeSync(fd);
    }
    const after = readFileSync('/proc/self/environ', 'latin1');
    return names.filter((name) => after.split('\0').some((line) => line.startsWith(`${name}=`) && !/^[^=]*=\**$/.test(line)));
  } catch {
    return [...names];
  }
}
