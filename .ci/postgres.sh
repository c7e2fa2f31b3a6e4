#!/usr/bin/env bash
# Starts a real PostgreSQL for the ledger suite and prints the variables the tests read.
# Idempotent: installs Debian's postgresql only when absent, reuses a running cluster.
# PostgreSQL refuses to run as root, so the server runs as the postgres user, as Debian sets it up.
set -euo pipefail

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
