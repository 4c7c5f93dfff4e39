import { useMemo } from 'react';
import type { Runbook } from '../../../../shared/runbook/model';
import { validateTimeline } from '../../../../shared/timeline';

/** Times that do not fit, shown plainly rather than hidden. */
export function TimelineIssues({ runbook, t0Ms, nowMs, newLaunch }: { runbook: Runbook; t0Ms: number; nowMs: number; newLaunch: boolean }) {
  // Re-checked once a minute is plenty: the issues are about the plan, not the second hand.
  const minute = Math.floor(nowMs / 60_000);
  const issues = useMemo(() => validateTimeline(runbook, t0Ms, minute * 60_000, { newLaunch }), [runbook, t0Ms, minute, newLaunch]);
  if (issues.length === 0) return null;
  return (
    <details className="panel timeline-issues">
      <summary>
        {issues.length} timing {issues.length === 1 ? 'issue' : 'issues'} in the plan
      </summary>
      <ul aria-label="Timing issues">
        {issues.map((issue, i) => (
          <li key={i} className={issue.severity === 'error' ? 'error-text' : 'warn-text'}>
            {issue.message}
            {issue.line ? <span className="muted mono"> (line {issue.line})</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
