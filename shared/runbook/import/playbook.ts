// Ansible playbooks as steps. A fence is a playbook when its language is `ansible`, or when it is
// `yaml` / `yml` and its text is a list of plays, each naming `hosts:` and what to run (`tasks:`,
// `roles:`, `pre_tasks:` or `post_tasks:`) — a YAML example of something else stays reference text.
// A playbook's secrets are the UPPER_CASE variables its Jinja expressions read (`{{ DB_PASSWORD }}`),
// the same convention as `$ADMIN_TOKEN` in shell steps; they reach Ansible as extra vars.
import { parse } from 'yaml';

export const PLAYBOOK_SHELL = 'ansible';
const YAML_LANGS = new Set(['yaml', 'yml']);
const PLAY_WORK = ['tasks', 'roles', 'pre_tasks', 'post_tasks'];

/** Whether a fence of this language and text is an Ansible playbook to run. */
export function isPlaybookFence(lang: string, text: string): boolean {
  if (lang === PLAYBOOK_SHELL) return true;
  if (!YAML_LANGS.has(lang)) return false;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return false;
  }
  return (
    Array.isArray(doc) &&
    doc.length > 0 &&
    doc.every((play) => typeof play === 'object' && play !== null && 'hosts' in play && PLAY_WORK.some((key) => key in play))
  );
}

/** UPPER_CASE names read in `{{ … }}` expressions, sorted (Ansible's own magic variables are lower case). */
export function playbookSecrets(text: string): string[] {
  const names = new Set<string>();
  for (const expression of text.matchAll(/\{\{([^}]*)\}\}/g)) {
    for (const name of expression[1]!.matchAll(/(?<![\w.'"])([A-Z][A-Z0-9_]{2,})(?![\w'"(])/g)) names.add(name[1]!);
  }
  return [...names].sort();
}
