"""Plain document data for renderer tests and the benchmark: no database needed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from advisor.reports.documents import (
    CohortProgramRow,
    CohortStudentRow,
    CohortSummaryData,
    CourseCertificate,
    LetterData,
    Letterhead,
    LetterLine,
    PlanCourseRow,
    PlanPrintData,
    PlanTargetRow,
    ProgressProgramRow,
    ProgressReportData,
    ProgressRequirementRow,
    Signatory,
    StudentFacts,
)

HEAD = Letterhead(
    name="Demo Institute of Science & Technology",
    address="12-B Canal Road, Lahore, Punjab, Pakistan",
    signatories=(
        Signatory("Dr. Saima Anwar", "Chairperson, Department of Computer Science"),
        Signatory("Mr. Khalid Mehmood", "Controller of Examinations"),
    ),
    code="DIST",
)

STUDENT = StudentFacts(
    roll_no="fa23-bcs-001",
    name="Ayesha Khan",
    father_name="Imran Khan",
    gender="F",
    cnic="35202-1234567-2",
    degree="BSCS",
    degree_title="BS Computer Science",
    intake="Fall 2023",
)

# Names that Helvetica cannot print: the bundled font must.
UNICODE_STUDENT = StudentFacts(
    roll_no="sp24-bse-042",
    name="Zoë Ğülşen Núñez",
    father_name="Şükrü Núñez",
    gender="M",
    cnic="61101-7654321-3",
    degree="BSSE",
    degree_title="BS Software Engineering",
    intake="Spring 2024",
)

LINES = (
    LetterLine(
        "Google IT Support Professional Certificate",
        "Google",
        date(2025, 3, 14),
        "ABCD1234EFGH",
        "CERT-CORE",
        "Mandatory industry certification",
        3,
    ),
    LetterLine(
        "IBM Data Science Professional Certificate",
        "IBM",
        date(2025, 8, 2),
        "XYZ987654321",
        "CERT-ELEC-1",
        "Certification elective I",
        3,
    ),
)


BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def signed_payload(length: int = 1100, seed: int = 1) -> str:
    """A stand-in for a signed letter's QR payload: Base45 text of the size a 6-line letter's
    signed content reaches (QR alphanumeric mode)."""
    return "".join(BASE45[(i * 7 + seed * 13 + i * i) % 45] for i in range(length))


IMPORTED = "Coursera certificate record imported on 12 Jan 2026"
IT_SUPPORT_COURSES = (
    CourseCertificate("Technical Support Fundamentals", "25A6TQGWBBBA"),
    CourseCertificate("The Bits and Bytes of Computer Networking", "7QX2M9PLK4RT"),
    CourseCertificate("Operating Systems and You: Becoming a Power User", "K8ZP3WQ5N2MV"),
    CourseCertificate("System Administration and IT Infrastructure Services", "H4T9LR6XB3QD"),
    CourseCertificate("IT Security: Defense against the digital dark arts", "M2C7VJ8PW5NK"),
)

# Realistic lines: long titles, a provider wider than its column, credit resting on course
# certificates, and how each was verified.
REAL_LINES = (
    LetterLine(
        "Google IT Support Professional Certificate",
        "Google",
        date(2025, 3, 14),
        "",
        "CERT-CORE",
        "Mandatory industry certification for computing degrees",
        3,
        IT_SUPPORT_COURSES,
        "Coursera course certificate records imported on 12 Jan 2026",
    ),
    LetterLine(
        "Deep Learning Specialization",
        "DeepLearning.AI",
        date(2025, 8, 2),
        "25A6TQGWBBB/A",
        "CERT-ELEC-1",
        "Certification elective I (artificial intelligence and data)",
        3,
        verified_how="checked by Dr. Saima Anwar on 3 Feb 2026",
    ),
    LetterLine(
        "IBM Data Science Professional Certificate",
        "IBM",
        date(2025, 11, 3),
        "XYZ987654321",
        "CERT-ELEC-2",
        "Certification elective II (data science and analytics)",
        3,
        verified_how=IMPORTED,
    ),
    LetterLine(
        "Meta Front-End Developer Professional Certificate",
        "Meta",
        date(2025, 12, 1),
        "FRT9QW2ZX8LM",
        "CERT-ELEC-3",
        "Certification elective III (software development)",
        3,
        verified_how=IMPORTED,
    ),
    LetterLine(
        "Google Cybersecurity Professional Certificate",
        "Google",
        date(2026, 1, 5),
        "CYB4RT7YU2PQ",
        "CERT-ELEC-4",
        "Certification elective IV (security and networks)",
        3,
        verified_how=IMPORTED,
    ),
    LetterLine(
        "Microsoft Power BI Data Analyst Professional Certificate",
        "Microsoft",
        date(2026, 1, 9),
        "PBI7XQ3MZ9WE",
        "CERT-ELEC-5",
        "Certification elective V (business intelligence)",
        3,
        verified_how=IMPORTED,
    ),
)


def real_lines(count: int) -> tuple[LetterLine, ...]:
    """`count` realistic lines (the six above, repeated under new slot codes beyond six)."""
    out = []
    for i in range(count):
        base = REAL_LINES[i % len(REAL_LINES)]
        out.append(replace(base, slot=f"{base.slot}-{i // len(REAL_LINES)}") if i >= 6 else base)
    return tuple(out)


def letter(
    serial: int = 1,
    *,
    student: StudentFacts = STUDENT,
    duplicate: bool = False,
    lines: tuple[LetterLine, ...] = LINES,
    signed: bool = False,
) -> LetterData:
    reference = f"DIST/CERT/2026/{serial:04d}"
    code = f"{serial:04X}-9C1B-5D6E-7F80"
    return LetterData(
        reference=reference,
        issued_on=date(2026, 1, 20),
        student=student,
        lines=lines,
        total_credits=sum(line.credits for line in lines),
        verification_code=code,
        qr_payload=signed_payload(seed=serial)
        if signed
        else f"SANAD {reference} {code.replace('-', '')}",
        policy_year=2023,
        duplicate=duplicate,
        key_fingerprint="SHA256:9F2C-41AB-77D0-E3C5" if signed else "",
        department="Department of Computer Science",
    )


def plan(student: StudentFacts = STUDENT, courses: int = 9) -> PlanPrintData:
    targets = (
        "Google Data Analytics Professional Certificate",
        "Meta Front-End Developer Professional Certificate",
    )
    start = date(2026, 2, 2)
    rows = []
    day = start
    for i in range(courses):
        weeks = 2 + i % 4
        rows.append(
            PlanCourseRow(
                i + 1,
                f"Course number {i + 1} of the plan",
                "Google" if i < 5 else "Meta",
                weeks * 6.0,
                i == 3,
                weeks,
                day,
                day + timedelta(weeks=weeks, days=-1),
                (targets[0] if i < 5 else targets[1],),
            )
        )
        day += timedelta(weeks=weeks)
    return PlanPrintData(
        student=student,
        semester=5,
        version=2,
        status="approved",
        printed_on=date(2026, 1, 20),
        start_date=start,
        hours_per_week=6,
        finish_date=rows[-1].end if rows else None,
        graduation_date=date(2027, 6, 30),
        targets=(
            PlanTargetRow(
                targets[0],
                "Google",
                3,
                8,
                rows[min(4, len(rows) - 1)].end if rows else None,
                "CERT-ELEC-1",
                3,
            ),
            PlanTargetRow(targets[1], "Meta", 0, 9, rows[-1].end if rows else None, "CERT-CORE", 3),
        ),
        courses=tuple(rows),
        warnings=("Meta Front-End Developer finishes after semester 6, when CERT-CORE is due.",),
        eligible_credits=3,
        pending_credits=0,
        projected_credits=9,
        credit_cap=9,
        approved_by="Dr. Saima Anwar",
    )


def progress(student: StudentFacts = STUDENT) -> ProgressReportData:
    return ProgressReportData(
        student=student,
        semester=5,
        printed_on=date(2026, 1, 20),
        policy_year=2023,
        policy_note="",
        credit_cap=9,
        eligible_credits=3,
        pending_credits=3,
        requirements=(
            ProgressRequirementRow(
                "CERT-CORE",
                "Mandatory industry certification",
                "mandatory",
                3,
                "satisfied",
                ("Google IT Support Professional Certificate",),
                "Google IT Support: verified.",
            ),
            ProgressRequirementRow(
                "CERT-ELEC-1",
                "Certification elective I",
                "elective",
                3,
                "pending",
                ("IBM Data Science Professional Certificate",),
                "Complete, not verified yet.",
            ),
            ProgressRequirementRow(
                "CERT-ELEC-2",
                "Certification elective II",
                "elective",
                3,
                "unsatisfied",
                (),
                "None of the 8 accepted programs is complete.",
            ),
        ),
        programs=(
            ProgressProgramRow(
                "Google IT Support Professional Certificate",
                "Google",
                "completed",
                True,
                5,
                5,
                date(2025, 3, 14),
                "CERT-CORE",
                3,
                "eligible",
                "5 of 5 courses; verified.",
            ),
            ProgressProgramRow(
                "IBM Data Science Professional Certificate",
                "IBM",
                "completed",
                False,
                10,
                10,
                date(2025, 8, 2),
                "CERT-ELEC-1",
                3,
                "pending",
                "10 of 10; no certificate yet.",
            ),
            ProgressProgramRow(
                "Google Data Analytics Professional Certificate",
                "Google",
                "in_progress",
                False,
                3,
                8,
                None,
                None,
                0,
                None,
                "3 of 8 courses complete.",
            ),
        ),
    )


def cohort(students: int = 12) -> CohortSummaryData:
    rows = tuple(
        CohortStudentRow(
            f"fa23-bcs-{i:03d}",
            f"Student {i}",
            i % 3,
            (i + 1) % 3,
            1,
            3 * (i % 3),
            3 * ((i + 1) % 2),
            f"DIST/CERT/2026/{i:04d}" if i % 3 else "",
            "Fall 2023",
            9,
        )
        for i in range(1, students + 1)
    )
    programs = (
        CohortProgramRow("Google IT Support Professional Certificate", 6, 3, 3),
        CohortProgramRow("IBM Data Science Professional Certificate", 2, 5, 5),
        CohortProgramRow("Meta Front-End Developer Professional Certificate", 1, 1, 10),
    )
    return CohortSummaryData(
        "BSCS", "BS Computer Science", "Fall 2023", date(2026, 1, 20), rows, programs
    )
