#!/usr/bin/env bash
# Recovery benchmark: a steady read load through the gateway (GET /api/catalog/products/{id}) while a catalog
# instance is killed with SIGKILL. Two runs:
#   1. two catalog instances, catalog#2 killed: how many requests failed, and how long until latency was normal again;
#   2. one catalog instance, killed: how long from the kill until the catalog answered again (the supervisor
#      restarts it; discovery and the gateway's health checks bring it back into rotation).
# Needs a running system (./emporium up -d) with the gateway's per-client rate limit raised (one client here).
# Writes docs/benchmarks.md (WRITE=0: print only).
#
#   bench/recovery.sh
#   RATE=200 DURATION=60 KILL_AT=15 bench/recovery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RATE=${RATE:-100}
DURATION=${DURATION:-40}
KILL_AT=${KILL_AT:-10}
WRITE=${WRITE:-1}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
require_system
require_no_rate_limit

pid_of() { ./emporium status | awk -v part="$1" '$1 == part { print $2 }'; }

run() { # run INSTANCES VICTIM: scale the catalog, warm up, kill VICTIM under load; prints the RESULT line
  ./emporium scale "catalog=$1" >&2
  echo "bench: warming up (15 s, not reported) ..." >&2
  "$JAVA" bench/Recovery.java --rate "$RATE" --duration 15 --kill-at 15 >&2
  local pid
  pid=$(pid_of "$2")
  [ -n "$pid" ] || { echo "bench: no running $2" >&2; exit 1; }
  "$JAVA" bench/Recovery.java --rate "$RATE" --duration "$DURATION" --kill-at "$KILL_AT" --kill-pid "$pid" \
    | tee /dev/stderr | grep '^RESULT'
}

two=$(run 2 'catalog#2')
# wait until the killed instance is back, so that the single-instance run starts from a healthy system
for _ in $(seq 60); do ./emporium status | grep -q '^catalog#2 .*UP' && break; sleep 2; done
one=$(run 1 'catalog#1')

row() {
  echo "$2" | awk -v label="$1" '
    function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } }
    { printf "| %s | %s | %s | %s ms | %s ms | %s | %s |\n", label, val("requests"), val("errors"),
        val("baseline_p50_ms"), val("baseline_p99_ms"),
        val("serving_again_ms") == "0" ? "never stopped" : val("serving_again_ms") " ms",
        val("normal_again_ms") == "never" ? "not within the run" : val("normal_again_ms") " ms" }'
}
report="### Recovery: an instance killed under load ($(date -u +%Y-%m-%d))

Command: \`RATE=$RATE DURATION=$DURATION KILL_AT=$KILL_AT bench/recovery.sh\` ($(nproc) cores, everything on this
machine). $RATE GET requests/s (open loop) on random products through the gateway; after $KILL_AT s one catalog
instance gets SIGKILL (what \`./emporium kill\` sends). An error is any answer but 200, or none within 10 s.
\"Serving again\": from the kill to the first request after the last failed one. \"Normal again\": from the kill to
the start of the first 1 s window from which on every window's p99 is at most max(2 x the p99 before the kill,
that p99 + 20 ms).

| catalog instances | requests | errors | p50 before | p99 before | serving again | latency normal again |
|---|---:|---:|---:|---:|---:|---:|
$(row "2, catalog#2 killed" "$two")
$(row "1, catalog#1 killed" "$one")"
./emporium scale catalog=1 >&2
echo "$report"
[ "$WRITE" = 1 ] && write_section recovery "$report"
