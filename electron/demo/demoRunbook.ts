// The demo launch's runbook, generated for one demo run: shaped like a team's real go-live runbook
// (pre-launch checklists with sign-offs, phases with timed steps, canaries with GO / NO-GO gates,
// escalation thresholds, the three-level rollback decision tree, a roles table), but every step
// runs harmless commands on this computer, and every metric is read from the demo service.
//
// It is markdown with front matter, imported by the same importer as any runbook — so the demo
// shows what T-Minus makes of a real document, and the file can be read, edited and re-imported.
// Offsets are written as T±minutes so the launch moves with T0; T0 itself is in the front matter.
// The step scripts themselves are in demoStepScripts.ts.
import { DEMO_SERIES } from './demoService';
import { demoStepScripts, FENCE, shellQuote } from './demoStepScripts';

export { shellQuote };

export interface DemoRunbookOptions {
  /** T0 of the launch (ISO instant). */
  t0: string;
  /** Base URL of the demo service, e.g. `http://127.0.0.1:41234`. */
  serviceUrl: string;
  /** The demo data directory: the step that fails on purpose leaves its marker here. */
  dataDir: string;
  /** Poll interval and windows are short so the demo reacts within seconds. */
  windowSeconds?: number;
}

export const DEMO_RUNBOOK_FILE = 'demo-launch.md';
export const DEMO_RUNBOOK_TITLE = 'Storefront v2.0 — demo launch';
/** Name of the file the flaky step leaves in the data dir after its first (failing) run. */
export const FLAKY_MARKER_FILE = '.demo-smoke-test-ran';

