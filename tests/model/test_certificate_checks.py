"""The verification desk: a person's certificate check makes a course or program verified in
the audit (and in `audit --all`, the letters' facts and the pending list); bad input changes
nothing; the check is in the change log with who, when and the note."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.model.certificate_code import certificate_code, certificate_kind, checked_code
from advisor.model.errors import AdvisorError, NotFoundError, PermissionDenied, ValidationError
from advisor.model.services import Services
from advisor.model.services.certificate_check_service import CheckRequest
from advisor.model.services.history_service import LogFilter
from tests.conftest import seat_as
from tests.model.conftest import dump
from tests.model.test_progress_import import import_all

TODAY = date(2026, 1, 31)
ALI = "fa23-bcs-002"  # Google Data Analytics complete from 8 course records without URLs
GDA = "google-data-analytics"
GDA_COURSES = (
    "foundations-data",
    "ask-questions-make-decisions",
    "data-preparation",
    "process-data",
    "analyze-data",
    "visualize-data",
    "data-analysis-r",
    "google-data-analytics-capstone",
)


@pytest.fixture
def imported(department: Services, samples: Path) -> Services:
    import_all(department, samples)
    return department


def gda(services: Services):  # type: ignore[no-untyped-def]
    audit = services.audit.audit_student(ALI, today=TODAY)
    program = audit.program(GDA)
    assert program is not None
    return audit, program


def test_coursera_verify_urls_are_reduced_to_their_code() -> None:
    base = "https://www.coursera.org/account/accomplishments"
    assert checked_code(f"{base}/verify/ABC123") == ("ABC123", "course")
    assert checked_code(f"{base}/specialization/ABC123") == ("ABC123", "program")
    assert checked_code(f"{base}/specialization/certificate/ABC123") == ("ABC123", "program")
    assert checked_code(f"{base}/professional-cert/ABC123?utm_source=x") == ("ABC123", "program")
    assert checked_code("https://coursera.org/verify/professional-cert/7QX2") == ("7QX2", "program")
    assert checked_code("  ABC123XYZ ") == ("ABC123XYZ", None)
    assert certificate_code(f"{base}/verify/ABC123") == "ABC123"
    assert certificate_kind("ABC123") is None
    for bad in ("", "   ", "seen it", "A1", "ABC/123", "https://www.coursera.org/verify/"):
        with pytest.raises(ValidationError):
            checked_code(bad)


def test_a_program_check_makes_it_verified_and_its_credits_eligible(imported: Services) -> None:
    before, program = gda(imported)
    assert program.status == "completed" and not program.verified
    assert before.pending_credits == 3 and before.eligible_credits == 0
    assert [i.program for i in imported.certificates.pending(today=TODAY)] == [GDA]
    record = imported.certificates.verify_program(
        ALI,
        GDA,
        "https://www.coursera.org/account/accomplishments/professional-cert/ABC123",
        today=TODAY,
        note="seen on Coursera, name matches",
    )
    assert (record.code, record.checked_by, record.checked_on) == ("ABC123", "admin", TODAY)
    after, program = gda(imported)
    assert program.verified and program.certificate == "ABC123"
    assert after.eligible_credits == 3 and after.pending_credits == 0
    assert imported.certificates.pending(today=TODAY) == []
    cohort = {a.roll_no: a for a in imported.audit.audit_cohort("BSCS", today=TODAY)}
    assert cohort[ALI].eligible_credits == 3  # the cohort path reads the same record
    (courses,) = imported.certificates.student_certificates(ALI, [GDA])
    assert courses.code == "ABC123" and courses.verified_how == f"checked by admin on {TODAY}"
    assert courses.note == "seen on Coursera, name matches"
    events = imported.history.events(LogFilter(roll_no=ALI))
    check = next(e for e in events if e.action == "certificate.verify")
    assert check.user == "admin" and "ABC123" in check.summary
    assert check.reason == "seen on Coursera, name matches"


def test_course_checks_verify_the_program_once_every_course_is_checked(imported: Services) -> None:
    for n, course in enumerate(GDA_COURSES):
        _, program = gda(imported)
        assert not program.verified, "verified only once every counted course is"
        imported.certificates.verify_course(
            ALI,
            course,
            f"https://www.coursera.org/account/accomplishments/verify/C0DE{n}X",
            today=TODAY,
        )
    _, program = gda(imported)
    assert program.verified
    (courses,) = imported.certificates.student_certificates(ALI, [GDA])
    first = courses.courses[0]
    assert (first.slug, first.code) == ("foundations-data", "C0DE0X")
    assert first.verified_how == f"checked by admin on {TODAY}"


def test_several_checks_at_once_are_all_or_nothing(imported: Services) -> None:
    before = dump(imported)
    requests = [
        CheckRequest(ALI, "GOOD123", course="foundations-data"),
        CheckRequest(ALI, "", course="process-data"),  # no code
        CheckRequest(ALI, "GOOD456", course="no-such-course"),
        CheckRequest("fa23-bcs-001", "GOOD789", course="foundations-data"),  # not in the record
    ]
    with pytest.raises(ValidationError) as refused:
        imported.certificates.verify_many(requests, today=TODAY)
    text = str(refused.value)
    assert text.startswith("Nothing was recorded: 3 of 4")
    assert "process-data: Type the certificate code" in text
    assert "There is no course 'no-such-course'" in text
    assert "not part of fa23-bcs-001's record" in text
    assert dump(imported) == before
    done = imported.certificates.verify_many(
        requests[:1] + [requests[1].__class__(ALI, "GOOD456", course="process-data")], today=TODAY
    )
    assert [r.slug for r in done] == ["foundations-data", "process-data"]


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"course": "foundations-data", "code": "  "}, ValidationError, "Type the certificate"),
        ({"course": "nope", "code": "ABC123"}, NotFoundError, "no course 'nope'"),
        ({"course": "it-security", "code": "ABC123"}, ValidationError, "not part of"),
        ({"course": "linux-and-sql", "code": "ABC123"}, ValidationError, "not completed"),
        ({"program": "google-cybersecurity", "code": "ABC123"}, ValidationError, "not complete"),
        ({"program": "google-it-support", "code": "ABC123"}, ValidationError, "not part of"),
        (
            {"program": GDA, "code": "https://coursera.org/verify/ABC123"},
            ValidationError,
            "course certificate",
        ),
        (
            {
                "course": "foundations-data",
                "code": "https://coursera.org/verify/specialization/AB1",
            },
            ValidationError,
            "for the program",
        ),
    ],
)
def test_bad_checks_are_refused_and_change_nothing(
    imported: Services, kwargs: dict[str, str], error: type[AdvisorError], words: str
) -> None:
    before = dump(imported)
    kwargs = dict(kwargs)  # the parameter's dict is shared by the SQLite and server runs
    code = kwargs.pop("code")
    with pytest.raises(error, match=words):
        if "course" in kwargs:
            imported.certificates.verify_course(ALI, kwargs["course"], code, today=TODAY)
        else:
            imported.certificates.verify_program(ALI, kwargs["program"], code, today=TODAY)
    assert dump(imported) == before
    with pytest.raises(NotFoundError):
        imported.certificates.verify_course("nobody", "foundations-data", "ABC123", today=TODAY)


def test_advisors_and_the_office_may_verify_a_viewer_may_not(imported: Services) -> None:
    seat_as(imported, "vera", "viewer")
    with pytest.raises(PermissionDenied):
        imported.certificates.verify_course(ALI, "foundations-data", "ABC123", today=TODAY)
    seat_as(imported, "adil", "advisor")
    imported.certificates.verify_course(ALI, "foundations-data", "ABC123", today=TODAY)
    seat_as(imported, "omar", "office")
    record = imported.certificates.verify_course(ALI, "process-data", "DEF456", today=TODAY)
    assert record.checked_by == "omar"


def test_a_later_import_keeps_the_check(imported: Services, samples: Path) -> None:
    imported.certificates.verify_program(ALI, GDA, "ABC123", today=TODAY)
    import_all(imported, samples)
    _, program = gda(imported)
    assert program.verified and program.certificate == "ABC123"


def test_a_letter_says_who_checked_the_certificate(imported: Services) -> None:
    from advisor.model.services.letter_facts import with_certificate_facts
    from advisor.model.store.students import require_student_id
    from advisor.reports.documents import LetterLine

    imported.certificates.verify_program(ALI, GDA, "ABC123", today=TODAY)
    line = LetterLine("Google Data Analytics", "Google", TODAY, "", "CERT-ELEC-1", "Elective", 3)
    with imported.db.read() as session:
        sid = require_student_id(session, ALI)
        (out,) = with_certificate_facts(session, sid, (line,), (GDA,))
    assert out.certificate == "ABC123" and out.verified_how == "checked by admin on 31 Jan 2026"
