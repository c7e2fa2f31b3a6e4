#!/usr/bin/env bash
# Starts a real PostgreSQL for the ledger suite and prints the variables the tests read:
#   eval "$(bash .ci/postgres.sh)"
# Idempotent: installs Debian's postgresql only when absent, reuses a running cluster.
# PostgreSQL refuses to run as root, so the server runs as the postgres user, as Debian sets it up.
# It needs root (apt-get, pg_ctlcluster, su): run by another user it re-runs itself with sudo. When it cannot
# do its work it says why on standard error and prints `false`, so that the caller's eval fails too instead
# of going on with nothing set (and the PostgreSQL suites quietly skipped).
set -euo pipefail

fail() {
  echo "postgres.sh: $*; the PostgreSQL suites will be skipped" >&2
  echo "false"
  exit 1
}
trap 'status=$?; if [[ $status -ne 0 && -z "${failed:-}" ]]; then echo "postgres.sh: a step failed (exit $status, line $LINENO); the PostgreSQL suites will be skipped" >&2; echo "false"; fi' EXIT

if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    failed=1 # sudo's run prints its own verdict
    exec sudo bash "$0" "$@"
  fi
  failed=1
  fail "it must run as root (it installs and starts Debian's PostgreSQL), and sudo is not installed; run it as root: su -c 'bash .ci/postgres.sh'"
fi
if ! command -v apt-get >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  failed=1
  fail "PostgreSQL is not installed and this is no Debian-like system (no apt-get); install PostgreSQL, then set RELEASE_LEDGER_TEST_PG_URL, _USER and _PASSWORD yourself"
fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port" >&2

# A throwaway test password, generated on this machine and kept in a root-only file so that runs
# sharing the server do not lock each other out; fed to psql on stdin (never argv), never committed.
secret_file=/var/lib/postgresql/.release-ledger-test-password
if [[ ! -s "$secret_file" ]]; then
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 > "$secret_file")
fi
password=$(cat "$secret_file")
if [[ "$(su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'ledger'\"")" != 1 ]]; then
  su postgres -c "psql -q -p $port" <<<"CREATE ROLE ledger LOGIN;" >&2
fi
su postgres -c "psql -q -p $port" <<<"ALTER ROLE ledger PASSWORD '$password';" >&2
if [[ "$(su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'ledger_test'\"")" != 1 ]]; then
  su postgres -c "psql -q -p $port" <<<"CREATE DATABASE ledger_test OWNER ledger;" >&2
fi

echo "export RELEASE_LEDGER_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/ledger_test"
echo "export RELEASE_LEDGER_TEST_PG_USER=ledger"
echo "export RELEASE_LEDGER_TEST_PG_PASSWORD=$password"
