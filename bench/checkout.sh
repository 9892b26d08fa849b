#!/usr/bin/env bash
# Checkout benchmark: orders placed through the gateway at increasing concurrency; confirmed orders/s and the time
# from POST to CONFIRMED. Needs a running system (./emporium up -d). Writes docs/benchmarks.md (WRITE=0: print only).
# The admin places every order (on behalf of the bench's customers; token from ./emporium token), so the whole load
# is ONE client to the gateway: the script stops unless the per-client rate limit is raised (require_no_rate_limit).
#
#   bench/checkout.sh                         # open loop at 10,20,40,60 orders/s, then closed loop at 16 clients
#   RATES=20,30 LEVELS=8,32 DURATION=30 bench/checkout.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RATES=${RATES:-10,20,40,60}
LEVELS=${LEVELS:-16}
DURATION=${DURATION:-20}
WRITE=${WRITE:-1}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
require_system
require_no_rate_limit

# JIT warm-up; the run waits until every warm-up order has finished, so none of them is still in the saga after it
echo "bench: warming up (30 s at 30 orders/s, not reported) ..." >&2
"$JAVA" bench/Checkout.java --rates 30 --duration 30 >/dev/null
out=$("$JAVA" bench/Checkout.java --rates "$RATES" --levels "$LEVELS" --duration "$DURATION" | tee /dev/stderr \
  | grep '^RESULT')

table=$(echo "$out" | awk '
  function val(k,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } }
  BEGIN {
    print "| load | placed | confirmed | cancelled | unfinished | confirmed orders/s | POST to CONFIRMED p50 | p99 | POST p50 | POST p99 |"
    print "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  }
  { load = val("rate") != "" ? val("rate") " orders/s offered (open loop)" : val("concurrency") " clients (closed loop)"
    printf "| %s | %s | %s | %s | %s | %s | %s ms | %s ms | %s ms | %s ms |\n", load, val("placed"),
      val("confirmed"), val("cancelled"), val("unfinished"), val("confirmed_per_s"), val("confirm_p50_ms"),
      val("confirm_p99_ms"), val("post_p50_ms"), val("post_p99_ms") }')
report="### Checkout: orders through the saga ($(date -u +%Y-%m-%d))

Command: \`RATES=$RATES LEVELS=$LEVELS DURATION=$DURATION bench/checkout.sh\` ($(nproc) cores, everything on this machine: the
load generator, the gateway, eight service JVMs, Kafka, PostgreSQL, Zipkin). One sku per order, at random among
1,000; each level runs $DURATION s, then waits for every order to finish. Open loop: orders arrive at a fixed
rate whatever the answers, so the latency is what a customer would see at that rate. Closed loop: each client
places its next order when its last POST returned, which finds the most the system confirms per second; orders
then queue up inside the saga, so its latency mostly measures that queue. Target: >= 150 confirmed orders/s with
p99 <= 1 s from POST to CONFIRMED.

$table"
echo "$report"
[ "$WRITE" = 1 ] && write_section checkout "$report"
