// Who decides a gate, as the runbook says it. Real runbooks name the approvers in the lines under a
// gate: one line per role with the words it may say ("Engineering Lead: GO / HOLD / ROLLBACK"), or
// one line listing them ("Approvers: Engineering Lead, Product Owner"). The importer keeps those
// lines as the gate's criteria, so reading them here needs no change to the importer.
import type { Gate } from '../runbook/model';

/** `Engineering Lead: GO / HOLD / ROLLBACK`, `QA Lead — GO/NO-GO`. */
const ROLE_VOTE = /^(.{2,80}?)\s*(?::|—|–|-)\s*GO\s*\/\s*(?:HOLD|NO[\s-]?GO)(?:\s*\/\s*(?:HOLD|ROLLBACK|NO[\s-]?GO))*\s*\.?$/i;
/** `Approvers: A, B and C`, `Decided by: A; B`, `Sign-off: A & B`. */
const ROLE_LIST = /^(?:approvers?|approved by|decided by|decision makers?|deciders?|sign[\s-]?offs?(?: by)?)\s*:\s*(.+)$/i;

function clean(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitRoles(list: string): string[] {
  return list
    .split(/\s*(?:,|;|&|\band\b|\+)\s*/i)
    .map(clean)
    .filter((role) => role.length > 0 && role.length <= 120);
}

/** The approver roles a gate's own lines name, in order, each once (case-insensitively). */
export function approversFromGate(gate: Pick<Gate, 'criteria'>): string[] {
  const roles: string[] = [];
  const add = (role: string) => {
    if (role && !roles.some((known) => known.toLowerCase() === role.toLowerCase())) roles.push(role);
  };
  for (const line of gate.criteria) {
    const text = clean(line);
    const vote = ROLE_VOTE.exec(text);
    if (vote) {
      add(clean(vote[1]!));
      continue;
    }
    const list = ROLE_LIST.exec(text);
    if (list) for (const role of splitRoles(list[1]!)) add(role);
  }
  return roles;
}

/** True when a criteria line only names approvers (so it is not shown again as a criterion). */
export function isApproverLine(line: string): boolean {
  const text = clean(line);
  return ROLE_VOTE.test(text) || ROLE_LIST.test(text);
}
