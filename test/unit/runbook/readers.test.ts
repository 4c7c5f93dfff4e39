import { describe, expect, it } from 'vitest';
import { secretsOf } from '../../../shared/runbook/import/secrets';
import { parseThreshold } from '../../../shared/runbook/import/thresholds';
import { findClock, findDate, findDurationSuffix, findRelative, formatOffset, parseDuration, parseTOffset } from '../../../shared/runbook/import/times';
import { formatWindow } from '../../../shared/runbook/summary';

const MIN = 60_000;

describe('clock times as runbooks write them', () => {
  const clock = (text: string) => {
    const found = findClock(text);
    if (!found?.ok) return found;
    const hm = (r: typeof found.start | null) => (r && r.kind === 'clock' ? `${Math.floor(r.seconds / 3600)}:${String((r.seconds % 3600) / 60).padStart(2, '0')}${r.tzMinutes === null ? '' : ` tz${r.tzMinutes}`}` : null);
    return [hm(found.start), hm(found.end)];
  };

  it('reads 12-hour, 24-hour, zones and ranges that share AM/PM', () => {
    expect(clock('11:30 AM UTC')).toEqual(['11:30 tz0', null]);
    expect(clock('**Target**: 12:05 - 12:15 PM UTC')).toEqual(['12:05 tz0', '12:15 tz0']);
    expect(clock('12:30 PM UTC - 1:00 PM UTC')).toEqual(['12:30 tz0', '13:00 tz0']);
    expect(clock('11:30 - 12:15 PM')).toEqual(['11:30', '12:15']);
    expect(clock('14:30 UTC')).toEqual(['14:30 tz0', null]);
    expect(clock('2 PM CET')).toEqual(['14:00 tz60', null]);
    expect(clock('12:00 AM')).toEqual(['0:00', null]);
    expect(clock('09:15+02:00')).toEqual(['9:15 tz120', null]);
  });

  it('does not see times in ports, URLs, versions or step numbers', () => {
    expect(findClock('http://localhost:9001/health')).toBeNull();
    expect(findClock('Step 1: Deploy v1.0 on port 9000')).toBeNull();
    expect(findClock('14:30 on the dot')).toMatchObject({ ok: true, length: 5 });
  });

  it('says when something time-shaped is out of range', () => {
    expect(findClock('25:99')).toEqual({ ok: false, index: 0, length: 5 });
    expect(findClock('13:00 PM')).toMatchObject({ ok: false });
  });

  it('marks 1:00 without AM/PM as ambiguous, 09:00 as not', () => {
    expect(findClock('1:00')).toMatchObject({ start: { ambiguous: true } });
    expect(findClock('09:00')).toMatchObject({ start: { ambiguous: false } });
    expect(findClock('1:00 PM')).toMatchObject({ start: { ambiguous: false } });
  });
});

describe('T-relative times', () => {
  const rel = (text: string) => {
    const r = findRelative(text)?.value;
    return r ? [r.startMs / MIN, r.endMs === null ? null : r.endMs / MIN, r.form] : null;
  };

  it('reads T±N forms, ranges and units', () => {
    expect(rel('Phase 1: Preparation (T-30 minutes)')).toEqual([-30, null, 't']);
    expect(rel('Phase 2: Deployment (T+0 to T+30 min)')).toEqual([0, 30, 't']);
    expect(rel('T+15')).toEqual([15, null, 't']);
    expect(rel('T-MINUS 30 MINUTES')).toEqual([-30, null, 't']);
    expect(rel('T-72h')).toEqual([-72 * 60, null, 't']);
    expect(rel('T-1:30')).toEqual([-90, null, 't']);
    expect(rel('T-0: Cutover')).toEqual([0, null, 't']);
  });

  it('reads before / after phrases', () => {
    expect(rel('72 Hours Before Go-Live')).toEqual([-72 * 60, null, 'phrase']);
    expect(rel('Milestone: 48 Hours Post-Launch')).toEqual([48 * 60, null, 'phrase']);
    expect(rel('1 Week Post-Launch')).toEqual([7 * 24 * 60, null, 'phrase']);
    expect(rel('One hour before launch')).toEqual([-60, null, 'phrase']);
  });

  it('leaves ordinary words alone', () => {
    expect(rel('First 24 Hours')).toBeNull();
    expect(rel('T-shirt sizes')).toBeNull();
    expect(rel('Traffic Shaping with Feature Flags')).toBeNull();
  });

  it('reads durations and front-matter offsets', () => {
    expect(findDurationSuffix('Step 2: Deploy New Code (10 min)')?.value).toBe(10 * MIN);
    expect(findDurationSuffix('Drain (~1 hour)')?.value).toBe(60 * MIN);
    expect(parseDuration('1h30m')).toBe(90 * MIN);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10')).toBeNull();
    expect(parseTOffset('T-30m')).toBe(-30 * MIN);
    expect(parseTOffset('T+1h')).toBe(60 * MIN);
    expect(parseTOffset('T+0')).toBe(0);
  });

  it('reads dates in the usual spellings', () => {
    expect(findDate('October 21, 2025')).toEqual({ ok: true, date: '2025-10-21' });
    expect(findDate('Tuesday, Oct 21st 2025')).toEqual({ ok: true, date: '2025-10-21' });
    expect(findDate('21 October 2025')).toEqual({ ok: true, date: '2025-10-21' });
    expect(findDate('2025-10-21')).toEqual({ ok: true, date: '2025-10-21' });
    expect(findDate('February 30, 2025')).toEqual({ ok: false });
    expect(findDate('TBD')).toBeNull();
  });

  it('writes offsets in minutes, seconds only when there are some', () => {
    expect(formatOffset(5 * MIN)).toBe('T+5m');
    expect(formatOffset(-30 * MIN)).toBe('T-30m');
    expect(formatOffset(0)).toBe('T+0m');
    expect(formatOffset(5 * MIN + 30_000)).toBe('T+5m30s');
    expect(formatOffset(-72 * 60 * MIN)).toBe('T-4320m');
    expect(formatWindow({ startOffsetMs: 5 * MIN, endOffsetMs: 15 * MIN })).toBe('T+5m..T+15m');
    expect(formatWindow({ startOffsetMs: 30 * MIN, endOffsetMs: null })).toBe('T+30m');
    expect(formatWindow({ startOffsetMs: null, endOffsetMs: null })).toBeNull();
  });
});

