// Cancelling a remote command needs its process group. The SSH "signal" request would be the
// natural way, but OpenSSH refuses it for root logins ("session signalling requires privilege
// separation": a root session runs in the monitor process), and closing a channel does not stop a
// non-tty command at all (sshd keeps the session until the child exits). So the script's first
// line reports its process group on stderr, framed by a per-run nonce; the runner removes that line
// before anything reaches the consumer, and cancel runs `kill -INT -- -PGID` on a second channel.

/** Shell prologue that prints `\x1eTMINUS-PGID <nonce> <pgid>\x1e` on stderr. */
export function processGroupReport(nonce: string): string {
  // Field 5 of /proc/PID/stat is the process group; the command name (field 2) is skipped by
  // cutting through ") ". Without /proc, $$ is right whenever the shell leads its group, which is
  // what sshd sets up (setsid) when the login shell execs `bash -s`. Builtins only (`read`, not
  // `$(<file)`): no fork, so the prologue costs nothing measurable per run.
  return (
    `if [ -r /proc/$$/stat ]; then read -r __tminus_stat < /proc/$$/stat; __tminus_stat=\${__tminus_stat##*) }; ` +
    `set -- $__tminus_stat; __tminus_pgid=$3; else __tminus_pgid=$$; fi; ` +
    `printf '\\036TMINUS-PGID %s %s\\036\\n' '${nonce}' "$__tminus_pgid" >&2; unset __tminus_stat __tminus_pgid; set --\n`
  );
}

/** How far into stderr the marker is looked for (a login shell could print before it). */
const SEARCH_LIMIT = 64 * 1024;

/** Removes the marker line from the start of stderr text and captures the process group. */
export class ProcessGroupMarkerFilter {
  private held = '';
  private seen = 0;
  private done = false;
  pgid: number | null = null;
  /** Called once when the process group is known. */
  onFound: ((pgid: number) => void) | null = null;
  private readonly marker: RegExp;
  private readonly prefix: string;

  constructor(nonce: string) {
    this.marker = new RegExp(`\\x1eTMINUS-PGID ${nonce} (\\d+)\\x1e\\n`);
    this.prefix = `\x1eTMINUS-PGID ${nonce} `;
  }

  push(text: string): string {
    if (this.done) return text;
    this.held += text;
    this.seen += text.length;
    const match = this.marker.exec(this.held);
    if (match) {
      this.pgid = Number(match[1]);
      this.onFound?.(this.pgid);
      return this.release(this.held.slice(0, match.index) + this.held.slice(match.index + match[0].length));
    }
    if (this.seen > SEARCH_LIMIT) return this.release(this.held);
    // Keep only from where the marker may still be arriving.
    const start = this.partialMarkerStart();
    const out = this.held.slice(0, start);
    this.held = this.held.slice(start);
    return out;
  }

  /** First position from which the held text is an unfinished marker; held.length if none. */
  private partialMarkerStart(): number {
    for (let i = this.held.indexOf('\x1e'); i !== -1; i = this.held.indexOf('\x1e', i + 1)) {
      const rest = this.held.slice(i);
      if (rest.length <= this.prefix.length ? this.prefix.startsWith(rest) : rest.startsWith(this.prefix) && isDigitsThenFrameEnd(rest.slice(this.prefix.length))) return i;
    }
    return this.held.length;
  }

  end(): string {
    return this.release(this.held);
  }

  /** True once the marker was found or can no longer come. */
  get settled(): boolean {
    return this.done;
  }

  private release(text: string): string {
    this.done = true;
    this.held = '';
    return text;
  }
}

/** `123` or `123\x1e`: a marker's pgid so far, possibly with its closing frame byte. */
function isDigitsThenFrameEnd(text: string): boolean {
  const afterDigits = text.replace(/^\d*/, '');
  return afterDigits === '' || afterDigits === '\x1e';
}
