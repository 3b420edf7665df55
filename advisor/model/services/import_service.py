"""The import desk: look at a file, rehearse its import, then import it.

A dry run runs the very same service method as the real import, over a database whose every
transaction is rolled back: the summary it gives is exactly what the import would do, and it can
never disagree with the real thing because there is no second implementation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from advisor.model.errors import AdvisorError, ValidationError
from advisor.model.importing.coursera_kinds import (
    COURSE_REPORT,
    REPORT_LABELS,
    SPECIALIZATION_REPORT,
    report_kind,
)
from advisor.model.importing.file_kind import (
    CATALOG,
    COURSERA,
    KIND_LABELS,
    POLICY,
    PREVIEW_ROWS,
    ROSTER,
    FilePreview,
    is_json,
    preview_file,
)
from advisor.model.importing.import_log import file_sha256
from advisor.model.importing.parsed_export import ParsedExport, read_export
from advisor.model.importing.problem_report import write_problems_csv
from advisor.model.importing.tabular_reader import TableFile
from advisor.model.services.catalog_service import CatalogService
from advisor.model.services.policy_service import PolicyService
from advisor.model.services.progress_service import Progress, ProgressService, UnmatchedRow
from advisor.model.services.service_base import Service
from advisor.model.services.student_service import StudentService
from advisor.model.store.protocol import Store


@dataclass(frozen=True)
class PreparedFile:
    """A file read once by the desk (`prepare`): its preview, its SHA-256 and, for a Coursera
    course or Specialization export, its parsed rows — the dry run and the import reuse them,
    after re-hashing the file to check that it has not changed."""

    path: Path
    preview: FilePreview
    sha256: str
    export: ParsedExport | None = None


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did (or, rehearsed, would do)."""

    kind: str
    label: str
    file_name: str
    summary: str
    unmatched: tuple[UnmatchedRow, ...]
    dry_run: bool


def _rows_report(path: Path) -> str | None:
    """The Coursera report whose rows the desk keeps (course or Specialization), from the
    header alone; None for any other file (read as before)."""
    if not path.is_file() or is_json(path):
        return None
    with TableFile(path) as table:
        report = report_kind(table.header)
    return report if report in (COURSE_REPORT, SPECIALIZATION_REPORT) else None


@dataclass(frozen=True)
class ImportSummary:
    """What every importer answers, whatever the kind of file: the sentence saying what it did
    (or would do), the rows it could not place, and what it read other than as written."""

    text: str
    unmatched: tuple[UnmatchedRow, ...] = ()
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        return self.text + "".join(f"\nNote: {note}" for note in self.notes)


@dataclass(frozen=True)
class ImportRequest:
    """One file to import: the path, and what the desk already read of it."""

    path: Path
    progress: Progress | None = None
    export: ParsedExport | None = None  # a Coursera export's rows, read by `prepare`
    sha256: str | None = None  # the file's hash when `export` was read
    replace_institution: bool = False  # a policy of another institution replaces the one set up


Importer = Callable[[Store, ImportRequest], ImportSummary]


def standard_importers(
    students: StudentService,
    policy: PolicyService,
    catalog: CatalogService,
    progress: ProgressService,
) -> dict[str, Importer]:
    """Each kind of file to the service action that imports it, run over the store given (the
    real one, or a rehearsal for a dry run)."""

    def roster(store: Store, request: ImportRequest) -> ImportSummary:
        return ImportSummary(students.over(store).import_roster(request.path).describe())

    def policy_file(store: Store, request: ImportRequest) -> ImportSummary:
        result = policy.over(store).import_file(
            request.path, replace_institution=request.replace_institution
        )
        return ImportSummary(result.describe())

    def bundle(store: Store, request: ImportRequest) -> ImportSummary:
        return ImportSummary(catalog.over(store).import_bundle(request.path).describe())

    def coursera(store: Store, request: ImportRequest) -> ImportSummary:
        result = progress.over(store).import_export(
            request.path,
            progress=request.progress,
            parsed=request.export,
            sha256=request.sha256,
        )
        return ImportSummary(result.describe(), result.unmatched, result.notes)

    return {ROSTER: roster, POLICY: policy_file, CATALOG: bundle, COURSERA: coursera}


class ImportService(Service):
    def __init__(self, db: Store, importers: Mapping[str, Importer]) -> None:
        super().__init__(db)
        self._importers = dict(importers)

    def preview(self, path: Path) -> FilePreview:
        """The file's kind and first rows; raises ValidationError for a file Sanad cannot read."""
        return preview_file(path)

    def prepare(self, path: Path, progress: Progress | None = None) -> PreparedFile:
        """Read the file once for the desk: kind, preview, SHA-256, and a Coursera course or
        Specialization export's parsed rows. Raises ValidationError for a file Sanad cannot
        read. Pass the result to `dry_run` and `import_file` instead of the path."""
        report = _rows_report(path)
        sha = file_sha256(path)
        if report is None:
            return PreparedFile(path, preview_file(path), sha)
        export = read_export(path, PREVIEW_ROWS, progress)
        preview = FilePreview(
            COURSERA,
            REPORT_LABELS[report],
            f"{export.total_rows} row(s) under a header of {len(export.header)} column(s)",
            export.header,
            export.preview_rows,
            export.total_rows,
        )
        return PreparedFile(path, preview, sha, export)

    def save_problems(self, refusal: AdvisorError, target: Path) -> int:
        """A refused file's problems as CSV (line, column, message) to fix it in Excel; the
        number of problems written. Writes only the chosen file, never the database."""
        return write_problems_csv(target, refusal)

    def dry_run(
        self,
        source: Path | PreparedFile,
        progress: Progress | None = None,
        *,
        replace_institution: bool = False,
    ) -> ImportOutcome:
        """What `import_file` would do: the same importer over a rehearsal store."""
        return self.rehearsed().import_file(
            source, progress, replace_institution=replace_institution
        )

    def import_file(
        self,
        source: Path | PreparedFile,
        progress: Progress | None = None,
        *,
        replace_institution: bool = False,
    ) -> ImportOutcome:
        """`replace_institution`: a policy file of another institution replaces the one set up
        (otherwise it is refused with policy_service.InstitutionMismatch)."""
        prepared = source if isinstance(source, PreparedFile) else None
        if prepared is not None:
            path = prepared.path
            if file_sha256(path) != prepared.sha256:
                raise ValidationError(
                    f"{path.name} has changed since it was opened; nothing was imported. "
                    "Open it again to check the new contents.",
                    nothing_changed=True,
                )
            kind = prepared.preview.kind
        else:
            assert isinstance(source, Path)
            path = source
            kind = preview_file(path).kind
        importer = self._importers.get(kind)
        if importer is None:  # preview_file only names kinds that have an importer
            raise ValidationError(f"{path.name}: unknown kind of file.")
        if progress is not None:
            progress(0, 0, f"Reading {path.name}…")
        request = ImportRequest(
            path,
            progress,
            prepared.export if prepared else None,
            prepared.sha256 if prepared else None,
            replace_institution,
        )
        summary = importer(self._db, request)
        return ImportOutcome(
            kind,
            KIND_LABELS[kind],
            path.name,
            summary.describe(),
            summary.unmatched,
            self._db.rehearsal,
        )
