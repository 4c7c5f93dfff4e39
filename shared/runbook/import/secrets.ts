// Secrets a step needs: variables its script reads but never assigns (`$ADMIN_TOKEN`, `${API_KEY}`).
// A small shell lexer, not a full parser: it knows quoting (nothing expands inside '…'), comments,
// escapes, `${VAR:-default}` (has a fallback, so not required), command substitution and quoted
// here-documents — enough to read runbook scripts without false positives from awk programs,
// JSON bodies or comments.

/** Variables every shell or session already has; reading them is not asking for a secret. */
const AMBIENT = new Set([
  'HOME', 'PATH', 'USER', 'PWD', 'OLDPWD', 'SHELL', 'HOSTNAME', 'HOST', 'LANG', 'LANGUAGE', 'TERM', 'TMPDIR',
  'UID', 'EUID', 'GID', 'PPID', 'RANDOM', 'LINENO', 'SECONDS', 'IFS', 'LOGNAME', 'DISPLAY', 'EDITOR', 'VISUAL',
  'PAGER', 'BASH', 'BASHPID', 'BASH_SOURCE', 'BASH_VERSION', 'BASH_REMATCH', 'FUNCNAME', 'PIPESTATUS', 'OPTARG',
  'OPTIND', 'HISTFILE', 'PS1', 'PS2', 'PS4', 'MAIL', 'SHLVL', 'COLUMNS', 'LINES', 'REPLY', 'TZ', 'HOSTTYPE',
  'OSTYPE', 'MACHTYPE', 'SSH_AUTH_SOCK', 'SSH_CONNECTION', 'SSH_CLIENT', 'SSH_TTY', 'EPOCHSECONDS', 'EPOCHREALTIME',
]);

export function isAmbientVariable(name: string): boolean {
  return AMBIENT.has(name) || /^(LC_|XDG_)/.test(name);
}

interface Scan {
  reads: Set<string>;
  /**
   * The script with quoted text and expansions masked as `x` (so each stays one word) and comments
   * blanked, for finding assignments: `read -p "Token: " TOKEN` keeps TOKEN as the fourth word.
   */
  skeleton: string;
}

