"""The `imports` table: every file imported, with its checksum, so a clerk can tell what came in."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.change_log import record_change
from advisor.model.errors import ValidationError
from advisor.model.importing.special_files import refuse_special_file
from advisor.model.schema import ImportRecord


@dataclass(frozen=True)
class ImportEntry:
    kind: str
    file_name: str
    sha256: str
    summary: str
    imported_at: datetime


def file_sha256(path: Path) -> str:
    refuse_special_file(path)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return digest.hexdigest()


def record_import(session: Session, kind: str, path: Path, sha256: str, summary: str) -> None:
    """The file in the imports table and its event in the change log, in the import's own
    transaction (summaries hold counts, never a row's personal data)."""
    session.add(ImportRecord(kind=kind, file_name=path.name, sha256=sha256, summary=summary))
    record_change(session, f"import.{kind}", path.name, summary=summary)


def import_history(session: Session) -> list[ImportEntry]:
    return [
        ImportEntry(r.kind, r.file_name, r.sha256, r.summary, r.created_at)
        for r in session.scalars(select(ImportRecord).order_by(ImportRecord.id))
    ]
