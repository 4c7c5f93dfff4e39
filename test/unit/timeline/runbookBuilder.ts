// A small builder of hand-made runbooks for the timeline tests: only the fields the timeline math
// reads are meaningful, the rest get plain defaults. Lines are assigned in call order, as a parser
// would in a document written top to bottom.

import { RUNBOOK_FORMAT_VERSION, type Gate, type Milestone, type Runbook, type Section, type Step } from '../../../shared/runbook/model';
import type { StepRun } from '../../../shared/timeline';

export const MIN = 60_000;
export const SEC = 1000;

export interface StepSpec {
  start?: number | null;
  end?: number | null;
  durationMin?: number | null;
  rollback?: boolean;
  sectionId?: string;
}

export class RunbookBuilder {
  private line = 1;
  private readonly runbook: Runbook = {
    formatVersion: RUNBOOK_FORMAT_VERSION,
    title: 'Test launch',
    sourceName: 'test.md',
    targetDate: null,
    t0: null,
    environment: 'production',
    prometheusUrl: null,
    sections: [],
    checklistItems: [],
    steps: [],
    milestones: [],
    gates: [],
    thresholds: [],
    decisionLevels: [],
    roles: [],
    secrets: [],
    references: [],
    hosts: [],
    metrics: [],
    diagnostics: [],
    lineCount: 0,
  };

  private nextLine(): number {
    return this.line++;
  }

  section(
    id: string,
    title: string,
    opts: { kind?: Section['kind']; startMin?: number | null; endMin?: number | null; parentId?: string | null; depth?: number } = {},
  ): this {
    const line = this.nextLine();
    this.runbook.sections.push({
      id,
      title,
      depth: opts.depth ?? 3,
      parentId: opts.parentId ?? null,
      kind: opts.kind ?? 'checklist',
      line,
      column: 1,
      endLine: line,
      startOffsetMs: opts.startMin == null ? null : opts.startMin * MIN,
      endOffsetMs: opts.endMin == null ? null : opts.endMin * MIN,
    });
    return this;
  }

  /** A phase section: kind `phase`, times in minutes from T0. */
  phase(id: string, title: string, startMin: number | null, endMin: number | null = null, parentId: string | null = null): this {
    return this.section(id, title, { kind: 'phase', startMin, endMin, parentId });
  }

  /** A step; `start`/`end` in minutes from T0. */
  step(id: string, title: string, spec: StepSpec = {}): this {
    const line = this.nextLine();
    const step: Step = {
      id,
      sectionId: spec.sectionId ?? 'none',
      title,
      heading: title,
      script: 'true',
      shell: 'bash',
      window: {
        startOffsetMs: spec.start == null ? null : spec.start * MIN,
        endOffsetMs: spec.end == null ? null : spec.end * MIN,
      },
      plannedDurationMs: spec.durationMin == null ? null : spec.durationMin * MIN,
      target: null,
      timeoutMs: null,
      confirm: false,
      rollback: spec.rollback ?? false,
      secrets: [],
      line,
      column: 1,
      endLine: line,
    };
    this.runbook.steps.push(step);
    return this;
  }

  milestone(id: string, text: string, offsetMin: number, source: Milestone['source'] = 'timeline-line', line = this.nextLine()): this {
    const m: Milestone = { id, sectionId: null, offsetMs: offsetMin * MIN, text, source, line, column: 1 };
    this.runbook.milestones.push(m);
    return this;
  }

  gate(id: string, title: string, offsetMin: number | null): this {
    const g: Gate = {
      id,
      sectionId: null,
      title,
      offsetMs: offsetMin == null ? null : offsetMin * MIN,
      thresholdIds: [],
      criteria: [],
      goText: null,
      noGoText: null,
      line: this.nextLine(),
      column: 1,
    };
    this.runbook.gates.push(g);
    return this;
  }

  build(): Runbook {
    return { ...structuredClone(this.runbook), lineCount: this.line - 1 };
  }
}

/** A finished run from `startMs` to `endMs`. */
export function doneRun(stepId: string, startMs: number, endMs: number, status: StepRun['status'] = 'succeeded'): StepRun {
  return { stepId, startedAtMs: startMs, endedAtMs: endMs, status };
}

export function runningRun(stepId: string, startMs: number): StepRun {
  return { stepId, startedAtMs: startMs, endedAtMs: null, status: 'running' };
}

/**
 * The seed's go-live schedule in miniature: phases T-30 / T+0 / T+30 / T+60…T+180, the four
 * deployment steps, milestones T-30…T+0 and two gates.
 */
export function goLiveRunbook(): Runbook {
  return new RunbookBuilder()
    .phase('p1', 'Phase 1: Preparation', -30)
    .milestone('m-30', 'War room opened', -30)
    .milestone('m-25', 'All team members present', -25)
    .milestone('m-20', 'Final verification complete', -20)
    .milestone('m-15', 'Ready for deployment', -15)
    .milestone('m-5', 'Team briefed on procedures', -5)
    .milestone('m0', 'DEPLOYMENT BEGINS', 0)
    .phase('p2', 'Phase 2: Deployment', 0, 30)
    .step('s1', 'Enable Maintenance Mode', { start: 0, end: 5, durationMin: 5 })
    .step('s2', 'Deploy New Code', { start: 5, end: 15, durationMin: 10 })
    .step('s3', 'Database Migrations', { start: 15, end: 20, durationMin: 5 })
    .step('s4', 'Health Check', { start: 20, end: 25, durationMin: 5 })
    .phase('p3', 'Phase 3: Gradual Rollout', 30, 60)
    .gate('g1', 'Go/No-Go 5% canary', 35)
    .gate('g2', 'Go/No-Go 25% canary', 45)
    .phase('p4', 'Phase 4: Monitoring', 60, 180)
    .step('rb2', 'Prepare rollback', { rollback: true, durationMin: 10 })
    .step('rb3', 'Emergency rollback', { rollback: true })
    .build();
}
