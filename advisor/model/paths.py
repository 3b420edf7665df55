"""Where Sanad keeps its files: platformdirs folders, or ADVISOR_HOME when set; and where its
own read-only resources are (the source tree, or the frozen app's folder)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Sanad"


def install_root() -> Path:
    """The folder holding `resources/` and `advisor/`: the frozen app's own folder (PyInstaller
    sets `sys._MEIPASS`), else the source tree. Never the current folder: a shortcut or a
    double-click starts Sanad anywhere."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parent.parent.parent


def _home() -> Path | None:
    home = os.environ.get("ADVISOR_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    # Roaming on Windows (%APPDATA%\Sanad): the installer's uninstaller knows that folder, and a
    # campus domain account keeps its data on whichever office PC it logs on to.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "sanad.db"


def demo_database() -> Path:
    return data_dir() / "sanad-demo.db"


def resources_root() -> Path:
    """`resources/` beside `advisor/` (the source tree, an editable install, always the frozen app),
    else where a plain `pip install .` put it: PREFIX/share/sanad/resources (pyproject's
    data-files)."""
    beside = install_root() / "resources"
    if getattr(sys, "_MEIPASS", None) or beside.is_dir():
        return beside
    return Path(sys.prefix) / "share" / "sanad" / "resources"


def resource(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def migrations() -> Path:
    return install_root() / "advisor" / "model" / "migrations"


def private_dir(folder: Path) -> Path:
    """Make `folder` (and missing parents) and keep it owner-only (0700): it holds student data."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        info = folder.stat()
        if os.name == "posix" and info.st_mode & 0o077 and info.st_uid == os.getuid():
            folder.chmod(0o700)
    except OSError:
        pass  # a folder we do not own stays as it is
    return folder
