#!/usr/bin/env bash
# Set up if needed, then run the whole test suite (Qt offscreen, no network). The model and
# command-line tests run twice: on SQLite and on a throw-away PostgreSQL server started here.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check --quiet .            # lint (pyproject's [tool.ruff])
.venv/bin/ruff format --check --quiet .   # formatting
.venv/bin/mypy advisor                    # type check (pyproject's [tool.mypy])

# PostgreSQL from Debian's packages when missing (as root; CI is), in a temp folder on a free
# port, stopped on exit even when tests fail. Without it the server tests skip, visibly.
pg_dir=$(mktemp -d)
stop_server() {
  .venv/bin/python -m tests.pg_cluster stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_server EXIT
have_postgres() { command -v initdb >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
if ! have_postgres && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || true
fi
if ! have_postgres; then
  echo "SKIPPED: PostgreSQL server tests (PostgreSQL is not installed: sudo apt-get install -y postgresql)"
elif url=$(.venv/bin/python -m tests.pg_cluster start "$pg_dir"); then
  export SANAD_TEST_PG_URL=$url SANAD_TEST_PG_DATA=$pg_dir/data
else
  tail -n 5 "$pg_dir"/*.log 2>/dev/null || true
  echo "SKIPPED: PostgreSQL server tests (the throw-away cluster did not start: .venv/bin/python -m tests.pg_cluster start \$(mktemp -d))"
fi
.venv/bin/python -m pytest -q "$@"
