"""One log file in the user log folder; people see messages, the file keeps the details."""

from __future__ import annotations

import logging
from pathlib import Path

from advisor.model import paths


def log_file() -> Path:
    return paths.log_dir() / "sanad.log"


MAX_BYTES = 2_000_000
KEEP = 3  # sanad.log.1 … sanad.log.3


def rotate(file: Path, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
    """At start, a log over `max_bytes` moves to .1 (and .1 to .2 …, the oldest dropped).
    Rotating once per start, instead of logging.handlers' per-record check, keeps the window's
    start free of that module (it imports socket, whose enums alone cost ~20 ms)."""
    if not file.exists() or file.stat().st_size <= max_bytes:
        return
    for n in range(keep - 1, 0, -1):
        older = file.with_name(f"{file.name}.{n}")
        if older.exists():
            older.replace(file.with_name(f"{file.name}.{n + 1}"))
    file.replace(file.with_name(f"{file.name}.1"))


def configure_logging() -> None:
    root = logging.getLogger()
    if any(getattr(h, "_sanad", False) for h in root.handlers):
        return
    try:
        paths.private_dir(log_file().parent)
        rotate(log_file())
        handler: logging.Handler = logging.FileHandler(log_file(), encoding="utf-8")
        log_file().chmod(0o600)  # a log made by an older Sanad was readable by everyone
    except OSError:
        handler = logging.NullHandler()  # an unwritable log folder must not stop the program
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._sanad = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
