from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from advisor.model.errors import ConflictError, NotFoundError, ValidationError
from advisor.model.schema import Institution, LetterSeries
from advisor.model.services import Services
from tests.conftest import seat_as
from tests.model.documents.conftest import TODAY, certify
from tests.reports.pdf_reading import pdf_pages, pdf_text


def test_a_letter_certifies_exactly_the_verified_credits_of_the_audit(
    certified: Services, qpdf_check
) -> None:
    audit = certified.audit.audit_student("fa23-bcs-001", today=TODAY)
    eligible = [p for p in audit.counted_programs if p.credit_status == "eligible"]
    pending = [p for p in audit.programs if p.credit_status == "pending"]
    assert eligible and pending, "the fixture must give both kinds"

    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    data = issued.pdf()
    qpdf_check(data)
    text = pdf_text(data)
    assert issued.record.reference == "DIST/CERT/2026/0001"
    assert issued.record.credits == audit.eligible_credits == sum(p.credits for p in eligible)
    for fact in (
        "DIST/CERT/2026/0001",
        "20 January 2026",
        "Ayesha Khan D/O Imran Khan",
        "fa23-bcs-001",
        "35202-1234567-2",
        "BS Computer Science",
        "Fall 2023",
        "Demo Institute of Science & Technology",
        "12-B Canal Road",
        "Dr. Saima Anwar",
        "Mr. Khalid Mehmood",
        "transferred credit",
        "does not enter the CGPA",
        issued.record.code,
        f"Total credit hours {audit.eligible_credits}",
    ):
        assert fact in text, fact
    for p in eligible:
        assert p.title in text and p.provider in text and p.counted_for in text
        assert f"{p.completed_on.day} {p.completed_on:%b %Y}" in text
    assert "ABC123XYZ" in text and "IBMDS-7788" in text  # a verify URL prints as its code
    for p in pending:
        assert p.title not in text
    assert len(pdf_pages(data)) == 1


def test_a_student_without_verified_credits_is_refused_and_no_number_is_used(
    certified: Services,
) -> None:
    with pytest.raises(
        ValidationError, match="fa23-bcs-002.*no verified credits yet: 3 credit hours wait"
    ):
        certified.letters.issue("fa23-bcs-002", today=TODAY)
    with pytest.raises(ValidationError, match="fa23-bcs-003.*no completed certification"):
        certified.letters.issue("fa23-bcs-003", today=TODAY)
    with pytest.raises(NotFoundError, match="no student with roll number 'nobody'"):
        certified.letters.issue("nobody", today=TODAY)
    assert certified.letters.issue("fa23-bcs-001", today=TODAY).record.reference.endswith("/0001")
    assert certified.letters.list() == [certified.letters.list()[0]]


@pytest.mark.sqlite_only
def test_without_an_institution_letters_are_refused_with_what_to_do(certified: Services) -> None:
    with certified.db.begin() as session:
        for row in session.scalars(select(Institution)):
            session.delete(row)
    with pytest.raises(ValidationError, match="import a policy file with an institution block"):
        certified.letters.issue("fa23-bcs-001", today=TODAY)
    with pytest.raises(ValidationError, match="Settings"):
        certified.letters.issue_batch(
            today=TODAY, output=certified.db.file.with_suffix(".pdf"), per_student=False
        )


def test_numbers_follow_on_without_gaps_and_restart_each_year(certified: Services) -> None:
    certify(certified, "fa23-bcs-003", "google-cybersecurity")
    certify(certified, "fa23-bcs-004", "meta-front-end-developer")
    refs = [
        certified.letters.issue(r, today=TODAY).record.reference
        for r in ("fa23-bcs-001", "fa23-bcs-003")
    ]
    next_year = certified.letters.issue("fa23-bcs-004", today=date(2027, 1, 5)).record.reference
    assert (
        refs == ["DIST/CERT/2026/0001", "DIST/CERT/2026/0002"]
        and next_year == "DIST/CERT/2027/0001"
    )
    with certified.db.begin() as session:
        series = {(s.year, s.last_serial) for s in session.scalars(select(LetterSeries))}
    assert series == {(2026, 2), (2027, 1)}


def test_the_same_credits_are_not_certified_twice_while_a_letter_stands(
    certified: Services,
) -> None:
    first = certified.letters.issue("fa23-bcs-001", today=TODAY)
    with pytest.raises(
        ConflictError, match=f"already holds letter {first.record.reference}.*reprint"
    ):
        certified.letters.issue("fa23-bcs-001", today=TODAY)
    certified.letters.revoke(first.record.reference, reason="issued with the wrong date")
    again = certified.letters.issue("fa23-bcs-001", today=TODAY)
    assert again.record.reference == "DIST/CERT/2026/0002"


def test_verify_then_revoke_then_verify(certified: Services) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    code = issued.record.code
    ok = certified.letters.verify(code.lower().replace("-", " "))
    assert (ok.status, ok.reference, ok.roll_no, ok.credits) == (
        "valid",
        issued.record.reference,
        "fa23-bcs-001",
        issued.record.credits,
    )
    with pytest.raises(ValidationError, match="Say why"):
        certified.letters.revoke(issued.record.reference, reason="  ")
    seat_as(certified, "office", "controller")
    certified.letters.revoke(issued.record.reference, reason="student withdrew")
    revoked = certified.letters.verify(code)
    assert (
        revoked.status == "revoked"
        and "student withdrew" in revoked.message
        and "office" in revoked.message
    )
    with pytest.raises(ConflictError, match="already revoked"):
        certified.letters.revoke(issued.record.reference, reason="again")
    kinds = [kind for kind, *_ in certified.letters.history(issued.record.reference)]
    assert kinds == ["issued", "revoked"]
    assert [r.status for r in certified.letters.list()] == ["revoked"]  # kept, not deleted


def test_a_code_that_is_not_in_the_register_is_unknown_and_text_that_is_no_code_is_not_sanad(
    certified: Services,
) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    code = issued.record.code
    flipped = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert certified.letters.verify(flipped).status == "unknown"
    assert certified.letters.verify("not a code").status == "not_sanad"
    assert certified.letters.verify("").status == "not_sanad"
    assert certified.letters.verify(code.lower().replace("-", " ")).status == "valid"


def test_a_reprint_is_the_registered_letter_marked_duplicate_and_counted(
    certified: Services, qpdf_check
) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    with certified.db.begin() as session:  # the student's record changes after the letter
        from advisor.model.schema import Student

        session.scalars(
            select(Student).where(Student.roll_no == "fa23-bcs-001")
        ).one().name = "Ayesha K. Malik"
    copy = certified.letters.reprint(issued.record.reference)
    data = copy.pdf()
    qpdf_check(data)
    text = pdf_text(data)
    assert "DUPLICATE" in text and issued.record.code in text and "Ayesha Khan" in text
    assert "Ayesha K. Malik" not in text  # the sealed content, not today's record
    assert certified.letters.reprint(issued.record.reference).record.duplicate_count == 2
    assert [k for k, *_ in certified.letters.history(issued.record.reference)] == [
        "issued",
        "duplicate",
        "duplicate",
    ]
    assert certified.letters.verify(issued.record.code).status == "valid"
    certified.letters.revoke(issued.record.reference, reason="wrong")
    with pytest.raises(ConflictError, match="revoked"):
        certified.letters.reprint(issued.record.reference)
    with pytest.raises(NotFoundError):
        certified.letters.reprint("DIST/CERT/2026/9999")
