// The runbook as T-Minus understood it: every section with its planned time, its own text (prose,
// tables, callouts as sanitised markdown) in document order with steps, gates and decision levels
// as cards between them, every structured element linked to its source line, and every import
// warning with its line.
import { useMemo, useState, type ReactNode } from 'react';
import { markdownView, type MdBlock } from '../../../../shared/runbook/markdownView';
import type { ReferenceBlock, Runbook, Section } from '../../../../shared/runbook/model';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { LAZY_SECTIONS_FROM, LazySectionBody } from './LazySectionBody';
import { useAppStore } from '../../store/appStore';
import { CorrectionsReview } from './CorrectionsReview';
import { MarkdownView } from './MarkdownView';
import { ReimportDialog } from './ReimportDialog';
import { GateCard, LevelCard, MilestoneList, PlannedTime, StepCard, ThresholdChip } from './runbookCards';
import { SourceLink } from './SourceLink';
import './runbook.css';

/** A reference block as markdown blocks: prose and tables are parsed, the rest shown as written. */
function referenceBlocks(ref: ReferenceBlock): MdBlock[] {
  const lines = { line: ref.line, endLine: ref.endLine };
  switch (ref.lang) {
    case 'text':
    case 'table':
      return markdownView(ref.text, ref.line);
    case 'hr':
      return [{ ...lines, t: 'rule' }];
    case 'html':
      return [{ ...lines, t: 'raw', value: ref.text }];
    default:
      return [{ ...lines, t: 'code', lang: ref.lang === 'front-matter' ? 'yaml' : ref.lang, value: ref.text }];
  }
}

function groupBySection<T extends { sectionId: string | null }>(nodes: T[]): Map<string | null, T[]> {
  const map = new Map<string | null, T[]>();
  for (const node of nodes) {
    const list = map.get(node.sectionId);
    if (list) list.push(node);
    else map.set(node.sectionId, [node]);
  }
  return map;
}

