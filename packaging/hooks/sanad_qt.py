"""Only the Qt pieces Sanad uses. The hook-PySide6.Qt*.py files beside this one take the place of
PyInstaller's own hooks for the Qt modules Sanad imports: the same collection, then only the
plugins below, and none of Qt's translations (the app speaks English only). Filtering here, in
the hooks, keeps the dropped plugins' own libraries (Wayland, EGL, GTK …) out of the analysis."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# As "type/name" (lib prefix and extension dropped): the window on X11 (xcb, with compose for
# typed accents) and on Windows; offscreen for tests and screenshots; printing (CUPS on Linux,
# built into Qt on Windows); the formats a letterhead logo or an icon comes in. Not Wayland,
# EGL, evdev, the GTK and portal themes (they talk D-Bus), TLS, network information, SQL
# drivers, QML tooling, the Windows styles (we draw Fusion).
KEEP_PLUGINS = (
    "platforms/qxcb",
    "platforms/qoffscreen",
    "platforms/qwindows",
    "platforminputcontexts/composeplatforminputcontextplugin",
    "printsupport/*",
    "imageformats/qjpeg",
    "imageformats/qico",
    "imageformats/qgif",
    "imageformats/qsvg",
    "iconengines/qsvgicon",
)


def plugin_key(source: str, dest_dir: str) -> str | None:
    """'platforms/qxcb' for a plugin, None for anything else."""
    parts = Path(dest_dir).parts
    if len(parts) < 2 or parts[-2] != "plugins":
        return None
    return f"{parts[-1]}/{Path(source).name.split('.')[0].removeprefix('lib')}".lower()


def wanted(source: str, dest_dir: str) -> bool:
    key = plugin_key(source, dest_dir)
    return key is None or any(fnmatch.fnmatch(key, pattern) for pattern in KEEP_PLUGINS)


def qt_dependencies(hook_file: str) -> tuple[list, list, list]:
    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    binaries = [(src, dest) for src, dest in binaries if wanted(src, dest)]
    datas = [(src, dest) for src, dest in datas if "translations" not in Path(dest).parts]
    return hiddenimports, binaries, datas
