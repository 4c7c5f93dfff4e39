// Whether this workstation can run Ansible steps: `ansible-playbook` on PATH (or the file named by
// TMINUS_ANSIBLE_PLAYBOOK). Looked up when a run is planned, so installing Ansible while the
// console runs is picked up without a restart.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const ANSIBLE_INSTALL_HINT =
  'Install Ansible on this workstation — Debian/Ubuntu: sudo apt-get install ansible; macOS: brew install ansible; elsewhere: pipx install ansible — then run the step again.';

/** Path of ansible-playbook, or null when it is not installed. */
export function findAnsiblePlaybook(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  const explicit = env.TMINUS_ANSIBLE_PLAYBOOK;
  if (explicit) return isExecutable(explicit) ? explicit : null;
  const names = platform === 'win32' ? ['ansible-playbook.exe', 'ansible-playbook.cmd', 'ansible-playbook'] : ['ansible-playbook'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
