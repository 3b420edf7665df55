"""Students: list and look up. Roster import and details come with their own modules."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from advisor.model.database import Database
from advisor.model.errors import ValidationError
from advisor.model.intake import parse_intake
from advisor.model.schema import Degree, Student


@dataclass(frozen=True)
class StudentRow:
    roll_no: str
    name: str
    degree: str
    intake: str
    semester: int
    email: str


def student_row(s: Student) -> StudentRow:
    return StudentRow(s.roll_no, s.name, s.degree.code, f"{s.intake_term} {s.intake_year}", s.semester, s.email)


def filtered_students(degree: str | None = None, intake: str | None = None) -> Select[tuple[Student]]:
    """Students of a degree code and/or intake ('Fall 2023', or a year '2023')."""
    query = select(Student).join(Student.degree).options(selectinload(Student.degree))
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


class StudentService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, degree: str | None = None, intake: str | None = None) -> list[StudentRow]:
        with self._db.begin() as session:
            return [student_row(s) for s in session.scalars(filtered_students(degree, intake))]
