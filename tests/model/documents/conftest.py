"""A department whose students have recorded certifications, ready for letters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from advisor.model.schema import CourseProgress, Program, ProgramCertificate, Student
from advisor.model.services import Services
from tests.conftest import TEST_PASSPHRASE
from tests.reports.conftest import qpdf_check  # noqa: F401  (the fixture, shared)

TODAY = date(2026, 1, 20)


def certify(
    services: Services,
    roll_no: str,
    slug: str,
    *,
    on: date = date(2025, 3, 14),
    certificate: str = "https://coursera.org/verify/professional-cert/ABC123XYZ",
) -> None:
    """Record a program certificate (the program is complete and verified)."""
    with services.db.begin() as session:
        sid = session.scalar(select(Student.id).where(Student.roll_no == roll_no))
        pid = session.scalar(select(Program.id).where(Program.slug == slug))
        assert sid and pid, (roll_no, slug)
        session.add(
            ProgramCertificate(
                student_id=sid,
                program_id=pid,
                certificate=certificate,
                completed_on=on,
                source="test",
            )
        )


def complete_courses(
    services: Services, roll_no: str, slug: str, *, on: date = date(2025, 6, 1)
) -> None:
    """Complete every course of a program without any certificate: complete, but not verified."""
    with services.db.begin() as session:
        sid = session.scalar(select(Student.id).where(Student.roll_no == roll_no))
        program = session.scalars(select(Program).where(Program.slug == slug)).one()
        for m in program.memberships:
            session.add(
                CourseProgress(
                    student_id=sid,
                    course_id=m.course_id,
                    status="completed",
                    progress=100,
                    grade=90,
                    completed_on=on,
                    source="test",
                )
            )


def add_students(
    services: Services, count: int, *, degree: str = "BSCS", first: int = 500
) -> list[str]:
    """More students of the sample degree, each with one verified certification."""
    from advisor.model.schema import Degree

    rolls = [f"fa23-bcs-{first + i}" for i in range(count)]
    with services.db.begin() as session:
        did = session.scalar(select(Degree.id).where(Degree.code == degree))
        for i, roll in enumerate(rolls):
            session.add(
                Student(
                    roll_no=roll,
                    name=f"Student {i}",
                    father_name=f"Father {i}",
                    gender="MF"[i % 2],
                    cnic=f"35202-{1000000 + first + i}-1",
                    degree_id=did,
                    intake_term="Fall",
                    intake_year=2023,
                    semester=5,
                )
            )
    for roll in rolls:
        certify(services, roll, "google-it-support", certificate=f"CODE{roll[-3:]}")
    return rolls


@pytest.fixture
def department(services: Services, samples: Path) -> Services:
    services.policy.import_file(samples / "policy.json", key_passphrase=TEST_PASSPHRASE)
    services.students.import_roster(samples / "roster.csv")
    return services


@pytest.fixture
def certified(department: Services) -> Services:
    """fa23-bcs-001: two verified programs and one complete but unverified;
    fa23-bcs-002: only an unverified program; the others: nothing."""
    certify(department, "fa23-bcs-001", "google-it-support")
    certify(
        department,
        "fa23-bcs-001",
        "ibm-data-science",
        on=date(2025, 8, 2),
        certificate="IBMDS-7788",
    )
    complete_courses(department, "fa23-bcs-001", "google-data-analytics")
    complete_courses(department, "fa23-bcs-002", "google-cybersecurity")
    return department
