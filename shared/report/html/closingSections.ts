// The last two sections: every note and reason people wrote, in order; and how the record proves
// itself — the chain head, the algorithm, and the command that checks the session file.
import { CHAIN_ALGORITHM } from '../../log/sessionFile';
import type { NoteKind, NoteRecord } from '../reportFacts';
import { plural } from '../text';
import { capped, omittedNote } from './capped';
import { sectionHeading, when, type HtmlContext } from './context';
import { escapeHtml as e } from './escape';
import { sectionNumber } from './summarySection';

const MAX_NOTES = 2000;

const NOTE_KIND: Record<NoteKind, string> = {
  'item-note': 'note',
  'tick-note': 'note with tick',
  'untick-reason': 'reason for unticking',
  't0-move': 'reason for moving T0',
  cancel: 'reason for cancelling',
  'gate-reason': 'decision reason',
  'monitoring-stop': 'monitoring stopped',
  closed: 'session closed',
};

function about(context: HtmlContext, note: NoteRecord): string {
  const { model } = context;
  if (note.itemId) return e(model.names.item(note.itemId));
  if (note.gateId) return e(model.names.gate(note.gateId));
  if (note.runId) return e(model.state.steps.runs[note.runId]?.stepTitle ?? note.runId);
  return '<span class="muted">the session</span>';
}

export function notesSectionHtml(context: HtmlContext): string {
  const notes = context.model.facts.notes;
  const out = [sectionHeading('notes', sectionNumber('notes'), 'Notes')];
  if (!notes.length) {
    out.push('<p class="muted">Nobody wrote a note or a reason in this session.</p>');
    return out.join('');
  }
  out.push(`<p class="small muted">${plural(notes.length, 'note')} and reasons, as written, in the order they were recorded.</p>`);
  out.push('<table><thead><tr><th>When</th><th>Who</th><th>About</th><th>Text</th></tr></thead><tbody>');
  const shown = capped(notes, MAX_NOTES);
  const row = (note: NoteRecord) =>
    out.push(
      `<tr><td>${when(context, note.at)}</td><td>${e(note.actor.name)}${note.actor.role ? `<br><span class="muted small">${e(note.actor.role)}</span>` : ''}</td><td>${about(context, note)}<br><span class="muted small">${e(NOTE_KIND[note.kind])}</span></td><td class="note">${e(note.text)}</td></tr>`,
    );
  shown.head.forEach(row);
  if (shown.omitted) out.push(`<tr class="gap-row"><td colspan="4">${omittedNote(context.model, shown.omitted, 'note')}</td></tr>`);
  shown.tail.forEach(row);
  out.push('</tbody></table>');
  return out.join('');
}

export function integritySectionHtml(context: HtmlContext): string {
  const { model } = context;
  const { chain, facts } = model;
  const file = model.sessionFileName;
  const counts = Object.entries(facts.typeCounts).sort((a, b) => b[1] - a[1]);
  return [
    sectionHeading('integrity', sectionNumber('integrity'), 'Integrity of this record'),
    `<p>Every action in this session was written to an append-only log in which each event carries the hash of the one before it. Changing, removing or reordering any event changes every hash after it, so the last hash — the <em>chain head</em> — stands for the whole record. This report was made from a log that verified: all ${plural(chain.headSeq, 'event')} re-hash into this head.</p>`,
    `<dl class="kv"><dt>Session</dt><dd class="mono">${e(model.session.id)}</dd><dt>Chain head</dt><dd>event ${chain.headSeq}</dd></dl>`,
    `<div class="hash">${e(chain.headHash)}</div>`,
    ...(chain.signature
      ? [
          `<p>The head is signed with the exporting workspace’s ${e(chain.signature.algorithm)} key. A record edited and re-hashed no longer matches the signature; only the holder of that key can sign again, so compare the fingerprint with the one the workspace shows (<code>tminus verify --data</code> prints it).</p>`,
          `<dl class="kv"><dt>Signed by</dt><dd class="mono">${e(chain.signature.fingerprint)}</dd><dt>Public key</dt><dd class="mono">${e(chain.signature.publicKey)}</dd><dt>Signature</dt><dd class="mono">${e(chain.signature.value)}</dd></dl>`,
        ]
      : []),
    '<h3>How to verify</h3>',
    '<ol>',
    `<li>Get the session file <a href="${e(file)}">${e(file)}</a> exported with this report (it holds every event, the runbook as it was frozen, and all step output).</li>`,
    `<li>Run <code>tminus verify ${e(file)}</code>. It re-computes every hash and must print <code>ok ${chain.headSeq} events … head ${e(chain.headHash)}</code> — the head above.</li>`,
    '<li>Any other answer (a different head, or <code>BROKEN … at seq N</code>) means the file is not the record this report was made from.</li>',
    '</ol>',
    `<p class="small muted">Algorithm, as written into the session file: <code>${e(CHAIN_ALGORITHM)}</code></p>`,
    `<p class="small muted">Secrets are redacted from step output as it arrives, before it is stored; the log holds secret names only, never their values. Step output is covered by the chain through the sha256 of each host’s output recorded in its finish event.</p>`,
    '<h3>Events by type</h3><table><thead><tr><th>Type</th><th class="num">Count</th></tr></thead><tbody>',
    ...counts.map(([type, count]) => `<tr><td class="mono">${e(type)}</td><td class="num">${count.toLocaleString('en-US')}</td></tr>`),
    '</tbody></table>',
  ].join('');
}
