#!/usr/bin/env bash
# Times the command-line tool on a ledger of 1,000,000 releases: history, status and show against the JVM's own
# start (release-ledger --version), whole processes, with farm-bench (docs/performance.md, "The command-line tool").
#   bash bench/cli.sh                      # the launcher as users run it (class-data sharing, JVM options)
#   BENCH_CLI_JAR=/path/release-ledger.jar bash bench/cli.sh   # a plain `java -jar` of another build (a baseline)
# BENCH_CLI_LEDGER: where the seeded ledger is kept between runs (default: $TMPDIR/release-ledger-cli-1m).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
ledger=${BENCH_CLI_LEDGER:-${TMPDIR:-/tmp}/release-ledger-cli-1m}
runs=${BENCH_CLI_RUNS:-11}

./mvnw -q -B -ntp -pl cli,bench -am package -DskipTests
if [[ ! -f "$ledger/ledger.mv.db" ]]; then
  echo "[bench] seeding $ledger with 1,000,000 releases (a few minutes, once)" >&2
  java -Xmx1g -cp bench/target/benchmarks.jar io.releaseledger.bench.CliLedger "$ledger" >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# What an incident responder's folder holds: the environments' policies, the ledger elsewhere (--home).
printf 'environments:\n  staging: {}\n  production:\n    requires: [staging]\n    approval: {required: 1, approvers: [group:release-managers]}\n' \
  > "$work/release-ledger.yaml"
cd "$work"

if [[ -n "${BENCH_CLI_JAR:-}" ]]; then
  tool=(java -jar "$BENCH_CLI_JAR")
else
  tool=("$root/release-ledger")
  # The launcher archives the classes in the background after a build: wait for it, as a second run would.
  "${tool[@]}" --version >/dev/null
  for _ in $(seq 1 120); do
    [[ -f "$root/cli/target/release-ledger.jsa" && ! -d "$root/cli/target/release-ledger.jsa.lock" ]] && break
    sleep 1
  done
fi
# The newest release of production: a one-release page's nextBefore is its id.
newest=$("${tool[@]}" history production --home "$ledger" --limit 1 --json | sed -E 's/.*"nextBefore":([0-9]+).*/\1/')
echo "| command | median wall s | --version median wall s | ratio (median of pairs) | cpu ratio |"
echo "| --- | ---: | ---: | ---: | ---: |"
for command in "history production" "status" "show $newest"; do
  # shellcheck disable=SC2086 # the command's words are meant to split
  out=$(farm-bench -n "$runs" --timeout 600 --vs "${tool[*]} --version" -- "${tool[@]}" $command --home "$ledger" 2>&1)
  a=$(awk '/^A wall s/ {print $5}' <<<"$out")
  b=$(awk '/^B wall s/ {print $5}' <<<"$out")
  r=$(awk '/^A\/B wall/ {print $4}' <<<"$out")
  c=$(awk '/^A\/B cpu/ {print $4}' <<<"$out")
  echo "| $command | $a | $b | $r | $c |"
done
echo
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
