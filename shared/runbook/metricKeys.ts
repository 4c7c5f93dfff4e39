// One normalised key per metric, so that "Error rate", "Error rate %" and "error rate:" in
// different parts of a runbook (targets, escalation criteria, decision levels) and a binding in
// front matter all refer to the same series — and only those: "Auth Error Rate", "Checkout error
// rate" and "Error budget burn" are other series, and binding them to the service's error rate
// would show a launch as healthy or failing on the wrong number. A name reaches a shared key only
// when every word it has beyond the key's own is a generic one ("API", "overall", "total", "HTTP").

interface Synonym {
  pattern: RegExp;
  key: string;
  /** The words this key's names are made of ("p95", "latency", "response", "time"). */
  own: ReadonlySet<string>;
}

const words = (list: string) => new Set(list.split(' '));
const LATENCY = 'p latency latencies response responses time times';

const SYNONYMS: readonly Synonym[] = [
  // "p95" alone and "response time" are how many runbooks name latency percentiles.
  { pattern: /\bp\s*99\b.*\b(latency|response time)\b|\b(latency|response time)\b.*\bp\s*99\b|^p\s*99$/, key: 'p99_latency', own: words(`p99 99 ${LATENCY}`) },
  { pattern: /\bp\s*95\b.*\b(latency|response time)\b|\b(latency|response time)\b.*\bp\s*95\b|^p\s*95$/, key: 'p95_latency', own: words(`p95 95 ${LATENCY}`) },
  { pattern: /\bp\s*50\b.*\b(latency|response time)\b|\bmedian (latency|response time)\b|^p\s*50$/, key: 'p50_latency', own: words(`p50 50 median ${LATENCY}`) },
  { pattern: /\berror[s]?\b(\s+rate)?|\bfailure rate\b/, key: 'error_rate', own: words('error errors rate rates failure failures') },
  { pattern: /\brequests?\s*(\/|per)\s*(sec|second|s)\b|\breq\/s\b|\brps\b|\bthroughput\b/, key: 'request_rate', own: words('request requests req per sec second seconds s rps throughput rate') },
  { pattern: /\b(db|database)\b.*\bconnections?\b/, key: 'db_connections', own: words('db database connection connections pool') },
  { pattern: /\bredis\b.*\bmemory\b/, key: 'redis_memory', own: words('redis memory') },
  { pattern: /\bcpu\b/, key: 'cpu_usage', own: words('cpu') },
  { pattern: /\bmemory\b/, key: 'memory_usage', own: words('memory mem ram') },
  { pattern: /\bdisk\b/, key: 'disk_usage', own: words('disk space') },
];

/** Words that say where or how a series is read, not which series it is. */
const GENERIC = words(
  'the of a an api apis service services overall total active app application http https 5xx 4xx average avg mean global current ' +
    'server servers system host hosts node nodes production prod level value values percent percentage usage utilization utilisation ' +
    'saturation used ms s sec secs mb gb % count all cluster',
);

/** "Error rate during failover", "Verify: error rate" → "error rate": where and why are not the series. */
function withoutContext(plain: string): string {
  return plain
    .replace(/^(?:verify|check|confirm|monitor|ensure|watch)\b\s*:?\s*/, '')
    .replace(/\s+\b(?:during|after|before|while|since|at|for|over|in|on|from)\b.*$/, '')
    .trim();
}

function slugOf(plain: string): string {
  return (
    plain
      .replace(/\b(ms|%|mb|gb|percent|usage)\b/g, ' ')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'metric'
  );
}

export interface MetricKeyOptions {
  /**
   * `loose`: any name that mentions a known series gets its key, whatever else it says. For a
   * Prometheus series name read next to a label ("http_request_duration_seconds_p95"), whose extra
   * words describe the exporter, not another series.
   */
  loose?: boolean;
}

/** Normalised key of a metric name as a runbook writes it ("p95 latency ms" → "p95_latency"; "Auth Error Rate" → "auth_error_rate"). */
export function metricKeyOf(name: string, options: MetricKeyOptions = {}): string {
  const plain = name
    .toLowerCase()
    .replace(/[*_`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const core = withoutContext(plain) || plain;
  for (const synonym of SYNONYMS) {
    if (!synonym.pattern.test(core)) continue;
    if (options.loose) return synonym.key;
    const extra = core.split(/[^a-z0-9%]+/).filter((w) => w && !synonym.own.has(w) && !GENERIC.has(w));
    return extra.length === 0 ? synonym.key : slugOf(core);
  }
  return slugOf(core);
}
