// Decision-tree conditions the runbook gives in words ("Service completely down"), each answerable
// by one of the session's health checks, with the suggestion for the ones that read like an outage.
import type { ConditionBinding } from '../../../../shared/metrics/bindings';
import { manualConditions, suggestConditionBindings } from '../../../../shared/metrics/conditionBindings';
import type { DecisionLevel, MetricBinding } from '../../../../shared/runbook/model';

export interface ConditionBindingsTableProps {
  decisionLevels: readonly DecisionLevel[];
  healthChecks: readonly MetricBinding[];
  value: readonly ConditionBinding[];
  readOnly: boolean;
  onChange: (value: ConditionBinding[]) => void;
}

export function ConditionBindingsTable({ decisionLevels, healthChecks, value, readOnly, onChange }: ConditionBindingsTableProps) {
  const conditions = manualConditions(decisionLevels);
  if (conditions.length === 0) return null;
  const suggestions = suggestConditionBindings(decisionLevels, healthChecks);
  const boundTo = (levelId: string, text: string) => value.find((c) => c.levelId === levelId && c.condition === text)?.metricKey ?? '';
  const bind = (levelId: string, text: string, metricKey: string) =>
    onChange([...value.filter((c) => !(c.levelId === levelId && c.condition === text)), ...(metricKey ? [{ levelId, condition: text, metricKey }] : [])]);

  return (
    <fieldset>
      <legend>Decision-tree conditions answered by a health check</legend>
      <p className="help">
        A condition bound to a health check holds while the check fails (connection refused, timeout, any status outside 2xx): it pages and sets its level like a measured
        threshold. Unbound conditions stay for the IC to judge.
      </p>
      {healthChecks.length === 0 && <p className="muted">Add a health check above to bind conditions such as “Service completely down”.</p>}
      <table className="bindings-table" aria-label="Decision-tree conditions">
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Condition</th>
            <th scope="col">Answered by</th>
          </tr>
        </thead>
        <tbody>
          {conditions.map((condition) => {
            const current = boundTo(condition.levelId, condition.text);
            const suggestion = suggestions.find((s) => s.binding.levelId === condition.levelId && s.binding.condition === condition.text);
            const suggestedCheck = suggestion && healthChecks.find((h) => h.metricKey === suggestion.binding.metricKey);
            return (
              <tr key={`${condition.levelId}|${condition.text}`}>
                <td>Level {condition.level}</td>
                <td>{condition.text}</td>
                <td>
                  <select
                    aria-label={`Level ${condition.level}: ${condition.text} — answered by`}
                    value={current}
                    disabled={readOnly || healthChecks.length === 0}
                    onChange={(e) => bind(condition.levelId, condition.text, e.target.value)}
                  >
                    <option value="">the IC judges</option>
                    {healthChecks.map((check) => (
                      <option key={check.metricKey} value={check.metricKey}>
                        health check {check.name} fails
                      </option>
                    ))}
                  </select>
                  {suggestedCheck && current !== suggestedCheck.metricKey && !readOnly && (
                    <button type="button" className="small" title={suggestion.evidence} onClick={() => bind(condition.levelId, condition.text, suggestedCheck.metricKey)}>
                      Use suggestion: {suggestedCheck.name}
                    </button>
                  )}
                  {suggestedCheck && current === suggestedCheck.metricKey && <span className="muted small"> suggested</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