function mask(text: string): string {
  return text.replace(/[^\n]/g, 'x');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function scan(script: string): Scan {
  const reads = new Set<string>();
  const out: string[] = [];
  let i = 0;
  let inDouble = false;
  let heredoc: { delimiter: string; quoted: boolean; strip: boolean } | null = null;
  const pendingHeredocs: Array<{ delimiter: string; quoted: boolean; strip: boolean }> = [];

  const readExpansion = (): void => {
    // At a `$`; record a read when it names a plain variable.
    const next = script[i + 1];
    if (next === '{') {
      const close = script.indexOf('}', i + 2);
      const inner = close < 0 ? script.slice(i + 2) : script.slice(i + 2, close);
      const name = /^#?([A-Za-z_][A-Za-z0-9_]*)(.*)$/s.exec(inner);
      // `${X:-fallback}` / `${X-fallback}` / `${X:=…}` work without X; `${!X}` is indirection.
      if (name && !/^:?[-=+]/.test(name[2]!)) reads.add(name[1]!);
      out.push(mask(close < 0 ? script.slice(i) : script.slice(i, close + 1)));
      i = close < 0 ? script.length : close + 1;
      return;
    }
    const name = next !== undefined ? NAME.exec(script.slice(i + 1)) : null;
    if (name) {
      reads.add(name[0]);
      out.push('x'.repeat(name[0].length + 1));
      i += name[0].length + 1;
      return;
    }
    out.push('$');
    i++;
  };

  while (i < script.length) {
    const ch = script[i]!;
    if (heredoc) {
      const end = script.indexOf('\n', i);
      const line = script.slice(i, end < 0 ? script.length : end);
      const bare = heredoc.strip ? line.replace(/^\t+/, '') : line;
      if (bare === heredoc.delimiter) heredoc = pendingHeredocs.shift() ?? null;
      else if (!heredoc.quoted) for (const m of line.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:?[-=+])?/g)) if (!m[2]) reads.add(m[1]!);
      out.push(' '.repeat(line.length));
      i += line.length;
      if (end >= 0) {
        out.push('\n');
        i++;
      }
      continue;
    }
    if (ch === '\\') {
      out.push(mask(script.slice(i, i + 2)));
      i += 2;
      continue;
    }
    if (ch === '$') {
      if (script[i + 1] === "'" && !inDouble) {
        const close = script.indexOf("'", i + 2);
        const stop = close < 0 ? script.length : close + 1;
        out.push(mask(script.slice(i, stop)));
        i = stop;
        continue;
      }
      readExpansion();
      continue;
    }
    if (inDouble) {
      if (ch === '"') inDouble = false;
      out.push(ch === '\n' ? '\n' : 'x');
      i++;
      continue;
    }
    if (ch === '"') {
      inDouble = true;
      out.push('x');
      i++;
      continue;
    }
    if (ch === "'") {
      const close = script.indexOf("'", i + 1);
      const stop = close < 0 ? script.length : close + 1;
      out.push(mask(script.slice(i, stop)));
      i = stop;
      continue;
    }
    if (ch === '#' && (i === 0 || /[\s;&|(]/.test(script[i - 1]!))) {
      const end = script.indexOf('\n', i);
      const stop = end < 0 ? script.length : end;
      out.push(' '.repeat(stop - i));
      i = stop;
      continue;
    }
    if (ch === '<' && script[i + 1] === '<' && script[i + 2] !== '<') {
      const m = /^<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(script.slice(i));
      if (m) {
        pendingHeredocs.push({ delimiter: m[3]!, quoted: m[2] !== '', strip: m[1] === '-' });
        out.push(' '.repeat(m[0].length));
        i += m[0].length;
        continue;
      }
    }
    if (ch === '\n' && pendingHeredocs.length > 0) {
      heredoc = pendingHeredocs.shift()!;
    }
    out.push(ch);
    i++;
  }
  return { reads, skeleton: out.join('') };
}

const OPTIONS_WITH_ARGUMENT: Record<string, RegExp> = {
  read: /^-[a-zA-Z]*[pdtunNi]$/,
  mapfile: /^-[a-zA-Z]*[dntsuCc]$/,
  readarray: /^-[a-zA-Z]*[dntsuCc]$/,
};

function assignments(skeleton: string): Set<string> {
  const names = new Set<string>();
  for (const m of skeleton.matchAll(/(?:^|[\s;&|()`{])([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])?\+?=/g)) names.add(m[1]!);
  for (const m of skeleton.matchAll(/\b(?:for|select)\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g)) names.add(m[1]!);
  for (const m of skeleton.matchAll(/\bgetopts\s+\S+\s+([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  for (const m of skeleton.matchAll(/\bprintf\s+-v\s+([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  for (const m of skeleton.matchAll(/\b(export|local|declare|typeset|readonly|read|mapfile|readarray)\b([^;&|\n]*)/g)) {
    const words = m[2]!.trim().split(/\s+/).filter(Boolean);
    const takesArgument = OPTIONS_WITH_ARGUMENT[m[1]!];
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      if (word.startsWith('-')) {
        if (takesArgument?.test(word)) w++;
        continue;
      }
      const name = /^([A-Za-z_][A-Za-z0-9_]*)(?:=|$)/.exec(word);
      if (name) names.add(name[1]!);
    }
  }
  return names;
}

/** Names a script reads but never assigns, minus shell specials and ambient variables, sorted. */
export function secretsOf(script: string): string[] {
  const { reads, skeleton } = scan(script);
  const assigned = assignments(skeleton);
  return [...reads].filter((name) => !assigned.has(name) && !isAmbientVariable(name)).sort();
}
