"""The import desk: look at a file, rehearse its import, then import it.

A dry run runs the very same service method as the real import, over a database whose every
transaction is rolled back: the summary it gives is exactly what the import would do, and it can
never disagree with the real thing because there is no second implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.model.database import Database
from advisor.model.errors import ValidationError
from advisor.model.importing.file_kind import (
    CATALOG,
    COURSERA,
    KIND_LABELS,
    POLICY,
    ROSTER,
    FilePreview,
    preview_file,
)
from advisor.model.rehearsal import RehearsalDatabase
from advisor.model.services.catalog_service import CatalogService
from advisor.model.services.policy_service import PolicyService
from advisor.model.services.progress_service import Progress, ProgressService, UnmatchedRow
from advisor.model.services.student_service import StudentService


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did (or, rehearsed, would do)."""

    kind: str
    label: str
    file_name: str
    summary: str
    unmatched: tuple[UnmatchedRow, ...]
    dry_run: bool


def describe(result: Any) -> str:
    text = getattr(result, "describe", None)
    return text() if callable(text) else str(result)


class ImportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def preview(self, path: Path) -> FilePreview:
        """The file's kind and first rows; raises ValidationError for a file Sanad cannot read."""
        return preview_file(path)

    def dry_run(self, path: Path, progress: Progress | None = None) -> ImportOutcome:
        return self._import(RehearsalDatabase(self._db), path, progress, dry_run=True)

    def import_file(self, path: Path, progress: Progress | None = None) -> ImportOutcome:
        return self._import(self._db, path, progress, dry_run=False)

    def _import(
        self, db: Any, path: Path, progress: Progress | None, *, dry_run: bool
    ) -> ImportOutcome:
        kind = preview_file(path).kind
        if progress is not None:
            progress(0, 0, f"Reading {path.name}…")
        if kind == ROSTER:
            result: Any = StudentService(db).import_roster(path)
        elif kind == POLICY:
            result = PolicyService(db).import_file(path)
        elif kind == CATALOG:
            result = CatalogService(db).import_bundle(path)
        elif kind == COURSERA:
            result = ProgressService(db).import_export(path, dry_run=dry_run, progress=progress)
        else:  # preview_file only names the kinds above
            raise ValidationError(f"{path.name}: unknown kind of file.")
        return ImportOutcome(
            kind,
            KIND_LABELS[kind],
            path.name,
            describe(result),
            tuple(getattr(result, "unmatched", ())),
            dry_run,
        )
