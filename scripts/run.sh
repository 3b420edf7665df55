#!/usr/bin/env bash
# Set up if needed, then open Sanad (on the demo database unless --db or ADVISOR_DB says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  exec xvfb-run -a .venv/bin/python main.py gui --demo "$@"   # no screen: a virtual one
fi
exec .venv/bin/python main.py gui --demo "$@"
