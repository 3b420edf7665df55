#!/usr/bin/env bash
# Set up if needed, then run the whole test suite (Qt offscreen, no network).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check --quiet .            # lint (pyproject's [tool.ruff])
.venv/bin/ruff format --check --quiet .   # formatting
.venv/bin/mypy advisor                    # type check (pyproject's [tool.mypy])
exec .venv/bin/python -m pytest -q "$@"
