#!/usr/bin/env bash
# Smoke test of the frozen app (Linux, and Windows under Git Bash):  scripts/smoke_bundle.sh DIST
# DIST is PyInstaller's output folder (dist/Sanad). It is copied to a folder whose path has a
# space, run from another folder with no Python and no source tree on any path, on a fresh data
# folder: the command line (help, init --demo, audit --all, letter batch to a PDF qpdf accepts,
# its signatures and a scan of its QR code verified), the database at the migrations' head, and
# the window's screenshot tour under offscreen Qt.
# On Linux every run is traced (strace): any socket, or any file opened in the source tree (its
# .venv included), fails the test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=$(cd "$1" && pwd)
exe=""
case "$(uname -s)" in MINGW* | MSYS* | CYGWIN*) exe=.exe ;; esac

work=$(mktemp -d)
finish() {
  local status=$?
  if [ "$status" != 0 ]; then
    echo "smoke: FAILED; the last run's output and the app's log:" >&2
    tail -n 20 "$out" >&2
    tail -n 40 "$work/home dir/logs/sanad.log" >&2 || true
  fi
  rm -rf "$work"
}
trap finish EXIT
app="$work/Program Files/Sanad app"
mkdir -p "$work/Program Files" "$work/elsewhere" "$work/out dir"
cp -a "$dist" "$app"
cd "$work/elsewhere"                       # never the app's folder, never the source tree
export ADVISOR_HOME="$work/home dir" QT_QPA_PLATFORM=offscreen
unset ADVISOR_DB PYTHONPATH PYTHONHOME VIRTUAL_ENV
# A login session names its user; without these (CI) getpass asks glibc, which tries nscd's socket.
export USER="${USER:-clerk}" LOGNAME="${LOGNAME:-${USER:-clerk}}"
PATH=$(tr ':' '\n' <<<"$PATH" | grep -v -F "$root" | paste -sd: -)  # the build's .venv is gone

tracing=false
if [ -z "$exe" ] && command -v strace >/dev/null; then tracing=true; fi
runs=0
out=/dev/null
run() {  # run PROGRAM ARGS…: the frozen program, traced where strace is; its output in $out
  local program="$app/$1$exe"
  shift
  runs=$((runs + 1))
  out="$work/out.$runs"
  if $tracing; then
    strace -f -qq -o "$work/trace.$runs" -e trace=socket,connect,%file "$program" "$@" >"$out" 2>&1
  else
    "$program" "$@" >"$out" 2>&1
  fi
}
step() { echo "smoke: $*"; }

step "sanad-cli --help"
run sanad-cli --help
grep -q "letter" "$out"

step "sanad-cli init --demo"
run sanad-cli init --demo
grep -q "Demo accounts (password 'demo')" "$out"
export ADVISOR_USER=admin ADVISOR_PASSWORD=demo   # every later command acts as the demo admin

step "sanad-cli audit --all"
run sanad-cli audit --all
test "$(grep -c eligible "$out")" -ge 5

step "sanad-cli letter batch -o 'out dir/letters.pdf' (signed with the demo key)"
export ADVISOR_KEY_PASSPHRASE=demo   # the demo institution key's passphrase
run sanad-cli letter batch -o "$work/out dir/letters.pdf"
qpdf --check "$work/out dir/letters.pdf" >/dev/null

step "sanad-cli letter verify --pdf (the PDF signatures), --image (a scan's QR code)"
run sanad-cli letter verify --pdf "$work/out dir/letters.pdf"
grep -q "PDF signature: intact" "$out"
if command -v pdftoppm >/dev/null; then
  pdftoppm -png -r 150 -f 1 -l 1 -singlefile "$work/out dir/letters.pdf" "$work/out dir/scan"
  run sanad-cli letter verify --image "$work/out dir/scan.png"
  grep -q "^VALID" "$out"
fi

step "the database is at the migrations' head"
head=$(grep -h -E '^(revision|down_revision)' "$app"/_internal/advisor/model/migrations/versions/*.py |
  sed -E 's/.*= *//; s/[^0-9A-Za-z_]//g' | sort | uniq -u | grep -v -x None || true)
[ "$(wc -w <<<"$head")" = 1 ]
run sanad-cli init   # on the existing database: it names its schema
grep -q "is up to date (schema $head)" "$out"

step "Sanad --demo --screenshot (offscreen)"
run Sanad --demo --screenshot "$work/shots dir"
shots=$(find "$work/shots dir" -name '*.png' | wc -l)
[ "$shots" -ge 5 ] || { echo "smoke: only $shots screenshots" >&2; exit 1; }

if $tracing; then
  step "no socket, no file of the source tree ($runs traced runs)"
  grep -q -F "\"$app/" "$work/trace.$runs" || { echo "smoke: the trace saw nothing" >&2; exit 1; }
  if grep -h -E '^[0-9]+ +(socket|connect)\(' "$work"/trace.*; then
    echo "smoke: the frozen app opened a socket (above)" >&2
    exit 1
  fi
  if grep -h -F "\"$root/" "$work"/trace.*; then
    echo "smoke: the frozen app looked into the source tree (above)" >&2
    exit 1
  fi
else
  step "no strace here: sockets and source-tree reads not checked"
fi
echo "smoke: passed ($shots screenshots)"
