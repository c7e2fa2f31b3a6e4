#!/usr/bin/env bash
# Builds the benchmarks and runs them all, printing the table of docs/performance.md.
# Sized for a 2-core machine: about 10 minutes. PostgreSQL rows run when the tests' variables are set:
#   eval "$(bash .ci/postgres.sh)"; bash bench/run.sh
# BENCH_DIGEST_FILE: the 1 GiB file to hash (created once, then reused); BENCH_OUT: where logs and results go.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BENCH_OUT:-bench/target/results}
digest_file=${BENCH_DIGEST_FILE:-${TMPDIR:-/tmp}/release-ledger-bench-1GiB.bin}

./mvnw -q -B -ntp -pl bench -am package -DskipTests

if [[ ! -f "$digest_file" || $(stat -c %s "$digest_file") -ne 1073741824 ]]; then
  echo "[bench] writing a 1 GiB file of random bytes to $digest_file" >&2
  head -c 1073741824 /dev/urandom > "$digest_file.tmp"
  mv "$digest_file.tmp" "$digest_file"
fi

mkdir -p "$out"
java -Xmx1g -jar bench/target/benchmarks.jar "$digest_file" "$out"
echo
echo "JMH's own output: $out/jmh.log.*; this table: $out/results.md"
