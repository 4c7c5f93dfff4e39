// The demo launch's step scripts: harmless stand-ins that behave like a real launch's commands
// (a build printing progress, a migration printing rows, health checks and rollbacks curling the
// demo service, a smoke test that fails the first time). Each is a fenced bash block.

import { DEMO_SERIES } from './demoService';

export const FENCE = '```';

/** A string as one single-quoted shell word, whatever it contains. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function bash(script: string): string {
  return `${FENCE}bash\n${script.trim()}\n${FENCE}`;
}

export interface DemoScriptInputs {
  /** Base URL of the demo service, without a trailing slash. */
  url: string;
  /** The flaky step's marker file, shell-quoted. */
  marker: string;
}

export function demoStepScripts({ url, marker }: DemoScriptInputs) {
  // Steps that talk to the service stop at the first failed command, so a failed curl fails the step.
  const needCurl = 'set -euo pipefail\ncommand -v curl >/dev/null || { echo "curl is not installed on this computer" >&2; exit 127; }';

  const buildScript = bash(`
# A stand-in build: it prints progress like the real one for about 30 seconds and touches nothing.
echo "Building storefront v2.0 (demo build, nothing is compiled)"
while read -r pct stage; do
  printf '\\033[36m[%3s%%]\\033[0m %s\\n' "$pct" "$stage"
  sleep 2
done <<'STAGES'
4 resolving dependencies (1,284 packages)
11 compiling checkout service
19 compiling catalog service
26 compiling search service
33 bundling web assets (412 modules)
40 optimising images
47 running unit tests (3,912 passed)
55 running contract tests
62 building container image storefront:v2.0
70 scanning image for vulnerabilities (0 critical)
78 signing image
85 pushing image to the registry
92 generating SBOM
100 build complete
STAGES
echo "✔ storefront:v2.0 built at $(date -u +%H:%M:%SZ)"`);

  const maintenanceScript = bash(`
# Would set feature flag maintenance_mode=true and update the status page; here it only says so.
echo "Setting feature flag maintenance_mode=true (demo: printed, not sent)"
sleep 1
echo "Status page: MAINTENANCE — Upgrading to v2.0 (demo: printed, not sent)"
echo "✔ Maintenance mode enabled at $(date -u +%H:%M:%SZ)"`);

  const deployScript = bash(`
# Blue/green: start green with the new image, wait for it to answer, keep blue for rollback.
${needCurl}
echo "Pulling storefront:v2.0 onto green"
for layer in 1 2 3 4 5 6; do
  echo "  layer $layer/6 pulled"
  sleep 1
done
echo "Starting green (v2.0); blue (v1.9) keeps serving"
sleep 2
curl -fsS ${url}/health
echo "✔ New code deployed and verified at $(date -u +%H:%M:%SZ)"`);

  const migrationScript = bash(`
# Prints what a migration prints; no database is touched.
echo "Migration status:"
printf '  %-6s %-28s %s\\n' id name state 0041 add_cart_expiry applied 0042 split_orders_table pending
echo "Applying 0042_split_orders_table"
rows=0
for batch in 1 2 3 4 5 6 7 8; do
  rows=$((rows + 12500))
  printf '  copied %6d / 100000 rows (batch %d)\\n' "$rows" "$batch"
  sleep 0.5
done
echo "  rebuilt index orders_by_customer (0.8 s)"
echo "✔ Database migrations complete at $(date -u +%H:%M:%SZ)"`);

  const healthScript = bash(`
${needCurl}
# 1. Application health (fails while the service is down)
curl -fsS ${url}/health
# 2. Metrics endpoint answers
curl -fsS ${url}/metrics | grep '^${DEMO_SERIES.requests}'
echo "✔ All health checks passed at $(date -u +%H:%M:%SZ)"`);

  const canary5Script = bash(`
# Would enable feature flag canary_5_percent; here it only says so.
echo "Routing 5% of traffic to v2.0 (demo: printed, not sent)"
echo "Monitoring the 5% canary — watch the Metrics tab"
# Success Criteria:
# - Error rate < 1%
# - p95 latency < 300ms`);

  const smokeScript = bash(`
# The first run fails on purpose (a flaky dependency), the next one passes: try "Re-run".
MARKER=${marker}
echo "Smoke testing the canary"
echo "  GET  /health ........ ok"
sleep 1
echo "  GET  /catalog ....... ok (212 items)"
sleep 1
echo "  POST /cart .......... ok"
sleep 1
if [ ! -e "$MARKER" ]; then
  touch "$MARKER"
  echo "  POST /checkout ...... FAILED: HTTP 502 from the payments sandbox" >&2
  echo "Flaky dependency: run this step again (it passes on the second try)." >&2
  exit 1
fi
echo "  POST /checkout ...... ok"
echo "✔ Smoke tests passed at $(date -u +%H:%M:%SZ)"`);

  const canary25Script = bash(`
echo "Routing 25% of traffic to v2.0 (demo: printed, not sent)"
echo "Monitoring the 25% canary — watch the Metrics tab"`);

  const fullRolloutScript = bash(`
echo "Routing 100% of traffic to v2.0 (demo: printed, not sent)"
echo "Setting feature flag maintenance_mode=false (demo: printed, not sent)"
echo "Status page: OPERATIONAL — Upgrade complete (demo: printed, not sent)"
echo "✔ Full rollout complete at $(date -u +%H:%M:%SZ)"`);

  const level1Script = bash(`
# If the catalog is slow: disable the new ranking, fall back to v1 ranking.
echo "Would disable feature flag catalog_ranking_v2 (demo: printed, not sent)"
echo "Falls back to ranking v1; no rollback."`);

  const level2Script = bash(`
# Execute if the issue is not resolved in 10 minutes.
${needCurl}
echo "Rolling back to v1.9: would run ./scripts/rollback_to_v1.sh"
echo "Demo: switches the demo service back to normal, nothing else."
curl -fsS -X POST ${url}/rollback
curl -fsS ${url}/health
echo "Watch the Metrics tab: the level drops once the numbers are back within bounds for 30 s."`);

  const level3Script = bash(`
# EMERGENCY ROLLBACK — takes about 60-90 seconds in production.
${needCurl}
echo "1. Switching the load balancer to blue: would run ./scripts/emergency_failover_blue.sh"
echo "   Demo: switches the demo service back to normal, nothing else."
curl -fsS -X POST ${url}/rollback
echo "2. Verifying the old version answers"
curl -fsS ${url}/health
echo "3. Monitor for stability (5 minutes), then begin the post-incident review"`);

  return { buildScript, maintenanceScript, deployScript, migrationScript, healthScript, canary5Script, smokeScript, canary25Script, fullRolloutScript, level1Script, level2Script, level3Script };
}