export function RunbookTab({ runbook, t0, sessionId, canChange }: { runbook: Runbook; t0: string; sessionId: string; canChange: boolean }) {
  const t0Ms = Date.parse(t0);
  const [reimporting, setReimporting] = useState(false);
  const groups = useMemo(
    () => ({
      steps: groupBySection(runbook.steps),
      gates: groupBySection(runbook.gates),
      milestones: groupBySection(runbook.milestones),
      thresholds: groupBySection(runbook.thresholds.filter((t) => t.context !== 'decision-level')),
      levels: groupBySection(runbook.decisionLevels),
      items: groupBySection(runbook.checklistItems),
      references: groupBySection(runbook.references),
    }),
    [runbook],
  );
  const textBlocks = useMemo(() => new Map(runbook.references.map((ref) => [ref.id, referenceBlocks(ref)])), [runbook]);
  const source = runbook.sourceName;
  const lazy = runbook.sections.length > LAZY_SECTIONS_FROM;
  const levelStepIds = useMemo(() => new Set(runbook.decisionLevels.flatMap((l) => l.stepIds)), [runbook]);
  const correctRunbook = useAppStore((s) => s.correctRunbook);
  const [correcting, setCorrecting] = useState(false);
  const corrected = useMemo(() => new Map((runbook.corrections?.applied ?? []).flatMap((c) => (c.targetId ? [[c.targetId, c.description] as const] : []))), [runbook]);
  const diagnostics = runbook.diagnostics.filter((d) => d.severity !== 'info');

  const sectionBody = (section: Section | null) => {
    const id = section?.id ?? null;
    const steps = (groups.steps.get(id) ?? []).filter((s) => !levelStepIds.has(s.id));
    const milestones = groups.milestones.get(id) ?? [];
    const thresholds = groups.thresholds.get(id) ?? [];
    const items = groups.items.get(id) ?? [];
    // Text and cards in the order the document has them.
    const entries: Array<{ line: number; node: ReactNode }> = [
      ...(groups.references.get(id) ?? []).map((ref) => ({ line: ref.line, node: <MarkdownView key={ref.id} blocks={textBlocks.get(ref.id) ?? []} /> })),
      ...steps.map((step) => ({ line: step.line, node: <StepCard key={step.id} step={step} t0Ms={t0Ms} sourceName={source} corrected={corrected.get(step.id)} /> })),
      ...(groups.gates.get(id) ?? []).map((gate) => ({
        line: gate.line,
        node: <GateCard key={gate.id} gate={gate} thresholds={runbook.thresholds} t0Ms={t0Ms} sourceName={source} corrected={corrected.get(gate.id)} />,
      })),
      ...(groups.levels.get(id) ?? []).map((level) => ({
        line: level.line,
        node: <LevelCard key={level.id} level={level} thresholds={runbook.thresholds} steps={runbook.steps} t0Ms={t0Ms} sourceName={source} />,
      })),
    ].sort((a, b) => a.line - b.line);
    return (
      <>
        {milestones.length > 0 && <MilestoneList milestones={milestones} t0Ms={t0Ms} sourceName={source} />}
        {items.length > 0 && (
          <details className="section-items">
            <summary>{items.length} checklist items (ticked in Checklist)</summary>
            <ul aria-label={`Checklist items of ${section?.title ?? 'the preamble'}`}>
              {items.map((item) => (
                <li key={item.id} data-line-start={item.line} data-line-end={item.endLine ?? item.line} style={{ paddingLeft: `${item.depth * 1}rem` }}>
                  {item.text} <SourceLink sourceName={source} line={item.line} />
                </li>
              ))}
            </ul>
          </details>
        )}
        {entries.map((entry) => entry.node)}
        {thresholds.length > 0 && (
          <p className="threshold-list" aria-label="Thresholds">
            {thresholds.map((t) => (
              <ThresholdChip key={t.id} threshold={t} sourceName={source} corrected={corrected.get(t.id)} />
            ))}
          </p>
        )}
      </>
    );
  };

  return (
    <div className="runbook-tab">
      <nav className="section-nav" aria-label="Runbook sections">
        <ul>
          {runbook.sections.map((section) => (
            <li key={section.id} style={{ paddingLeft: `${(section.depth - 1) * 0.75}rem` }}>
              <a href={`#sec-${section.id}`} onClick={(e) => (e.preventDefault(), document.getElementById(`sec-${section.id}`)?.scrollIntoView())}>
                <span className={`kind kind-${section.kind}`}>{section.kind}</span> {section.title}
                {section.startOffsetMs !== null && <span className="nav-offset mono"> {formatOffsetLabel(section.startOffsetMs)}</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="runbook-main">
        <div className="runbook-header">
          <p>
            <strong>{runbook.title}</strong> from <span className="mono">{runbook.sourceName}</span>
          </p>
          {canChange && (
            <button type="button" onClick={() => setReimporting(true)}>
              Re-import runbook…
            </button>
          )}
        </div>
        {reimporting && <ReimportDialog sessionId={sessionId} onClose={() => setReimporting(false)} />}
        {diagnostics.length > 0 && (
          <details className="panel import-warnings" open>
            <summary>
              {diagnostics.length} import {diagnostics.length === 1 ? 'warning' : 'warnings'}
            </summary>
            <ul aria-label="Import warnings">
              {diagnostics.map((d, i) => (
                <li key={i}>
                  <span className="mono">
                    {runbook.sourceName}:{d.line}:{d.column}
                  </span>{' '}
                  {d.severity}: {d.message}
                </li>
              ))}
            </ul>
          </details>
        )}
        <CorrectionsReview
          runbook={runbook}
          disabled={!canChange || correcting}
          onCorrect={(request) => {
            setCorrecting(true);
            void correctRunbook(sessionId, request).finally(() => setCorrecting(false));
          }}
        />
        {runbook.roles.length > 0 && (
          <section className="panel" aria-label="Roles">
            <h3>Roles</h3>
            <ul className="roles">
              {runbook.roles.map((role) => (
                <li key={role.id}>
                  <strong>{role.name}</strong>
                  {role.responsibility && <span className="muted"> — {role.responsibility}</span>} <SourceLink sourceName={source} line={role.line} />
                </li>
              ))}
            </ul>
          </section>
        )}
        {(groups.references.get(null) ?? []).length > 0 && <section className="runbook-section">{sectionBody(null)}</section>}
        {runbook.sections.map((section) => (
          <section key={section.id} id={`sec-${section.id}`} className={`runbook-section depth-${Math.min(section.depth, 4)}`} aria-label={section.title}>
            <h3 data-line-start={section.line} data-line-end={section.headingEndLine ?? section.line}>
              {section.title}
              {section.startOffsetMs !== null && <PlannedTime start={section.startOffsetMs} end={section.endOffsetMs} t0Ms={t0Ms} />}
            </h3>
            {lazy ? <LazySectionBody render={() => sectionBody(section)} /> : sectionBody(section)}
          </section>
        ))}
      </div>
    </div>
  );
}
