// The runbook as T-Minus understood it: every section with its planned time, steps with their
// scripts, gates, thresholds and decision levels as cards, and every import warning with its line.
import { useMemo, useState } from 'react';
import type { Runbook, Section } from '../../../../shared/runbook/model';
import { formatOffsetLabel } from '../../../../shared/timeline';
import { ReimportDialog } from './ReimportDialog';
import { GateCard, LevelCard, MilestoneList, PlannedTime, StepCard, ThresholdChip } from './runbookCards';
import './runbook.css';

function groupBySection<T extends { sectionId: string | null }>(nodes: T[]): Map<string | null, T[]> {
  const map = new Map<string | null, T[]>();
  for (const node of nodes) map.set(node.sectionId, [...(map.get(node.sectionId) ?? []), node]);
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
    }),
    [runbook],
  );
  const diagnostics = runbook.diagnostics.filter((d) => d.severity !== 'info');

  const sectionBody = (section: Section) => {
    const steps = (groups.steps.get(section.id) ?? []).filter((s) => !runbook.decisionLevels.some((l) => l.stepIds.includes(s.id)));
    const gates = groups.gates.get(section.id) ?? [];
    const milestones = groups.milestones.get(section.id) ?? [];
    const thresholds = groups.thresholds.get(section.id) ?? [];
    const levels = groups.levels.get(section.id) ?? [];
    const items = groups.items.get(section.id) ?? [];
    return (
      <>
        {items.length > 0 && <p className="muted">{items.length} checklist items (see Checklist)</p>}
        {milestones.length > 0 && <MilestoneList milestones={milestones} t0Ms={t0Ms} />}
        {steps.map((step) => (
          <StepCard key={step.id} step={step} t0Ms={t0Ms} />
        ))}
        {gates.map((gate) => (
          <GateCard key={gate.id} gate={gate} thresholds={runbook.thresholds} t0Ms={t0Ms} />
        ))}
        {thresholds.length > 0 && (
          <p className="threshold-list">
            {thresholds.map((t) => (
              <ThresholdChip key={t.id} threshold={t} />
            ))}
          </p>
        )}
        {levels.map((level) => (
          <LevelCard key={level.id} level={level} thresholds={runbook.thresholds} steps={runbook.steps} t0Ms={t0Ms} />
        ))}
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
        {runbook.roles.length > 0 && (
          <section className="panel" aria-label="Roles">
            <h3>Roles</h3>
            <ul className="roles">
              {runbook.roles.map((role) => (
                <li key={role.id}>
                  <strong>{role.name}</strong>
                  {role.responsibility && <span className="muted"> — {role.responsibility}</span>}
                </li>
              ))}
            </ul>
          </section>
        )}
        {runbook.sections.map((section) => (
          <section key={section.id} id={`sec-${section.id}`} className={`runbook-section depth-${Math.min(section.depth, 4)}`} aria-label={section.title}>
            <h3>
              {section.title}
              {section.startOffsetMs !== null && <PlannedTime start={section.startOffsetMs} end={section.endOffsetMs} t0Ms={t0Ms} />}
            </h3>
            {sectionBody(section)}
          </section>
        ))}
      </div>
    </div>
  );
}
