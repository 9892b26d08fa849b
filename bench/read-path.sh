#!/usr/bin/env bash
# Read-path benchmark: the catalog's GET by id and paged list, directly on the catalog and through the gateway,
# same load, interleaved rounds in ONE run (this machine is shared and noisy: only side-by-side ratios count).
# Needs a running system (./emporium up -d) and wrk (installed from Debian's packages if missing and root).
#
#   bench/read-path.sh                      # 32 connections, 3 rounds of 10 s per case
#   CONNECTIONS=64 DURATION=20s ROUNDS=5 bench/read-path.sh
#   WRITE=0 bench/read-path.sh              # print only, do not update docs/benchmarks.md
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10s}
WRITE=${WRITE:-1}
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
CATALOG=${CATALOG:-http://127.0.0.1:8081}
export BENCH_LUA_DIR="$PWD/bench/wrk"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
  else
    echo "bench: wrk is needed (Debian/Ubuntu: sudo apt install wrk; macOS: brew install wrk)" >&2; exit 1
  fi
fi
for url in "$GATEWAY/api/catalog/products/1" "$CATALOG/api/catalog/products/1"; do
  curl -fsS -o /dev/null "$url" || { echo "bench: $url does not answer; start the system: ./emporium up -d" >&2; exit 1; }
done
require_no_rate_limit

results=$(mktemp)
trap 'rm -f "$results"' EXIT

run() { # case target url script duration
  local line
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$5" --timeout 5s -s "bench/wrk/$4.lua" "$3" | grep '^RESULT') \
    || { echo "bench: wrk failed for $1 $2" >&2; exit 1; }
  echo "$1 $2 $line" >> "$results"
  echo "  $1 via $2: $line" >&2
}

echo "bench: warming up ($WARMUP per target) ..." >&2
for target in direct gateway; do
  base=$CATALOG; [ $target = gateway ] && base=$GATEWAY
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/wrk/product-by-id.lua "$base" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/wrk/product-page.lua "$base" >/dev/null
done
: > "$results"
for round in $(seq 1 "$ROUNDS"); do
  echo "bench: round $round/$ROUNDS" >&2
  for case in product-by-id product-page; do
    for target in direct gateway; do
      base=$CATALOG; [ $target = gateway ] && base=$GATEWAY
      run "$case" "$target" "$base" "$case" "$DURATION"
    done
  done
done

# The same comparison with ONE connection: the latency the hop adds when the machine is not saturated
# (at 32 connections on 2 cores, p50 is mostly queueing: roughly connections / throughput).
single=""
for round in $(seq 1 "$ROUNDS"); do
  for target in direct gateway; do
    base=$CATALOG; [ $target = gateway ] && base=$GATEWAY
    line=$(wrk -t1 -c1 -d"$DURATION" -s bench/wrk/product-by-id.lua "$base" | grep '^RESULT')
    echo "  product-by-id via $target, 1 connection: $line" >&2
    single="$single$target $(echo "$line" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/')
"
  done
done
unloaded=$(printf '%s' "$single" | awk '
  { v[$1] = v[$1] " " $2 }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    d = median(v["direct"]); g = median(v["gateway"])
    print "| product-by-id, 1 connection | direct p50 ms | gateway p50 ms | added by the gateway |"
    print "|---|---:|---:|---:|"
    printf "| median of the rounds | %.2f | %.2f | %+.2f ms |\n", d, g, g - d
  }')

# Median of each metric per case and target, then the gateway/direct comparison.
table=$(awk '
  function val(k,   i, kv) { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) return kv[2] } }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    key = $1 SUBSEP $2; cases[$1] = 1
    rps[key] = rps[key] " " val("rps"); p50[key] = p50[key] " " val("p50_ms"); p99[key] = p99[key] " " val("p99_ms")
    err[key] += val("errors_connect") + val("errors_read") + val("errors_write") + val("errors_timeout") + val("non2xx")
  }
  END {
    print "| endpoint | target | requests/s | p50 ms | p99 ms | errors |"
    print "|---|---|---:|---:|---:|---:|"
    for (c in cases) for (t = 0; t < 2; t++) {
      tg = t ? "gateway" : "direct"; k = c SUBSEP tg
      r[k] = median(rps[k]); m[k] = median(p50[k])
      printf "| %s | %s | %.0f | %.2f | %.2f | %d |\n", c, tg, r[k], m[k], median(p99[k]), err[k]
    }
    print ""
    print "| endpoint | gateway throughput / direct | gateway p50 added (ms) | gateway errors |"
    print "|---|---:|---:|---:|"
    for (c in cases) {
      d = c SUBSEP "direct"; g = c SUBSEP "gateway"
      printf "| %s | %.0f%% | %+.2f | %d |\n", c, 100 * r[g] / r[d], m[g] - m[d], err[g]
    }
  }' "$results")

report="### Read path: gateway vs. direct ($(date -u +%Y-%m-%d))

Command: \`CONNECTIONS=$CONNECTIONS THREADS=$THREADS DURATION=$DURATION ROUNDS=$ROUNDS bench/read-path.sh\`
(wrk, $CONNECTIONS connections, $THREADS threads, $ROUNDS interleaved rounds of $DURATION per case after a
$WARMUP warm-up; medians over the rounds; errors summed). Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo),
load generator on the same machine as the system.

$table

Unloaded latency, one connection, same rounds:

$unloaded"
echo "$report"
if [ "$WRITE" = 1 ]; then
  write_section read-path "$report"
fi
