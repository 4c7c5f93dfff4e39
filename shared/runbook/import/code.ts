// Fenced blocks. bash / sh / shell / zsh fences are runnable steps, titled by the heading above
// them; their secrets are the variables they read but never assign, and success criteria written
// as comments (`# Success Criteria:` / `# - Error rate < 1%`) become thresholds. Other fences are
// reference text; plain ones are also read for timeline lines and `(target: …)` phrases. Ansible
// playbooks (playbook.ts) are steps too, run with ansible-playbook.
import type { Code } from 'mdast';
import type { Step, ThresholdContext } from '../model';
import { levelOf, type Criterion, type SectionDraft, type StepDraft } from './draft';
import { classifyLabel, contextOfLabel } from './labels';
import { readCriteria } from './criteria';
import { targetPhrase, timelineLine } from './prose';
import { secretsOf } from './secrets';
import { columnOf, spanOf } from './source';
import { parseThreshold } from './thresholds';
import { isPlaybookFence, PLAYBOOK_SHELL, playbookSecrets } from './playbook';
import type { BlockContext, Pending } from './blockContext';

const SHELLS = new Set(['bash', 'sh', 'shell', 'zsh']);
const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none', 'log', 'output']);

/** The language word of a fence info string (`bash title="x"` → `bash`). */
export function fenceLang(lang: string | null | undefined): string {
  return (lang ?? '').trim().split(/\s+/)[0]!.toLowerCase();
}

export function isShellLang(lang: string | null | undefined): boolean {
  return SHELLS.has(fenceLang(lang));
}

interface TextLine {
  text: string;
  line: number;
  column: number;
}

