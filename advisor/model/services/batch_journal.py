"""A batch's journal: beside the PDF a batch is writing, one line per letter, written before the
letter's number is committed. If the batch stops before its PDF is written (killed, power cut,
full disk), the journal names every letter it registered, so `letter batch --resume` prints them
as originals — once: the journal goes when their PDF is written."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO

from advisor.model.errors import ValidationError

SUFFIX = ".sanad-batch"


def journal_path(output: Path) -> Path:
    return output.with_name(f".{output.name}{SUFFIX}")


def output_of(journal: Path) -> Path:
    return journal.with_name(journal.name[1 : -len(SUFFIX)])


def stopped_batches(folder: Path) -> list[Path]:
    """The PDFs of batches in the folder that stopped before their file was written."""
    if not folder.is_dir():
        return []
    return sorted(output_of(j) for j in folder.glob(f".*{SUFFIX}"))


class Journal:
    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle

    def record(self, reference: str) -> None:
        """Called inside the letter's transaction, before its commit: a process killed after the
        commit still leaves the line (the OS has it); one killed before leaves a line that names
        no registered letter, which --resume passes over."""
        self._handle.write(reference + "\n")
        self._handle.flush()


@contextmanager
def open_journal(output: Path) -> Iterator[Journal]:
    path = journal_path(output)
    if path.exists():
        raise ValidationError(
            f"A batch into {output} stopped before its PDF was written: print its letters first "
            f"(letter batch --resume -o {output}, or Resume on the Letters screen)."
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(
            json.dumps({"output": str(output), "started": datetime.now().isoformat()}) + "\n"
        )
        handle.flush()
        yield Journal(handle)


def journal_references(output: Path) -> list[str]:
    path = journal_path(output)
    if not path.exists():
        raise ValidationError(
            f"No stopped batch writes to {output}: there is nothing to resume.",
            nothing_changed=True,
        )
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.strip() for line in lines if line.strip()]


def close_journal(output: Path) -> None:
    """The batch's PDF is written: its letters have been printed as originals."""
    journal_path(output).unlink(missing_ok=True)
