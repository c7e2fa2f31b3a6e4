#!/usr/bin/env bash
# Builds the jars and the plugin's .hpi twice from the same commit and fails unless they are byte-identical.
set -euo pipefail
shopt -s inherit_errexit   # a failed build inside $(build) fails the script, instead of comparing stale jars
cd "$(dirname "$0")/.."

build() {
  # -DskipTests, not -Dmaven.test.skip: web and cli need core's test jar, which the latter does not build.
  ./mvnw -B -q -ntp clean package -DskipTests >&2
  find . \( -path '*/target/*.jar' -o -path '*/target/*.hpi' \) -not -path './.mvn/*' -print0 | sort -z | xargs -0 sha256sum
}

first=$(build)
second=$(build)
if [[ "$first" != "$second" ]]; then
  echo "NOT reproducible: the two builds differ" >&2
  diff <(echo "$first") <(echo "$second") >&2 || true
  exit 1
fi
echo "reproducible: $(echo "$first" | wc -l) jar(s) and .hpi byte-identical across two builds"
echo "$first"
