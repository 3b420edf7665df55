"""A student by roll number, and the students of a degree, an intake or a search: the lookups
every service that names students shares."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.intake import parse_intake
from advisor.model.name_search import ROLL_SEPARATORS, compact
from advisor.model.schema import Degree, Student


def require_student_id(session: Session, roll_no: str) -> int:
    sid = session.scalar(select(Student.id).where(Student.roll_no == roll_no.strip()))
    if sid is None:
        raise NotFoundError(f"There is no student with roll number '{roll_no.strip()}'.")
    return sid


def require_student(session: Session, roll_no: str) -> Student:
    """The student with the degree loaded (every document names it), or a NotFoundError."""
    student = session.scalars(
        select(Student)
        .options(selectinload(Student.degree))
        .where(Student.roll_no == roll_no.strip())
    ).first()
    if student is None:
        raise NotFoundError(f"There is no student with roll number '{roll_no.strip()}'.")
    return student


def filtered_students(
    degree: str | None = None, intake: str | None = None, search: str | None = None
) -> Select[Student]:
    """Students of a degree code and/or intake ('Fall 2023', or a year '2023'), optionally
    those whose roll number, name or email contain every word of `search`."""
    query = select(Student).join(Student.degree).options(selectinload(Student.degree))
    for word in (search or "").split():
        pattern = f"%{word.lower().replace('%', '').replace('_', '')}%"
        matches = [
            func.lower(Student.roll_no).like(pattern),
            func.lower(Student.name).like(pattern),
            func.lower(Student.email).like(pattern),
        ]
        key = compact(word)
        if key:  # 'fa23bcs003' or 'FA23BCS003' finds fa23-bcs-003
            matches.append(_compact_roll().like(f"%{key}%"))
        query = query.where(or_(*matches))
    if degree:
        query = query.where(Degree.code == degree.strip().upper())
    if intake:
        text = intake.strip()
        if text.isdigit():
            query = query.where(Student.intake_year == int(text))
        else:
            try:
                term, year = parse_intake(text)
            except ValueError as exc:
                raise ValidationError(str(exc)) from exc
            query = query.where(Student.intake_term == term, Student.intake_year == year)
    return query.order_by(Student.roll_no)


def _compact_roll() -> Any:
    """The roll number in lower case without the separators people leave out."""
    roll = func.lower(Student.roll_no)
    for separator in ROLL_SEPARATORS:
        roll = func.replace(roll, separator, "")
    return roll
