# Shared by the bench scripts (source it). Each benchmark owns one section of docs/benchmarks.md, between
# <!-- NAME:begin --> and <!-- NAME:end -->; writing a result replaces that section and leaves the others alone.

# write_section NAME TEXT: puts TEXT into section NAME of docs/benchmarks.md (appended the first time).
write_section() {
  local name=$1 text=$2 doc=docs/benchmarks.md
  [ -f "$doc" ] || printf '# Benchmarks\n\nEach section below was written by the bench script it names, with the exact command.\n' > "$doc"
  if grep -q "<!-- $name:begin -->" "$doc"; then
    awk -v block="$text" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
      $0 == begin { print; print block; skip = 1; next }
      $0 == end { skip = 0 }
      !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  else
    printf '\n<!-- %s:begin -->\n%s\n<!-- %s:end -->\n' "$name" "$text" "$name" >> "$doc"
  fi
  echo "bench: written to $doc" >&2
}

# require_no_rate_limit: a benchmark is one client (one address, one token) to the gateway, which limits each client
# (emporium.gateway.rate-limit: bursts of 100, 50 per second) and, before authentication, each address's requests
# without a token (rate-limit.unauthenticated: the same). Measured like that, it measures the limits. Stops with the
# command that starts the system with the limits out of the way.
require_no_rate_limit() {
  local codes
  codes=$(for _ in $(seq 150); do
            curl -s -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8080/api/catalog/categories
          done | sort | uniq -c)
  if echo "$codes" | grep -q ' 429$'; then
    cat >&2 <<'MSG'
bench: the gateway's rate limit answers 429; a benchmark would measure the limit, not the system.
Restart the system with the limit raised for the benchmark:
  ./emporium down
  EMPORIUM_GATEWAY_RATE_LIMIT_REPLENISH_RATE=1000000 EMPORIUM_GATEWAY_RATE_LIMIT_BURST_CAPACITY=1000000 \
  EMPORIUM_GATEWAY_RATE_LIMIT_UNAUTHENTICATED_REPLENISH_RATE=1000000 \
  EMPORIUM_GATEWAY_RATE_LIMIT_UNAUTHENTICATED_BURST_CAPACITY=1000000 ./emporium up -d
MSG
    exit 1
  fi
}

# require_system: stops unless the gateway answers (the benchmarks measure a running system: ./emporium up -d).
require_system() {
  curl -fsS -o /dev/null http://127.0.0.1:8080/api/catalog/products/1 \
    || { echo "bench: the gateway does not answer; start the system: ./emporium up -d" >&2; exit 1; }
}

# run_system_harness NAME CLASS [ARGS...]: runs CLASS, a harness of the system tests (tests/system: its test classes
# and their class path, JDBC driver and Kafka client included), against the running system. Its output goes to stderr
# as it comes and into HARNESS_OUT, its exit status into HARNESS_STATUS. Stops when it printed no RESULT line.
run_system_harness() {
  local name=$1 class=$2 classpath
  shift 2
  classpath=$PWD/tests/system/target/$name.classpath
  ./mvnw -q -B -pl tests/system test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$classpath" >&2
  set +e
  HARNESS_OUT=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -Demporium.home="$PWD" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "tests/system/target/test-classes:$(cat "$classpath")" \
    "$class" "$@" | tee /dev/stderr)
  HARNESS_STATUS=$?
  set -e
  echo "$HARNESS_OUT" | grep -q '^RESULT' || { echo "bench: the harness did not finish" >&2; exit 1; }
}
