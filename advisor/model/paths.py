"""Where Sanad keeps its files: platformdirs folders, or ADVISOR_HOME when set."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Sanad"
RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def _home() -> Path | None:
    home = os.environ.get("ADVISOR_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    return data_dir() / "sanad.db"


def demo_database() -> Path:
    return data_dir() / "sanad-demo.db"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
