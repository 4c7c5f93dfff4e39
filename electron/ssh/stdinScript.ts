// What a run writes to `bash -s` on stdin: the secrets as exports, then the step's script.
//
// Secrets travel only inside the encrypted SSH channel (or a local pipe): the remote command line
// is just `bash -s`, so `ps` shows no value, and nothing is written to disk on either side.
//
// The script is wrapped in `{ … } < /dev/null`. Bash then parses the whole script before running
// any of it, so (1) a command in the script that reads stdin (ssh, mysql, read) cannot swallow the
// rest of the script, and (2) a script cut short or broken by a syntax error runs nothing at all
// instead of half of itself.

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `'…'` quoting: nothing inside single quotes is special except the quote itself. */
export function singleQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function scriptForStdin(script: string, secrets: Readonly<Record<string, string>> = {}): string {
  const exports = Object.keys(secrets)
    .sort()
    .map((name) => {
      const value = secrets[name]!;
      if (!SHELL_NAME.test(name)) throw new Error(`secret name ${JSON.stringify(name)} is not a valid shell variable name`);
      if (value.includes('\0')) throw new Error(`secret ${name} contains a NUL byte, which no shell variable can hold`);
      return `export ${name}=${singleQuote(value)}\n`;
    })
    .join('');
  const body = script.endsWith('\n') ? script : `${script}\n`;
  return `${exports}{\n${body}} < /dev/null\n`;
}
