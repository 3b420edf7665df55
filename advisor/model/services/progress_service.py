"""Coursera progress: import an admin export (course or Specialization report), all or nothing.

Built for 100,000-row files: rows are streamed, students, courses and recorded progress are
loaded once into dicts, and the changes are written in bulk at the end (no query per row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from advisor.model.import_claim import claim_imports
from advisor.model.importing.coursera_export import COURSE_REPORT, CourseraExport, ExportRow
from advisor.model.importing.coursera_identities import learn_identities
from advisor.model.importing.coursera_kinds import (
    LEARNING_PATH_REPORT,
    PROGRAM_REPORT,
    sniff_report,
)
from advisor.model.importing.field_values import Problems
from advisor.model.importing.import_log import (
    ImportEntry,
    file_sha256,
    import_history,
    record_import,
)
from advisor.model.importing.parsed_export import ParsedExport
from advisor.model.importing.progress_merge import (
    CertificateState,
    CourseState,
    Matcher,
    merge_certificate,
    merge_course,
    row_state,
    unmatched_item,
    unmatched_student,
)
from advisor.model.importing.seen_items import SeenRecorder
from advisor.model.roles import Role
from advisor.model.schema import (
    Course,
    CourseProgress,
    Program,
    ProgramCertificate,
    Provider,
    Student,
    utcnow,
)
from advisor.model.services.service_base import Service


@dataclass(frozen=True)
class UnmatchedRow:
    line: int
    reason: str


@dataclass(frozen=True)
class ProgressImportResult:
    file_name: str
    kind: str
    rows: int
    matched: int
    updated: int
    unchanged: int
    records_added: int
    records_changed: int
    unmatched: tuple[UnmatchedRow, ...]
    dry_run: bool
    notes: tuple[str, ...] = ()  # what was read other than as written (a clamped percentage…)

    def describe(self) -> str:
        """Rows, then students, then records, each counted once with its own noun: "3,000 new"
        and "3,000 updated" are never left to guess whether they are students or records."""
        adds, updates = ("would add", "update") if self.dry_run else ("added", "updated")
        return (
            f"{self.file_name} ({self.kind}): {_count(self.rows, 'row')} read; "
            f"{self.matched:,} matched a student and {len(self.unmatched):,} did not. "
            f"{'Importing it' if self.dry_run else 'The import'} {adds} "
            f"{_count(self.records_added, 'new progress record')} and {updates} "
            f"{self.records_changed:,}; {_count(self.unchanged, 'matched row')} held nothing "
            "new."
        )


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


Progress = Callable[[int, int, str], None]
PROGRESS_EVERY = 2_000  # rows between reports: often enough for a bar, rare enough to cost nothing


class ProgressService(Service):
    def import_export(
        self,
        path: Path,
        *,
        progress: Progress | None = None,
        parsed: ParsedExport | None = None,
        sha256: str | None = None,
    ) -> ProgressImportResult:
        """Merge a Coursera export into the recorded progress; never downgrade anything.
        `progress(rows_read, 0, message)` is called every few thousand rows; an exception it
        raises (the desk's Cancel) rolls the whole import back. `parsed` (with the `sha256` it
        was read with): the file's rows already read by the import desk, merged as they are.
        A dry run is this over a rehearsal store (`self.rehearsed()`): the merges then skip
        the writes that would be rolled back anyway, and the result says "would add"."""
        self._require_role(Role.OFFICE, "importing Coursera progress")
        dry_run = self._db.rehearsal
        if parsed is not None and sha256 is not None:
            with self._db.begin() as session:
                claim_imports(session, path.name)
                if parsed.kind == COURSE_REPORT:
                    result = _CourseMerge(session, path, dry_run).run(parsed, progress)
                else:
                    result = _CertificateMerge(session, path, dry_run).run(parsed, progress)
                if not dry_run:
                    record_import(session, parsed.kind, path, sha256, result.describe())
                return result
        sha = file_sha256(path)
        kind = sniff_report(path)
        if kind in (LEARNING_PATH_REPORT, PROGRAM_REPORT):
            return self._import_other(kind, path, sha, dry_run=dry_run, progress=progress)
        with self._db.begin() as session, CourseraExport(path) as export:
            claim_imports(session, path.name)
            if export.kind == COURSE_REPORT:
                result = _CourseMerge(session, path, dry_run).run(export, progress)
            else:
                result = _CertificateMerge(session, path, dry_run).run(export, progress)
            if not dry_run:
                record_import(session, export.kind, path, sha, result.describe())
            return result

    def _import_other(
        self, kind: str, path: Path, sha: str, *, dry_run: bool, progress: Progress | None
    ) -> ProgressImportResult:
        # Imported here, not at the top: these modules build on the merges defined below.
        from advisor.model.services.learning_path_import import import_learning_path
        from advisor.model.services.membership_import import import_program_activity

        read = import_learning_path if kind == LEARNING_PATH_REPORT else import_program_activity
        with self._db.begin() as session:
            claim_imports(session, path.name)
            result = read(session, path, dry_run=dry_run, progress=progress)
            if not dry_run:
                record_import(session, kind, path, sha, result.describe())
            return result

    def import_history(self) -> list[ImportEntry]:
        with self._db.read() as session:
            return import_history(session)


S = TypeVar("S", CourseState, CertificateState)
Key = tuple[int, int]  # (student id, course or program id)


class _Merge(Generic[S]):
    """The shared walk over the rows; subclasses say what an item is and how it is stored."""

    what = "course"

    def __init__(self, session: Session, path: Path, dry_run: bool) -> None:
        self.session, self.path, self.dry_run = session, path, dry_run
        students = session.execute(select(Student.id, Student.roll_no, Student.email)).all()
        self.matcher = Matcher(students, self.items())
        learn_identities(session, self.matcher)
        self.recorded: dict[Key, tuple[int, S]] = self.load_recorded()
        self.pending: dict[Key, S] = {}
        self.seen = SeenRecorder(session, path.name)  # what the catalog lacks, for adoption

    def items(self) -> Iterable[tuple[int, str, str, str]]:
        raise NotImplementedError

    def load_recorded(self) -> dict[Key, tuple[int, S]]:
        raise NotImplementedError

    def state(self, row: ExportRow) -> S | None:
        raise NotImplementedError

    def merge(self, old: S | None, new: S) -> S:
        raise NotImplementedError

    def see(self, student: int, row: ExportRow) -> None:
        """Keep a row whose course or program the catalog lacks (see seen_items.py)."""
        raise NotImplementedError

    def write(self, added: list[tuple[Key, S]], changed: list[tuple[int, S]]) -> None:
        raise NotImplementedError

    def offer(self, key: Key, new: S) -> bool:
        """Merge one state into what is pending or recorded; True when it changes something."""
        old = self.pending.get(key)
        if old is None and key in self.recorded:
            old = self.recorded[key][1]
        merged = self.merge(old, new)
        if merged == old:
            return False
        self.pending[key] = merged
        return True

    def finish(self) -> tuple[int, int]:
        """Write what is pending (unless rehearsing); (records added, records changed)."""
        added = [(k, v) for k, v in self.pending.items() if k not in self.recorded]
        changed = [(self.recorded[k][0], v) for k, v in self.pending.items() if k in self.recorded]
        if not self.dry_run:
            self.write(added, changed)
        return len(added), len(changed)

    def run(
        self, export: CourseraExport | ParsedExport, progress: Progress | None = None
    ) -> ProgressImportResult:
        problems = Problems(self.path.name)
        rows = matched = updated = 0
        unmatched: list[UnmatchedRow] = []
        removed: set[int] = set()  # students whose rows say 'Removed From Program' = Yes
        for row in export.rows(problems):
            rows += 1
            if progress is not None and rows % PROGRESS_EVERY == 0:
                progress(rows, 0, f"{rows:,} rows read")
            student = self.matcher.student(row)
            if student is None:
                unmatched.append(UnmatchedRow(row.line, unmatched_student(row)))
                continue
            item = self.matcher.item(row)
            if item is None:
                unmatched.append(UnmatchedRow(row.line, unmatched_item(row, self.what)))
                self.see(student, row)
                continue
            matched += 1
            if row.removed:
                removed.add(student)
            new = self.state(row)
            if new is None:
                continue
            key = (student, item)
            old = self.pending.get(key)
            if old is None and key in self.recorded:
                old = self.recorded[key][1]
            merged = self.merge(old, new)
            if merged != old:
                self.pending[key] = merged
                updated += 1
        rows += problems.count
        problems.raise_if_any(export.kind)
        added = [(k, v) for k, v in self.pending.items() if k not in self.recorded]
        changed = [(self.recorded[k][0], v) for k, v in self.pending.items() if k in self.recorded]
        if not self.dry_run:
            self.write(added, changed)
            self.seen.finish()
        return ProgressImportResult(
            file_name=self.path.name,
            kind=export.kind,
            rows=rows,
            matched=matched,
            updated=updated,
            unchanged=matched - updated,
            records_added=len(added),
            records_changed=len(changed),
            unmatched=tuple(unmatched),
            dry_run=self.dry_run,
            notes=self.removed_note(removed),
        )

    def removed_note(self, removed: set[int]) -> tuple[str, ...]:
        if not removed:
            return ()
        roll = dict(self.session.execute(select(Student.id, Student.roll_no)).all())
        listed = ", ".join(sorted(roll[sid] for sid in removed))
        return (
            f"Removed from the Coursera program, their records kept as the file gives them: "
            f"{listed}.",
        )


class _CourseMerge(_Merge[CourseState]):
    def __init__(self, session: Session, path: Path, dry_run: bool) -> None:
        super().__init__(session, path, dry_run)
        self.matcher.know_course_ids(session.execute(select(Course.id, Course.coursera_id)).all())

    def items(self) -> Iterable[tuple[int, str, str, str]]:
        return self.session.execute(
            select(Course.id, Course.slug, Course.title, Provider.name).join(Provider)
        ).all()

    def load_recorded(self) -> dict[Key, tuple[int, CourseState]]:
        p = CourseProgress
        columns = (p.id, p.student_id, p.course_id, p.status, p.progress, p.grade, p.completed_on)
        rows = self.session.execute(select(*columns, p.certificate)).all()
        return {
            (sid, cid): (pid, CourseState(status, progress, grade, done, cert))
            for pid, sid, cid, status, progress, grade, done, cert in rows
        }

    def state(self, row: ExportRow) -> CourseState:
        return row_state(row)

    def see(self, student: int, row: ExportRow) -> None:
        self.seen.course(
            student,
            course_id=row.course_id,
            slug=row.slug,
            title=row.title,
            provider=row.university,
            state=row_state(row),
        )

    def merge(self, old: CourseState | None, new: CourseState) -> CourseState:
        return merge_course(old, new)

    def write(
        self, added: list[tuple[Key, CourseState]], changed: list[tuple[int, CourseState]]
    ) -> None:
        now, source = utcnow(), self.path.name[:300]

        def values(s: CourseState) -> dict[str, object]:
            return {
                "status": s.status,
                "progress": s.progress,
                "grade": s.grade,
                "completed_on": s.completed_on,
                "certificate": s.certificate,
                "source": source,
                "updated_at": now,
            }

        _bulk_write(
            self.session,
            CourseProgress.__table__,
            [{"student_id": sid, "course_id": cid, **values(s)} for (sid, cid), s in added],
            [{"row_id": pid, **values(s)} for pid, s in changed],
        )
        learned = [{"row_id": cid, "coursera_id": v} for cid, v in self.matcher.learned_ids.items()]
        _bulk_write(self.session, Course.__table__, [], learned)


class _CertificateMerge(_Merge[CertificateState]):
    what = "program"

    def items(self) -> Iterable[tuple[int, str, str, str]]:
        return self.session.execute(
            select(Program.id, Program.slug, Program.title, Provider.name).join(Provider)
        ).all()

    def load_recorded(self) -> dict[Key, tuple[int, CertificateState]]:
        c = ProgramCertificate
        rows = self.session.execute(
            select(c.id, c.student_id, c.program_id, c.certificate, c.completed_on)
        ).all()
        return {
            (sid, pid): (cid, CertificateState(cert, done)) for cid, sid, pid, cert, done in rows
        }

    def state(self, row: ExportRow) -> CertificateState | None:
        # Only a completed program is recorded; progress toward it comes from the course rows.
        return CertificateState(row.certificate, row.completed_on) if row.completed else None

    def merge(self, old: CertificateState | None, new: CertificateState) -> CertificateState:
        return merge_certificate(old, new)

    def see(self, student: int, row: ExportRow) -> None:
        self.seen.program(
            student,
            slug=row.slug,
            title=row.title,
            provider=row.university,
            state=row_state(row),
        )

    def write(
        self, added: list[tuple[Key, CertificateState]], changed: list[tuple[int, CertificateState]]
    ) -> None:
        now, source = utcnow(), self.path.name[:300]

        def values(s: CertificateState) -> dict[str, object]:
            return {
                "certificate": s.certificate,
                "completed_on": s.completed_on,
                "source": source,
                "updated_at": now,
            }

        _bulk_write(
            self.session,
            ProgramCertificate.__table__,
            [{"student_id": sid, "program_id": pid, **values(s)} for (sid, pid), s in added],
            [{"row_id": cid, **values(s)} for cid, s in changed],
        )


def _bulk_write(session: Session, table: Any, added: list[dict], changed: list[dict]) -> None:
    """Core executemany: one statement for all rows (the ORM's bulk path would split the rows
    by which values are None and send tens of thousands of statements)."""
    if added:
        session.execute(table.insert(), added)
    if changed:
        columns: dict[str, Any] = {k: bindparam(k) for k in changed[0] if k != "row_id"}
        session.execute(
            table.update().where(table.c.id == bindparam("row_id")).values(columns), changed
        )
