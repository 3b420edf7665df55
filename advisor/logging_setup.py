"""One log file in the user log folder; people see messages, the file keeps the details."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from advisor.model import paths


def log_file() -> Path:
    return paths.log_dir() / "sanad.log"


def configure_logging() -> None:
    root = logging.getLogger()
    if any(getattr(h, "_sanad", False) for h in root.handlers):
        return
    try:
        log_file().parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()  # an unwritable log folder must not stop the program
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._sanad = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
