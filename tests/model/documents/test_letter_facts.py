"""Issue 10 items 2 and 6 through the service: a letter lists the course certificates a credit
rests on, and says truly how each certification was verified."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from advisor.model.schema import Course, CourseProgress, Program, ProgramCourse, Student
from advisor.model.services import Services
from tests.model.documents.conftest import TODAY, certify
from tests.reports.pdf_reading import pdf_pages, pdf_text


def _course_certificates(services: Services, roll_no: str, slug: str) -> list[tuple[str, str]]:
    """Complete every course of the program, each with its own Coursera verify URL, imported on
    15 Jan 2026; the course titles and codes, in program order."""
    with services.db.begin() as session:
        sid = session.scalar(select(Student.id).where(Student.roll_no == roll_no))
        rows = session.execute(
            select(Course.id, Course.title)
            .join(ProgramCourse, ProgramCourse.course_id == Course.id)
            .join(Program, Program.id == ProgramCourse.program_id)
            .where(Program.slug == slug)
            .order_by(ProgramCourse.position)
        ).all()
        out = []
        for i, (course_id, title) in enumerate(rows):
            code = f"C{i}QX2M9PLK4R/T"[:12] if i else "25A6TQGWBBB/A"
            session.add(
                CourseProgress(
                    student_id=sid,
                    course_id=course_id,
                    status="completed",
                    progress=100,
                    grade=95,
                    completed_on=TODAY.replace(year=2025),
                    certificate=f"https://coursera.org/verify/{code}",
                    source="usage.csv",
                    updated_at=datetime(2026, 1, 15, 9, 30),
                )
            )
            out.append((title, code.rsplit("/", 1)[-1]))
        return out


def test_credit_resting_on_course_certificates_lists_every_course_code(
    department: Services,
) -> None:
    courses = _course_certificates(department, "fa23-bcs-001", "google-it-support")
    issued = department.letters.issue("fa23-bcs-001", today=TODAY)
    text = pdf_text(issued.pdf())
    assert "course certificates on file" not in text
    for _, code in courses:
        assert code in text, code
    assert "Coursera course certificate records imported on 15 Jan 2026" in text
    # a reprint prints the same sealed facts
    again = pdf_text(department.letters.reprint(issued.record.reference).pdf())
    assert all(code in again for _, code in courses)


def test_a_program_certificate_says_when_it_was_imported_and_a_check_names_the_person(
    department: Services,
) -> None:
    certify(department, "fa23-bcs-001", "ibm-data-science", certificate="IBMDS-7788")
    courses = _course_certificates(department, "fa23-bcs-001", "google-it-support")
    with department.db.begin() as session:
        session.execute(
            update(CourseProgress).values(
                certificate="", verified_by="Dr. Saima Anwar", verified_at=datetime(2026, 1, 18)
            )
        )
    text = pdf_text(department.letters.issue("fa23-bcs-001", today=TODAY).pdf())
    assert "checked by Dr. Saima Anwar on 18 Jan 2026" in text
    assert "Coursera certificate record imported on" in text  # the IBM program certificate
    assert "IBMDS-7788" in text
    assert all(title in text for title, _ in courses[:1])
    assert "verified by the department against its certificate" not in text


def test_a_student_at_the_cap_with_three_lines_gets_one_signed_page(department: Services) -> None:
    certify(department, "fa23-bcs-001", "ibm-data-science", certificate="IBMDS-7788")
    certify(department, "fa23-bcs-001", "google-data-analytics", certificate="GDA-55XK12")
    _course_certificates(department, "fa23-bcs-001", "google-it-support")
    issued = department.letters.issue("fa23-bcs-001", today=TODAY)
    pages = pdf_pages(issued.pdf())
    assert issued.record.credits == 9
    assert len(pages) == 1
    assert "Mr. Khalid Mehmood" in pages[0] and issued.record.code in pages[0]
