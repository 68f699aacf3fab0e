#!/usr/bin/env bash
# The PostgreSQL tests start a throwaway cluster of their own (tests/helpers/pg-cluster.ts): they
# need the server binaries (initdb, pg_ctl, postgres), not a running server. Install Debian's
# PostgreSQL server when no initdb is found.
set -euo pipefail

have_initdb() {
  if [ -n "${SHEBAO_PG_BIN:-}" ] && [ -x "$SHEBAO_PG_BIN/initdb" ]; then return 0; fi
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && return 0
  command -v initdb >/dev/null 2>&1
}

if have_initdb; then exit 0; fi

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "No PostgreSQL server binaries (initdb) and no apt-get: install the PostgreSQL server, or set SHEBAO_PG_BIN to the folder holding initdb and pg_ctl." >&2
  exit 1
fi

echo "Installing Debian's PostgreSQL server for the database tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
have_initdb || { echo "postgresql installed, but no initdb under /usr/lib/postgresql/*/bin." >&2; exit 1; }
exit 0
