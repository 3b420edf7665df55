"""File names made from data (roll numbers, references, degree codes) that work on every disk.

A roll number such as `2019/CS/123` or `..\\x:y` must not become a folder path, a Windows device
name (CON, NUL, …) or a name too long for the file system. Different texts could clean up to the
same name; callers that write several files into one folder make them unique with `unique_in`.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from advisor.model.errors import ValidationError

MAX_STEM = 120  # bytes; far below every file system's 255, room for a suffix and an extension
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)
}


def safe_stem(text: str) -> str:
    """`text` as the stem of a file name: letters, digits, '.', '_' and '-' only, not empty, not
    hidden, not a device name, at most MAX_STEM characters (a digest keeps long ones distinct)."""
    stem = _UNSAFE.sub("-", text).strip(".-_") or "file"
    if stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        stem = "_" + stem
    if len(stem) > MAX_STEM:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        stem = stem[: MAX_STEM - 11] + "-" + digest
    return stem


def safe_file_name(text: str, suffix: str) -> str:
    return safe_stem(text) + suffix


def unique_in(folder: Path, name: str, taken: set[str]) -> Path:
    """`folder / name`, or `name-2`, `name-3`, … when this run already wrote that name."""
    stem, dot, extension = name.rpartition(".")
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{extension}"
    taken.add(candidate.lower())
    return folder / candidate


def check_writable_folder(folder: Path) -> None:
    """Before anything is numbered: the folder exists (or is made) and takes a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".sanad-probe-{os.getpid()}-{'x' * MAX_STEM}.pdf"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ValidationError(
            f"Sanad cannot write files into {folder} ({exc.strerror or exc}); choose another "
            "folder. No letter was numbered."
        ) from exc
