// Readable cards for what the importer understood: steps, gates, thresholds, decision levels.
import type { DecisionLevel, Gate, Milestone, Step, Threshold } from '../../../../shared/runbook/model';
import { formatOffsetLabel, formatWindowLabel } from '../../../../shared/timeline';
import { CodeBlock } from './CodeBlock';
import { SourceLink } from './SourceLink';

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** `T+5m..T+15m · 12:05–12:15 UTC` for the session's T0. */
export function PlannedTime({ start, end, t0Ms }: { start: number | null; end: number | null; t0Ms: number }) {
  if (start === null && end === null) return <span className="muted">no planned time</span>;
  const utc = [start, end].map((offset) => (offset === null ? '?' : hhmm(t0Ms + offset))).join('–');
  return (
    <span className="planned-time">
      <span className="mono offset">{end === null ? formatOffsetLabel(start!) : formatWindowLabel(start, end)}</span>{' '}
      <span className="mono">{end === null ? hhmm(t0Ms + start!) : utc} UTC</span>
    </span>
  );
}

export function thresholdText(t: Threshold): string {
  const unit = t.unit ?? '';
  const value = t.op === 'between' ? `${t.value}–${t.upper}${unit}` : `${t.op} ${t.value}${unit}`;
  return `${t.metric} ${value}${t.sustained ? ' sustained' : ''}`;
}

/** Marks an element the IC corrected, with what the correction changed. */
export function CorrectedTag({ description }: { description: string | undefined }) {
  if (!description) return null;
  return (
    <span className="tag tag-corrected" title={description}>
      corrected: {description}
    </span>
  );
}

export function ThresholdChip({ threshold, sourceName, corrected }: { threshold: Threshold; sourceName?: string; corrected?: string }) {
  return (
    <span className="threshold-entry">
      <span className={`threshold-chip threshold-${threshold.meaning}`} title={`line ${threshold.line}: ${threshold.text}`}>
        {thresholdText(threshold)}
        <span className="threshold-context"> · {threshold.context.replace('-', ' ')}</span>
        {threshold.confidence === 'suggested' && <span className="threshold-context"> · suggested</span>}
      </span>
      {sourceName && <SourceLink sourceName={sourceName} line={threshold.line} />}
      <CorrectedTag description={corrected} />
    </span>
  );
}

export function StepCard({ step, t0Ms, sourceName, corrected }: { step: Step; t0Ms: number; sourceName: string; corrected?: string }) {
  const target = step.target
    ? step.target.local
      ? 'local workstation'
      : [...step.target.groups.map((g) => `group ${g}`), ...step.target.hosts].join(', ')
    : null;
  return (
    <article
      id={`step-${step.id}`}
      className={`card step-card${step.rollback ? ' is-rollback' : ''}`}
      aria-label={`Step: ${step.title}`}
      data-line-start={step.line}
      data-line-end={step.endLine}
    >
      <header>
        <h4>{step.title}</h4>
        {step.rollback && <span className="tag tag-rollback">rollback</span>}
        <PlannedTime start={step.window.startOffsetMs} end={step.window.endOffsetMs} t0Ms={t0Ms} />
        {step.plannedDurationMs !== null && <span className="muted">{Math.round(step.plannedDurationMs / 60_000)} min</span>}
        <CorrectedTag description={corrected} />
      </header>
      <p className="step-meta">
        {target ? <>Runs on {target}</> : <span className="warn-text">No target hosts yet (front matter `targets`)</span>}
        {step.secrets.length > 0 && (
          <>
            {' '}
            · needs <span className="mono">{step.secrets.join(', ')}</span>
          </>
        )}
        {' · '}
        <SourceLink sourceName={sourceName} line={step.line} />
      </p>
      <CodeBlock code={step.script} label={`Script of ${step.title}`} />
    </article>
  );
}

export function GateCard({ gate, thresholds, t0Ms, sourceName, corrected }: { gate: Gate; thresholds: Threshold[]; t0Ms: number; sourceName: string; corrected?: string }) {
  const criteria = thresholds.filter((t) => gate.thresholdIds.includes(t.id));
  return (
    <article className="card gate-card" aria-label={`Gate: ${gate.title}`}>
      <header>
        <h4>◆ {gate.title}</h4>
        <PlannedTime start={gate.offsetMs} end={null} t0Ms={t0Ms} />
        <SourceLink sourceName={sourceName} line={gate.line} />
        <CorrectedTag description={corrected} />
      </header>
      {gate.approvers && gate.approvers.length > 0 && <p>Approvers: {gate.approvers.join(', ')}</p>}
      {criteria.length > 0 && (
        <p>
          Criteria:{' '}
          {criteria.map((t) => (
            <ThresholdChip key={t.id} threshold={t} sourceName={sourceName} />
          ))}
        </p>
      )}
      {gate.goText && <p className="go-text">GO: {gate.goText}</p>}
      {gate.noGoText && <p className="nogo-text">NO-GO: {gate.noGoText}</p>}
    </article>
  );
}

export function LevelCard({
  level,
  thresholds,
  steps,
  t0Ms,
  sourceName,
}: {
  level: DecisionLevel;
  thresholds: Threshold[];
  steps: Step[];
  t0Ms: number;
  sourceName: string;
}) {
  const byId = new Map(thresholds.map((t) => [t.id, t]));
  return (
    <article className={`card level-card level-${level.level}`} aria-label={`Level ${level.level}: ${level.title}`}>
      <header>
        <h4>
          Level {level.level}: {level.title}
        </h4>
        <span className="level-verdict">— {level.verdict}</span>
        <SourceLink sourceName={sourceName} line={level.line} />
      </header>
      <div className="level-columns">
        <div>
          <h5>When</h5>
          <ul>
            {level.conditions.map((c, i) => (
              <li key={i}>{c.thresholdId && byId.get(c.thresholdId) ? <ThresholdChip threshold={byId.get(c.thresholdId)!} sourceName={sourceName} /> : c.text}</li>
            ))}
          </ul>
        </div>
        <div>
          <h5>Do</h5>
          <ol>
            {level.actions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
        </div>
      </div>
      {steps
        .filter((step) => level.stepIds.includes(step.id))
        .map((step) => (
          <StepCard key={step.id} step={step} t0Ms={t0Ms} sourceName={sourceName} />
        ))}
    </article>
  );
}

export function MilestoneList({ milestones, t0Ms, sourceName }: { milestones: Milestone[]; t0Ms: number; sourceName: string }) {
  return (
    <ul className="milestones">
      {milestones.map((m) => (
        <li key={m.id}>
          <PlannedTime start={m.offsetMs} end={null} t0Ms={t0Ms} /> {m.text} <SourceLink sourceName={sourceName} line={m.line} />
        </li>
      ))}
    </ul>
  );
}
