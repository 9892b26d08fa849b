#!/usr/bin/env bash
# Malformed-request fuzzing of every public endpoint (OWASP API Security Top 10 suite, issue 12): REQUESTS generated
# requests, each malformed on purpose, through the gateway, to identity and to each service's own port, from 32
# loopback addresses. It checks that none is answered with a 5xx, that nothing changed in any database, and that no
# password or client secret it sent reached a log. The harness is io.emporium.system.MalformedRequests (tests/system),
# run in CI by MalformedRequestFuzzSystemTest. Needs a running system (./emporium up -d). Writes docs/benchmarks.md
# (WRITE=0: print only); exits 1 when anything did not hold. SEED replays a run.
#
#   bench/fuzz.sh
#   REQUESTS=50000 SEED=42 bench/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
REQUESTS=${REQUESTS:-10000}
SEED=${SEED:-$(date +%s)}
WRITE=${WRITE:-1}
require_system

run_system_harness fuzz io.emporium.system.MalformedRequests --requests "$REQUESTS" --seed "$SEED"
out=$HARNESS_OUT
status=$HARNESS_STATUS

report="### Malformed requests against every public endpoint ($(date -u +%Y-%m-%d))

Command: \`REQUESTS=$REQUESTS SEED=$SEED bench/fuzz.sh\` ($(nproc) cores, everything on this machine, 8 client
threads, one connection per request). Each request is malformed on purpose: ids, skus and query values of the wrong
kind or size, encoded traversal and control characters, missing, truncated, forged or foreign tokens, order and
stock bodies with floats for integers, numbers out of range, duplicate keys, wrong types, deep nesting, invalid UTF-8,
wrong content types or no Idempotency-Key, and logins and token requests with made-up passwords and client secrets.
\"State changed\" compares row counts and stock sums in the orders, inventory, payments, shipping, notifications and
identity databases before and after. \"Secrets in logs\": log files in which a password or client secret of the run
appears.

$(echo "$out" | sed -n '/^| endpoint/,/^RESULT/p' | grep -v '^RESULT')"
if [ "$WRITE" = 1 ]; then
  write_section fuzz "$report"
else
  echo "$report"
fi
exit $status
