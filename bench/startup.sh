#!/usr/bin/env bash
# Start-up and footprint benchmark: time of `./emporium up -d` (AOT caches already trained) and the resident
# memory of every part once the system idles. Runs ROUNDS cold starts (each after a full `down`), reports the
# median, and writes the result to docs/benchmarks.md (WRITE=0 to only print).
#
#   bench/startup.sh            # 3 rounds, 30 s idle before reading memory
#   ROUNDS=5 IDLE=60 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-3}
IDLE=${IDLE:-30}
WRITE=${WRITE:-1}

./emporium down >/dev/null 2>&1 || true
if ! ls var/aot/*/app.aot >/dev/null 2>&1; then
  echo "bench: first start trains the AOT caches; not measured" >&2
  ./emporium up -d >/dev/null && ./emporium down >/dev/null
fi

times=()
for round in $(seq 1 "$ROUNDS"); do
  start=$(date +%s.%N)
  ./emporium up -d > /tmp/emporium-startup.out || { cat /tmp/emporium-startup.out >&2; exit 1; }
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc)
  ready=$(grep -o 'ready in [0-9.]*s' /tmp/emporium-startup.out | tail -1 | grep -o '[0-9.]*')
  echo "bench: round $round: up -d returned after ${wall}s (runner: ready in ${ready}s)" >&2
  times+=("$wall")
  if [ "$round" -lt "$ROUNDS" ]; then ./emporium down >/dev/null; fi
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')

echo "bench: idling ${IDLE}s before reading memory ..." >&2
sleep "$IDLE"
status=$(./emporium status)
memory=$(echo "$status" | awk 'NR > 2 && $1 != "" {printf "| %s | %s %s |\n", $1, $7, $8}')
java_version=$("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -1 || true)

report="### Start-up and memory ($(date -u +%Y-%m-%d))

Command: \`ROUNDS=$ROUNDS IDLE=$IDLE bench/startup.sh\` ($(nproc) cores; AOT caches trained beforehand).

\`./emporium up -d\` until everything is ready (infrastructure, registry, catalog, gateway), median of $ROUNDS cold
starts: **${median} s** (rounds: ${times[*]}).

Resident memory (RSS) after ${IDLE} s idle, from \`./emporium status\`:

| part | RSS |
|---|---:|
$memory"
echo "$report"
if [ "$WRITE" = 1 ]; then
  write_section startup "$report"
  echo "bench: the system is still running: ./emporium down" >&2
fi
