// The fan-out policy the IC chose, said in Ansible's own words on every play of the playbook:
// - rolling(n): `serial: n` with `max_fail_percentage: 0` — a batch with a failure halts the rollout;
// - stop on first failure: `any_errors_fatal: true` — Ansible finishes the task in flight on every
//   host, then runs nothing more (its nearest equivalent of "nothing new starts");
// - all at once: the playbook as written, at most `forks` hosts at a time.
// The IC's choice at run time wins over what the playbook says, and the output says what was set.
import { parseDocument, isMap, isSeq, type YAMLMap } from 'yaml';
import type { FanOutPolicy } from '../ssh';

export interface PolicyApplied {
  playbook: string;
  /** What was set, one line per play, for the run's output; empty when nothing changed. */
  notes: string[];
}

export class PlaybookError extends Error {}

export function applyPolicy(playbook: string, policy: FanOutPolicy): PolicyApplied {
  const doc = parseDocument(playbook);
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const where = first.linePos?.[0] ? ` (playbook line ${first.linePos[0].line}, column ${first.linePos[0].col})` : '';
    throw new PlaybookError(`The playbook is not valid YAML${where}: ${first.message.split('\n')[0]}`);
  }
  if (!isSeq(doc.contents)) throw new PlaybookError('The playbook must be a list of plays (each with hosts: and tasks:).');
  const notes: string[] = [];
  for (const [index, item] of doc.contents.items.entries()) {
    if (!isMap(item)) throw new PlaybookError(`Play ${index + 1} of the playbook is not a map.`);
    const play = item as YAMLMap<unknown, unknown>;
    if (policy.kind === 'rolling') {
      play.set('serial', policy.batchSize);
      play.set('max_fail_percentage', 0);
      notes.push(`play ${index + 1}: serial ${policy.batchSize}, max_fail_percentage 0 (rolling, ${policy.batchSize} at a time)`);
    } else if (policy.kind === 'stop-on-first-failure') {
      play.set('any_errors_fatal', true);
      notes.push(`play ${index + 1}: any_errors_fatal (stop on first failure)`);
    }
  }
  return { playbook: doc.toString(), notes };
}
