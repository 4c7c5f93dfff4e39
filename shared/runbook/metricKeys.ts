// One normalised key per metric, so that "Error rate", "Error rate %" and "error rate:" in
// different parts of a runbook (targets, escalation criteria, decision levels) and a binding in
// front matter all refer to the same series.

const SYNONYMS: ReadonlyArray<readonly [RegExp, string]> = [
  // "p95" alone and "response time" are how many runbooks name latency percentiles.
  [/\bp\s*99\b.*\b(latency|response time)\b|\b(latency|response time)\b.*\bp\s*99\b|^p\s*99$/, 'p99_latency'],
  [/\bp\s*95\b.*\b(latency|response time)\b|\b(latency|response time)\b.*\bp\s*95\b|^p\s*95$/, 'p95_latency'],
  [/\bp\s*50\b.*\b(latency|response time)\b|\bmedian (latency|response time)\b|^p\s*50$/, 'p50_latency'],
  [/\berror[s]?\b(\s+rate)?|\bfailure rate\b/, 'error_rate'],
  [/\brequests?\s*(\/|per)\s*(sec|second|s)\b|\breq\/s\b|\brps\b|\bthroughput\b/, 'request_rate'],
  [/\b(db|database)\b.*\bconnections?\b/, 'db_connections'],
  [/\bredis\b.*\bmemory\b/, 'redis_memory'],
  [/\bcpu\b/, 'cpu_usage'],
  [/\bmemory\b/, 'memory_usage'],
  [/\bdisk\b/, 'disk_usage'],
];

/** Normalised key of a metric name as a runbook writes it ("p95 latency ms" → "p95_latency"). */
export function metricKeyOf(name: string): string {
  const plain = name
    .toLowerCase()
    .replace(/[*_`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, key] of SYNONYMS) if (pattern.test(plain)) return key;
  return (
    plain
      .replace(/\b(ms|%|mb|gb|percent|usage)\b/g, ' ')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'metric'
  );
}
