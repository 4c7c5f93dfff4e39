// Steps that run through Ansible: the console's public surface for them.
export { ANSIBLE_INSTALL_HINT, findAnsiblePlaybook } from './ansibleAvailability';
export { runPlaybook, type PlaybookRunOptions } from './runPlaybook';
export type { InventoryHost } from './ansibleInventory';
