"""Write progress straight into a test store (the Coursera importers have their own tests)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from advisor.model.schema import Course, CourseProgress, Program, ProgramCourse, Student
from advisor.model.services import Services


def record_course(
    services: Services,
    roll_no: str,
    course: str,
    *,
    on: date = date(2024, 3, 1),
    grade: float | None = 90.0,
    cert: str = "https://coursera.org/verify/T",
    status: str = "completed",
) -> None:
    with services.db.begin() as session:
        sid = session.scalar(select(Student.id).where(Student.roll_no == roll_no))
        cid = session.scalar(select(Course.id).where(Course.slug == course))
        assert sid is not None and cid is not None, (roll_no, course)
        done = status == "completed"
        session.add(
            CourseProgress(
                student_id=sid,
                course_id=cid,
                status=status,
                progress=100.0 if done else 40.0,
                grade=grade if done else None,
                completed_on=on if done else None,
                certificate=cert if done else "",
                source="test",
            )
        )


def program_courses(services: Services, program: str) -> list[str]:
    with services.db.begin() as session:
        return list(
            session.scalars(
                select(Course.slug)
                .join(ProgramCourse, ProgramCourse.course_id == Course.id)
                .join(Program, Program.id == ProgramCourse.program_id)
                .where(Program.slug == program)
                .order_by(ProgramCourse.position)
            )
        )


def record_program(services: Services, roll_no: str, program: str, **kw: object) -> None:
    for course in program_courses(services, program):
        record_course(services, roll_no, course, **kw)  # type: ignore[arg-type]