describe('threshold phrases', () => {
  const t = (text: string) => {
    const p = parseThreshold(text);
    return p && [p.metric, p.metricKey, p.op, p.value, p.upper, p.unit, p.sustained, p.action];
  };

  it('reads comparisons with units, actions and "sustained"', () => {
    expect(t('Error rate > 5% → Immediate escalation')).toEqual(['Error rate', 'error_rate', '>', 5, null, '%', false, 'Immediate escalation']);
    expect(t('p95 latency < 500ms')).toEqual(['p95 latency', 'p95_latency', '<', 500, null, 'ms', false, null]);
    expect(t('Memory usage > 90% -> Escalation')).toEqual(['Memory usage', 'memory_usage', '>', 90, null, '%', false, 'Escalation']);
    expect(t('CPU usage > 85% sustained → Escalation')).toEqual(['CPU usage', 'cpu_usage', '>', 85, null, '%', true, 'Escalation']);
    expect(t('p95 ≤ 350ms')).toEqual(['p95', 'p95_latency', '<=', 350, null, 'ms', false, null]);
    expect(t('Error rate: ≥ 2.5 percent')).toEqual(['Error rate', 'error_rate', '>=', 2.5, null, '%', false, null]);
    expect(t('Queue depth above 1,000')).toEqual(['Queue depth', 'queue_depth', '>', 1000, null, 'count', false, null]);
    expect(parseThreshold('CPU usage > 85% sustained for 10 minutes')?.sustainedMs).toBe(10 * MIN);
  });

  it('reads ranges and (target: …) forms', () => {
    expect(t('p95 latency 500-1000ms')).toEqual(['p95 latency', 'p95_latency', 'between', 500, 1000, 'ms', false, null]);
    expect(t('Error rate 1-3%')).toEqual(['Error rate', 'error_rate', 'between', 1, 3, '%', false, null]);
    expect(t('- Error rate %: ⬚ (target: <1%)')).toEqual(['Error rate', 'error_rate', '<', 1, null, '%', false, null]);
    expect(t('- Total requests/sec: ⬚ (target: 100-500)')).toEqual(['Total requests/sec', 'request_rate', 'between', 100, 500, 'rps', false, null]);
    expect(t('- Redis memory MB: ⬚ (target: <500MB)')).toEqual(['Redis memory', 'redis_memory', '<', 500, null, 'MB', false, null]);
    expect(t('# - Error rate < 1%')).toEqual(['Error rate', 'error_rate', '<', 1, null, '%', false, null]);
  });

  it('finds none in ordinary sentences', () => {
    expect(parseThreshold('Isolated component failing')).toBeNull();
    expect(parseThreshold('Monitor for 10 minutes')).toBeNull();
    expect(parseThreshold('Step 3: v1.0 back online (30 seconds)')).toBeNull();
    expect(parseThreshold('See https://status.example.com/a > b 5')).toBeNull();
  });

  it('marks the unit as missing, or inferred for counts', () => {
    expect(parseThreshold('Error rate > 5')?.unit).toBeNull();
    expect(parseThreshold('Active DB connections < 100')).toMatchObject({ unit: 'count', unitInferred: true });
  });
});

describe('secrets: variables a script reads but never assigns', () => {
  it('finds $VAR and ${VAR}, in double quotes too', () => {
    expect(secretsOf('curl -H "Authorization: Bearer $ADMIN_TOKEN" -H "X: ${API_KEY}" https://x')).toEqual(['ADMIN_TOKEN', 'API_KEY']);
  });

  it('ignores assigned variables, command substitution, specials and ambient variables', () => {
    const script = [
      'LATENCY=$(curl -o /dev/null -s -w "%{time_total}" http://x)',
      'if (( $(echo "$LATENCY > 2" | bc -l) )); then echo "${LATENCY}s $1 $? $@ $# $$ $!"; fi',
      'echo "$HOME $PATH $USER $PWD $RANDOM"',
      'for host in a b; do echo "$host"; done',
      'read -r -p "Token: " TOKEN; echo "$TOKEN"',
      'export REGION=eu; echo "$REGION"',
      'local n=1; echo $n',
    ].join('\n');
    expect(secretsOf(script)).toEqual([]);
  });

  it('ignores single-quoted text, comments, escapes and defaults', () => {
    const script = [
      "awk '{print $2, $NF}' file",
      '# uses $NOT_A_SECRET in a comment',
      'echo "\\$LITERAL ${OPTIONAL:-fallback} ${ALSO-fallback}"',
      "echo $'tab\\t$NOPE'",
      'echo "${REQUIRED:?set REQUIRED}"',
    ].join('\n');
    expect(secretsOf(script)).toEqual(['REQUIRED']);
  });

  it('reads here-documents unless their delimiter is quoted', () => {
    expect(secretsOf(['cat <<EOF', 'token=$DEPLOY_TOKEN', 'EOF', "cat <<'RAW'", '$NOT_EXPANDED', 'RAW', 'echo $AFTER'].join('\n'))).toEqual(['AFTER', 'DEPLOY_TOKEN']);
  });
});
