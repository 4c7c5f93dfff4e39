// Decision-tree conditions in words bound to a health check, on the seed runbook as imported:
// "Service completely down" (Level 3) is suggested for the health check and, bound, holds while
// the check fails and clears while it passes — it is never a silent pass when the check is unknown.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { healthCheckBindings, MetricsConfigSchema } from '../../../shared/metrics/bindings';
import { applyConditionBindings, manualConditions, suggestConditionBindings } from '../../../shared/metrics/conditionBindings';
import { evaluateDecisionTree } from '../../../shared/metrics/decisionTree';
import { evaluateThresholds } from '../../../shared/metrics/thresholds';
import { importMarkdown } from '../../../shared/runbook/importMarkdown';
import { input, inputs, T0 } from './inputs';

const seed = importMarkdown(readFileSync(fileURLToPath(new URL('../../fixtures/runbooks/seed.md', import.meta.url)), 'utf8'), 'GO_LIVE_PROCEDURES.md');
const health = healthCheckBindings({ healthChecks: [{ name: 'API health', url: 'http://api.test/api/health' }] });

describe('conditions answered by a health check', () => {
  it('suggests the seed\'s "Service completely down" (Level 3) for the health check, and nothing that is not an outage', () => {
    expect(manualConditions(seed.decisionLevels).map((c) => c.text)).toEqual(expect.arrayContaining(['Service completely down', 'Data corruption detected']));
    const suggestions = suggestConditionBindings(seed.decisionLevels, health);
    expect(suggestions.map((s) => s.binding.condition)).toEqual(['Service completely down']);
    expect(suggestions[0]!.binding.metricKey).toBe('health_api_health');
    expect(suggestConditionBindings(seed.decisionLevels, [])).toEqual([]);
  });

  it('bound, the condition puts the launch at Level 3 while the check fails and not while it passes', () => {
    const [suggestion] = suggestConditionBindings(seed.decisionLevels, health);
    const model = applyConditionBindings(seed, [suggestion!.binding], health);
    const levelOf = (availability: number) => {
      const verdicts = evaluateThresholds(model.thresholds, inputs(input('health_api_health_up', availability, { unit: '%' })), T0);
      return evaluateDecisionTree(model.decisionLevels, verdicts, T0);
    };
    const down = levelOf(0);
    expect(down.level).toBe(3);
    expect(down.why.map((c) => c.text)).toEqual(['Service completely down']);
    expect(down.why[0]!.verdict!.reason).toContain('API health up 0%');
    expect(levelOf(100).level).toBe(0);
    // The seed's other numbers are unbound here, so level 0 is not certain — but it is not level 3.
    expect(levelOf(100).why).toEqual([]);
  });

  it('an unbound condition stays for the IC to judge; a binding to a check the session lacks is refused', () => {
    const model = applyConditionBindings(seed, [], health);
    const level3 = model.decisionLevels.find((l) => l.level === 3)!;
    expect(level3.conditions.find((c) => c.text === 'Service completely down')!.thresholdId).toBeNull();
    const refused = MetricsConfigSchema.safeParse({ conditions: [{ levelId: level3.id, condition: 'Service completely down', metricKey: 'health_api' }] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('"health_api" is not a health check of this session');
  });
});