export function buildDemoRunbook(options: DemoRunbookOptions): string {
  const url = options.serviceUrl.replace(/\/+$/, '');
  const window = `${options.windowSeconds ?? 10}s`;
  const marker = shellQuote(`${options.dataDir.replace(/\/+$/, '')}/${FLAKY_MARKER_FILE}`);

  const frontMatter = `---
title: ${DEMO_RUNBOOK_TITLE}
t0: ${options.t0}
environment: staging
targets:
  "*": local
metrics:
  Error rate:
    source: scrape
    query: ratio(${DEMO_SERIES.errors}, ${DEMO_SERIES.requests}[${window}])
    unit: "%"
    url: ${url}/metrics
  p95 latency:
    source: scrape
    query: quantile(0.95, ${DEMO_SERIES.latency}_bucket[${window}])
    unit: ms
    url: ${url}/metrics
  Total requests/sec:
    source: scrape
    query: rate(${DEMO_SERIES.requests}[${window}])
    unit: rps
    url: ${url}/metrics
  Service health:
    source: health
    query: ${url}/health
    unit: ms
    url: ${url}/health
steps:
  Build Release Artifacts:
    timeout: 5m
  Deploy New Code:
    timeout: 5m
---`;

  const { buildScript, maintenanceScript, deployScript, migrationScript, healthScript, canary5Script, smokeScript, canary25Script, fullRolloutScript, level1Script, level2Script, level3Script } = demoStepScripts({ url, marker });

  return `${frontMatter}

# ${DEMO_RUNBOOK_TITLE}

> **This is T-Minus's demo launch.** Every step runs a harmless command on this computer, and the
> metrics come from a small demo service T-Minus started for you. Use the chaos controls to make it
> misbehave and watch the thresholds, alerts and the rollback decision level react.

**Version**: 2.0
**Status**: Ready for the demo

---

## Pre-Launch Checklist

### Release Readiness

- [ ] **Security Review**
  - [ ] Dependencies scanned, no critical findings
  - [ ] Secrets rotated for v2.0
  - [ ] Rate limiting enabled on checkout
- [ ] **Infrastructure**
  - [ ] Green environment provisioned
  - [ ] Database backup verified (test restore)
  - [ ] Load balancer health checks configured
- [ ] **Monitoring & Alerting**
  - [ ] Error rate, latency and traffic bound to the demo service
  - [ ] Alert thresholds match this runbook
  - [ ] Escalation contacts updated

### Final Verification

- [ ] **Team Readiness**
  - [ ] War room open
  - [ ] Team present and accounted for
  - [ ] Rollback commands ready
- [ ] **Stakeholder Sign-Off**
  - [ ] Product manager approval
  - [ ] Engineering manager approval
  - [ ] Support team approval

---

## Go-Live Schedule

### Phase 1: Preparation (T-4 minutes)

- [ ] Incident Commander opens the war room
- [ ] Team joins and does roll call
- [ ] Metrics tab open, monitoring on

#### Build Release Artifacts (2 min)
${buildScript}

**Target**: T-3 to T-1

### Phase 2: Deployment (T+0 to T+5 min)

#### Step 1: Enable Maintenance Mode (1 min)
${maintenanceScript}

**Target**: T+0 to T+1

#### Step 2: Deploy New Code (2 min)
${deployScript}

**Target**: T+1 to T+3

#### Step 3: Database Migrations (1 min)
${migrationScript}

**Target**: T+3 to T+4

#### Step 4: Health Check (1 min)
${healthScript}

**Target**: T+4 to T+5

### Phase 3: Gradual Rollout (T+5 to T+10 min)

#### Canary: 5% of Traffic (T+5)
${canary5Script}

**Target**: T+5 to T+6

**Monitoring Points**:
- Error rate: \`${DEMO_SERIES.errors}\`
- Latency: \`${DEMO_SERIES.latency}\`
- Throughput: \`${DEMO_SERIES.requests}\`

**Go/No-Go Decision**: T+6
- **GO**: Proceed to 25% if metrics are green
- **NO-GO**: Roll back if issues are detected

#### Smoke Test the Canary (T+6)
${smokeScript}

**Target**: T+6 to T+7

#### Canary: 25% of Traffic (T+7)
${canary25Script}

**Target**: T+7 to T+8

**Go/No-Go Decision**: T+8
- **GO**: Proceed to full rollout
- **NO-GO**: Roll back to v1.9

#### Full Rollout: 100% of Traffic (T+9)
${fullRolloutScript}

**Target**: T+9 to T+10

### Phase 4: Monitoring (T+10 to T+20 min)

- [ ] Error rate checked every 2 minutes
- [ ] Latency checked every 2 minutes
- [ ] No new alerts for 10 minutes

**Escalation Criteria**:
- Error rate > 5% → Immediate escalation
- p95 latency > 1000ms sustained for 20 seconds → Escalation

---

## Health Monitoring

### Real-Time Dashboard

${FENCE}
Metrics:
- Total requests/sec: ⬚ (target: 10-100)
- Error rate %: ⬚ (target: <1%)
- p95 latency ms: ⬚ (target: <300ms)
${FENCE}

### Critical Alerts

**Automatic Actions**:
- Error rate > 10% → Page on-call engineer
- p95 latency > 2000ms → Page technical lead
- Service down → Page incident commander

---

## Rollback Decision Tree

### Level 1: Minor Issues (Don't Rollback)

**Symptoms**:
- Error rate 1-3%
- p95 latency 300-800ms
- Isolated component failing

**Action**:
- Disable the problematic feature flag
- Monitor for resolution
- Do NOT roll back

**Example**:
${level1Script}

### Level 2: Major Issues (Prepare Rollback)

**Symptoms**:
- Error rate 3-10%
- p95 latency > 800ms
- Core functionality degraded

**Action**:
- Engage the incident commander
- Record NO-GO at the next gate
- Roll back if no improvement in 10 minutes

**Rollback Command**:
${level2Script}

### Level 3: Critical Issues (Immediate Rollback)

**Symptoms**:
- Error rate > 10%
- Service completely down

**Action**:
- Incident commander declares an emergency
- Execute the rollback immediately
- Page all team members

**Rollback Procedure**:
${level3Script}

---

## Team Assignments

### War Room Roles

| Role | Name | Slack | Responsibility |
|------|------|-------|----------------|
| Incident Commander | Demo IC | @ic | Overall coordination |
| Technical Lead | Demo Lead | @tech-lead | Deployment & troubleshooting |
| Database Admin | Demo DBA | @dba | Database migration & verification |
| Monitoring Lead | Demo Watcher | @monitoring | Metrics & alerts |
| Communications | Demo Comms | @comms | Customer & team updates |

### Pre-Launch Responsibilities

**Technical Lead**:
- [ ] Release branch frozen
- [ ] Rollback procedure verified on staging

**Database Admin**:
- [ ] Migration 0042 rehearsed on a copy of production

---

## Post-Launch Activities

### First Hour

- [ ] Monitor metrics every 10 minutes
- [ ] Check logs for anomalies
- [ ] Incident commander signs off on stability
- [ ] Export the audit report for the retrospective
`;
}
