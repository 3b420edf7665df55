"""Importing a ProgramActivity export: which roster students joined the university's Coursera
program, were only invited, or were removed (kept and shown); the others are missing.

Learners match by email (the roster's, or one learned before), then External ID = roll number.
A numeric External ID that is no roll number is reported, never guessed. One person under two
emails is reported for a person to merge. All or nothing, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.coursera_membership import INVITED, JOINED, REMOVED
from advisor.model.importing.coursera_identities import learn_identities
from advisor.model.importing.field_values import Problems
from advisor.model.importing.program_activity_export import MemberRow, ProgramActivityExport
from advisor.model.importing.progress_merge import Matcher
from advisor.model.schema import CourseraMember, Student, utcnow
from advisor.model.services.progress_service import (
    PROGRESS_EVERY,
    Progress,
    ProgressImportResult,
    UnmatchedRow,
)

RANK = {INVITED: 0, REMOVED: 1, JOINED: 2}  # one person's best row wins within a file


def _unmatched(row: MemberRow) -> str:
    said = [f"email {row.email}" if row.email else ""]
    if row.external_id:
        said.append(f"External ID {row.external_id}")
    reason = f"student not on the roster ({', '.join(s for s in said if s)})"
    if row.external_id.isdigit():
        reason += (
            f"; External ID {row.external_id} is a number that is no roll number, so Sanad does "
            "not guess who it is"
        )
    return reason


def _two_emails(rows: Iterable[MemberRow], roll: str, name: str) -> str:
    listed = ", ".join(f"{r.email} (line {r.line})" for r in rows)
    return (
        f"{roll} ({name}) is in the file under more than one email: {listed}; one person with two "
        "Coursera accounts, for a person to merge."
    )


def import_program_activity(
    session: Session, path: Path, *, dry_run: bool, progress: Progress | None
) -> ProgressImportResult:
    students = session.execute(select(Student.id, Student.roll_no, Student.email)).all()
    names = dict(session.execute(select(Student.id, Student.name)).all())
    rolls = {sid: roll for sid, roll, _ in students}
    matcher = Matcher(students, ())
    learn_identities(session, matcher)
    problems = Problems(path.name)
    unmatched: list[UnmatchedRow] = []
    best: dict[int, MemberRow] = {}
    seen: dict[int, list[MemberRow]] = {}
    rows = 0
    with ProgramActivityExport(path) as export:
        for row in export.rows(problems):
            rows += 1
            if progress is not None and rows % PROGRESS_EVERY == 0:
                progress(rows, 0, f"{rows:,} rows read")
            student = matcher.by_email.get(row.email) if row.email else None
            if student is None and row.external_id:
                student = matcher.by_roll.get(row.external_id.casefold())
            if student is None:
                unmatched.append(UnmatchedRow(row.line, _unmatched(row)))
                continue
            seen.setdefault(student, []).append(row)
            if student not in best or RANK[row.state] > RANK[best[student].state]:
                best[student] = row
    rows += problems.count
    problems.raise_if_any("ProgramActivity file")
    notes = [
        _two_emails(found, rolls[sid], names[sid])
        for sid, found in seen.items()
        if len({r.email for r in found if r.email}) > 1
    ]
    removed = sorted(rolls[sid] for sid, r in best.items() if r.state == REMOVED)
    if removed:
        notes.append(f"Removed from the program (kept, shown as removed): {', '.join(removed)}.")
    missing = len(rolls) - len(best)
    if missing:
        notes.append(f"{missing} roster student(s) are not in this file: shown as missing.")
    recorded = {m.student_id: m for m in session.scalars(select(CourseraMember))}
    added = changed = 0
    now, source = utcnow(), path.name[:300]
    for sid, row in best.items():
        values = {
            "state": row.state,
            "member_state": row.member_state[:80],
            "email": row.email[:254],
            "external_id": row.external_id[:120],
            "program_name": row.program_name[:300],
            "program_slug": row.program_slug[:160],
            "joined_on": row.joined_on,
            "invited_on": row.invited_on,
        }
        member = recorded.get(sid)
        if member is None:
            added += 1
            if not dry_run:
                session.add(CourseraMember(student_id=sid, source=source, updated_at=now, **values))
            continue
        if all(getattr(member, k) == v for k, v in values.items()):
            continue
        changed += 1
        if not dry_run:
            for k, v in values.items():
                setattr(member, k, v)
            member.source, member.updated_at = source, now
    matched = sum(len(found) for found in seen.values())
    return ProgressImportResult(
        file_name=path.name,
        kind=export.kind,
        rows=rows,
        matched=matched,
        updated=added + changed,
        unchanged=matched - added - changed,
        records_added=added,
        records_changed=changed,
        unmatched=tuple(unmatched),
        dry_run=dry_run,
        notes=tuple(notes),
    )
