#!/usr/bin/env bash
# Crash consistency under load: orders arrive at a steady rate through the gateway while parts are killed with SIGKILL
# one after the other (the PostgreSQL postmaster, the Kafka broker, then each saga participant), each once the one
# before is ready again; then it checks that nothing was lost: every accepted order finished, stock and money add up,
# no message is left unprocessed. The harness is io.emporium.system.CrashConsistency (tests/system), whose short run is
# CrashConsistencySystemTest in CI. Needs a running system (./emporium up -d). Writes docs/benchmarks.md (WRITE=0:
# print only); exits 1 when an invariant was broken.
#
#   bench/chaos.sh
#   RATE=10 SETTLE=30 FAULTS=postgres,kafka bench/chaos.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RATE=${RATE:-5}
WARMUP=${WARMUP:-20}
SETTLE=${SETTLE:-60}
DRAIN=${DRAIN:-240}
FAULTS=${FAULTS:-postgres,kafka,orders,inventory,payments,shipping,notifications}
WRITE=${WRITE:-1}
require_system

# the harness and its class path (JDBC driver, Kafka client) come from the system tests' module
run_system_harness chaos io.emporium.system.CrashConsistency \
  --rate "$RATE" --warmup "$WARMUP" --settle "$SETTLE" --drain "$DRAIN" --faults "$FAULTS"
out=$HARNESS_OUT
status=$HARNESS_STATUS

report="### Crash consistency under load ($(date -u +%Y-%m-%d))

Command: \`RATE=$RATE WARMUP=$WARMUP SETTLE=$SETTLE DRAIN=$DRAIN FAULTS=$FAULTS bench/chaos.sh\` ($(nproc) cores,
everything on this machine). $RATE orders/s (open loop, one client: the admin ordering for the run's customers, some
of them \`decline-\`, \`unshippable-\` and \`nocapture-\` ones so that compensations run too), each POST retried with
its Idempotency-Key (exponential backoff with jitter, Retry-After honoured) until it gets an answer, for at most
120 s. After $WARMUP s the first part gets SIGKILL; each next one $SETTLE s after the one before is ready again. Then
every order must finish within $DRAIN s. \"Lost or unfinished\": orders of the run not CONFIRMED or CANCELLED by then,
or a 201 for an order that does not exist. \"Double charges\": orders with two holds or two charges in the payment
provider's ledger. \"Money rules\": a CONFIRMED order whose payment is not CAPTURED, a CAPTURED payment of an order
that is not CONFIRMED, a CANCELLED order whose payment is still AUTHORIZED or CAPTURED. \"Stock drift\": per sku, units
that left the shelf without a confirmed order taking them (or the reverse), plus units still reserved. \"Unprocessed\":
outbox rows not sent and messages no consumer group has read (dead-letter topics aside; those are counted on
their own). \"Ready again\": from the SIGKILL until the supervisor has the part ready again; \"orders confirmed
again\": until the first order placed after the SIGKILL was confirmed.

$(echo "$out" | sed -n '/^| orders offered/,/^RESULT/p' | grep -v '^RESULT')"
if [ "$WRITE" = 1 ]; then
  write_section chaos "$report"
else
  echo "$report"
fi
exit $status
