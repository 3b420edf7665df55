#!/usr/bin/env bash
# Build the frozen app (packaging/sanad.spec: one folder, Sanad + sanad-cli), smoke-test it
# (scripts/smoke_bundle.sh), print its size and compressed size against the budget, and check or
# build the Windows installer (packaging/windows/sanad.nsi). Linux (CI) and Windows (Git Bash on
# GitHub's windows-2022 runner, .github/workflows/windows-installer.yml) run this same script.
# Output in build/bundle/: dist/Sanad/ (the folder); on Linux Sanad-VERSION-linux-x86_64.tar.xz,
# on Windows Sanad-VERSION-setup.exe and SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=build/bundle
budget_mb=250 budget_xz_mb=90
started=$SECONDS

case "$(uname -s)" in
  MINGW* | MSYS* | CYGWIN*)
    windows=true
    [ -x .venv/Scripts/python ] || python -m venv .venv
    python=.venv/Scripts/python
    "$python" -m pip install -q -e ".[bundle,server]"
    ;;
  *)
    windows=false
    bash scripts/setup.sh   # installs the bundle extra (PyInstaller, pinned) and nsis, strace
    python=.venv/bin/python
    ;;
esac
version=$("$python" -c 'from importlib.metadata import version; print(version("sanad-advisor"))')

echo "bundle: building with PyInstaller $("$python" -m PyInstaller --version)"
rm -rf "$out/dist"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" packaging/sanad.spec
built=$SECONDS

bash scripts/smoke_bundle.sh "$out/dist/Sanad"
smoked=$SECONDS

size_mb=$(du -sm "$out/dist/Sanad" | cut -f1)
echo "bundle: folder $size_mb MB (budget $budget_mb MB)"
[ "$size_mb" -lt "$budget_mb" ] || { echo "bundle: over the size budget" >&2; exit 1; }

native() { if $windows; then cygpath -w "$1"; else printf '%s\n' "$1"; fi; }  # for makensis
nsis=(-V2 -WX -DVERSION="$version" -DROOT="$(native "$root")")
if $windows; then
  command -v makensis >/dev/null || PATH="$PATH:/c/Program Files (x86)/NSIS"
  installer="Sanad-$version-setup.exe"
  makensis "${nsis[@]}" -DDIST="$(native "$root/$out/dist/Sanad")" \
    -DOUTFILE="$(native "$root/$out/$installer")" packaging/windows/sanad.nsi
  (cd "$out" && sha256sum "$installer" >SHA256SUMS)
  echo "bundle: $installer $(du -m "$out/$installer" | cut -f1) MB; $out/SHA256SUMS written"
else
  archive="$out/Sanad-$version-linux-$(uname -m).tar.xz"
  XZ_OPT="-6 -T0" tar -C "$out/dist" -cJf "$archive" Sanad
  xz_mb=$(( ($(wc -c <"$archive") + 1048575) / 1048576 ))
  echo "bundle: $(basename "$archive") $xz_mb MB (budget $budget_xz_mb MB)"
  [ "$xz_mb" -lt "$budget_xz_mb" ] || { echo "bundle: over the size budget" >&2; exit 1; }
  # The installer script is checked against a stand-in folder: the real installer is built on
  # Windows, and packing the Linux programs into it would only make the check slower.
  stand_in=$(mktemp -d)
  mkdir -p "$stand_in/Sanad/_internal"
  touch "$stand_in/Sanad/Sanad.exe" "$stand_in/Sanad/sanad-cli.exe" "$stand_in/Sanad/_internal/x"
  makensis "${nsis[@]}" -DDIST="$stand_in/Sanad" -DOUTFILE="$stand_in/Sanad-$version-setup.exe" \
    packaging/windows/sanad.nsi
  rm -rf "$stand_in"
  echo "bundle: makensis accepts packaging/windows/sanad.nsi"
fi
echo "bundle: build $((built - started)) s, smoke test $((smoked - built)) s, all $((SECONDS - started)) s"