/** Content lines of a code node with their source lines (a fenced block starts a line below its node). */
function contentLines(w: BlockContext, node: Code): TextLine[] {
  const span = spanOf(node);
  const opener = /^(`{3,}|~{3,})/.test((w.d.src.lines[span.line - 1] ?? '').slice(span.column - 1));
  const first = opener ? span.line + 1 : span.line;
  return node.value.split('\n').map((text, i) => ({ text, line: first + i, column: columnOf(w.d.src, first + i, text.trim()) }));
}

const DANGER = /\b(danger(ous)?|destructive|irreversible|emergency|drop\s+table|rm\s+-rf|point of no return)\b/i;

function stepTitle(section: SectionDraft, hint: string | null, pending: Pending | null): string {
  if (hint) return hint.replace(/\s*[:.]\s*$/, '');
  const base = section.info.stepTitle;
  if (section.stepCount === 0) return base;
  // A second block under one heading: name it by the label above it, or number it.
  if (pending && pending.kind === 'other') return `${base} — ${pending.label}`;
  return `${base} (${section.stepCount + 1})`;
}

/** Lead words of a comment that states an expectation: "# Expected: < 10 seconds", "# Verify replication lag < 5 s". */
const EXPECTATION = /^(?:expected|expect|verify|check|ensure|target|should|must|goal|slo|gate)\b/i;

/**
 * Criteria in a script. A `# Success Criteria:` line, then `# - …` bullet lines, are stated criteria.
 * Any other comment that states an expectation ("# Expected: < 10 seconds", named after the step),
 * and `echo "… (Gate: ≤ 350ms)"`, are lower-confidence suggestions; status-report lines with a
 * target ("✅ Error Rate: 0.4% (target: < 1%)") are targets.
 */
function scriptCriteria(w: BlockContext, draft: StepDraft, lines: TextLine[]): void {
  let context: ThresholdContext | null = null;
  const level = levelOf(draft.section);
  const hint = draft.step.title;
  for (const { text, line, column } of lines) {
    const comment = /^\s*#(?!!)\s?(.*)$/.exec(text);
    if (!comment) {
      if (text.trim() !== '') context = null;
      const echo = /\becho\s+(["'])(.*)\1/.exec(text);
      if (echo) {
        if (/\(\s*(?:target|gate|threshold|limit|slo)\s*:/i.test(echo[2]!)) targetPhrase(w, draft.section, echo[2]!, line, columnOf(w.d.src, line, echo[2]!), { confidence: 'suggested', metricHint: hint });
      } else if (/\(\s*target\s*:/i.test(text)) targetPhrase(w, draft.section, text.trim(), line, column);
      continue;
    }
    const body = comment[1]!.trim();
    const heading = /^([A-Za-z][\w\s/&()-]{1,40}?)\s*:\s*$/.exec(body);
    if (heading) {
      context = contextOfLabel(classifyLabel(heading[1]!));
      continue;
    }
    const bullet = /^[-*•]\s+(.+)$/.exec(body);
    if (bullet && context) {
      const criterion = bullet[1]!.trim();
      const parsed = parseThreshold(criterion);
      const col = columnOf(w.d.src, line, criterion);
      const threshold = parsed ? w.d.addThreshold(parsed, context, draft.section, level?.level ?? null, criterion, line, col) : null;
      if (context === 'success') draft.criteria.push({ text: criterion, thresholdId: threshold?.id ?? null });
      continue;
    }
    if (body === '') continue;
    const stated = context !== null;
    if (!bullet) context = null;
    if (!/\d/.test(body) || !(stated || EXPECTATION.test(body) || /^[✅❌⚠🟢🔴🟡]/u.test(body))) continue;
    if (targetPhrase(w, draft.section, body, line, columnOf(w.d.src, line, body), { confidence: 'suggested', metricHint: hint })) continue;
    readCriteria(w, draft.section, body.replace(/^[-*•]\s+/, ''), { line, column: columnOf(w.d.src, line, body) }, {
      defaultMeaning: 'ok-if',
      metricHint: hint,
      confidence: 'suggested',
      strict: true,
    });
  }
}

/** Plain fences: label lines (`Success Criteria:`), bullets under them, `(target: …)`, timeline lines. */
function plainFence(w: BlockContext, section: SectionDraft | null, lines: TextLine[]): void {
  let context: ThresholdContext | null = null;
  let criteria: Criterion[] | null = null;
  for (const { text, line, column } of lines) {
    const t = text.trim();
    if (!t) continue;
    if (timelineLine(w, section, t, line, column)) continue;
    if (targetPhrase(w, section, t, line, column)) continue;
    const label = /^([A-Za-z][\w\s/&()-]{1,40}?)\s*:\s*$/.exec(t);
    if (label) {
      const kind = classifyLabel(label[1]!);
      context = contextOfLabel(kind);
      criteria = kind === 'success' && section ? (w.d.sectionCriteria.get(section.section.id) ?? []) : null;
      if (criteria && section) w.d.sectionCriteria.set(section.section.id, criteria);
      continue;
    }
    const bullet = /^[-*•]\s+(.+)$/.exec(t);
    if (!bullet || !context) {
      context = null;
      continue;
    }
    const parsed = parseThreshold(bullet[1]!);
    const chosen = parsed?.impliedContext ?? context;
    const threshold = parsed ? w.d.addThreshold(parsed, chosen, section, null, bullet[1]!, line, column + 2) : null;
    criteria?.push({ text: bullet[1]!.trim(), thresholdId: threshold?.id ?? null });
  }
}

export function codeBlock(w: BlockContext, node: Code, titleHint: string | null, pending: Pending | null): void {
  const span = spanOf(node);
  const lang = fenceLang(node.lang);
  const lines = contentLines(w, node);
  const playbook = !SHELLS.has(lang) && isPlaybookFence(lang, node.value);
  if (!SHELLS.has(lang) && !playbook) {
    w.d.addReference(w.current?.section.id ?? null, lang || 'plain', node.value, span.line, span.column, span.endLine);
    if (PLAIN.has(lang)) plainFence(w, w.current, lines);
    return;
  }
  const section = w.ensureSection(span.line);
  const title = stepTitle(section, titleHint, pending);
  const level = levelOf(section);
  const rollback = level !== null || /\broll\s*back\b|\brollback\b/i.test(title);
  const comments = lines.filter((l) => /^\s*#/.test(l.text)).map((l) => l.text).join('\n');
  const step: Step = {
    id: w.d.ids.make('st', section.section.id, title),
    sectionId: section.section.id,
    title,
    heading: section.info.title,
    script: node.value,
    shell: playbook ? PLAYBOOK_SHELL : lang,
    window: { startOffsetMs: null, endOffsetMs: null },
    plannedDurationMs: section.stepCount === 0 && !titleHint ? section.info.durationMs : null,
    target: null,
    timeoutMs: null,
    confirm: rollback || DANGER.test(title) || DANGER.test(comments),
    rollback,
    secrets: playbook ? playbookSecrets(node.value) : secretsOf(node.value),
    endLine: span.endLine,
    line: span.line,
    column: span.column,
  };
  const draft: StepDraft = { step, section, criteria: [], timeFromHeading: false, windowSet: false };
  section.stepCount++;
  w.d.steps.push(draft);
  w.lastStep = draft;
  if (level) level.stepIds.push(step.id);
  scriptCriteria(w, draft, lines);
}
