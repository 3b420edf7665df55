"""A batch reads its cohort once (batch_snapshot.py) and still states exactly what one-by-one
issuing would; a write by anyone else between two letters is seen by the letters after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from advisor.model.database import backup_sqlite
from advisor.model.schema import Letter
from advisor.model.services import Services, batch_snapshot, letter_service, open_services
from tests.conftest import TEST_PASSPHRASE, seat_admin
from tests.model.documents.conftest import TODAY, add_students, certify
from tests.model.documents.test_letter_facts import _course_certificates
from tests.reports.pdf_reading import pdf_pages

NEW_BODY = "We confirm that {name} ({roll_no}) may transfer {credits} credit hours."


def contents(services: Services) -> dict[str, str]:
    with services.db.read() as session:
        return {r.reference: r.content for r in session.scalars(select(Letter))}


@pytest.mark.sqlite_only
def test_a_batch_states_what_one_by_one_issuing_states(certified: Services, tmp_path: Path) -> None:
    certify(certified, "fa23-bcs-004", "meta-front-end-developer")
    _course_certificates(certified, "fa23-bcs-004", "google-it-support")  # codes course by course
    add_students(certified, 5)
    copy = tmp_path / "one-by-one.db"
    backup_sqlite(Path(str(certified.db.file)), copy)
    batch = certified.letters.issue_batch(
        degree="BSCS", today=TODAY, output=tmp_path / "batch.pdf", per_student=False
    )
    single = open_services(str(copy))
    seat_admin(single)
    single.keys.unlock(TEST_PASSPHRASE)
    try:
        # the codes differ (each ECDSA signature draws a fresh random number): set aside
        pages, printed = [], pdf_pages((tmp_path / "batch.pdf").read_bytes())
        for record in batch.issued:
            issued = single.letters.issue(record.roll_no, today=TODAY)
            code = issued.record.code
            pages += [page.replace(code, "CODE") for page in pdf_pages(issued.pdf())]
            printed = [page.replace(record.code, "CODE") for page in printed]
        assert len(batch.issued) == 7
        assert contents(single) == contents(certified)  # every sealed word, number and line
        # and every printed word besides: certificate codes, how each was verified, the wording
        assert printed == pages
    finally:
        single.close()


def test_a_batch_reads_each_student_from_its_snapshot(
    certified: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def per_student_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a batch with no other writer reads its cohort once")

    monkeypatch.setattr(letter_service, "audit_one", per_student_read)
    add_students(certified, 3)
    result = certified.letters.issue_batch(
        degree="BSCS", today=TODAY, output=tmp_path / "batch.pdf", per_student=True
    )
    assert len(result.issued) == 4


def test_a_batch_reads_certificate_facts_and_the_key_once(
    certified: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def per_letter_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a batch with no other writer reads its cohort's records once")

    unlocked: list[object] = []
    real_key = letter_service.signing_key_for

    def key_for(*args: object, **kwargs: object) -> object:
        unlocked.append(args)
        return real_key(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(letter_service, "with_certificate_facts", per_letter_read)
    monkeypatch.setattr(letter_service, "signing_key_for", key_for)
    monkeypatch.setattr(batch_snapshot, "signing_key_for", key_for)
    add_students(certified, 6)
    result = certified.letters.issue_batch(
        degree="BSCS", today=TODAY, output=tmp_path / "batch.pdf", per_student=False
    )
    assert len(result.issued) == 7
    assert len(unlocked) == 2  # before the batch, and to sign its PDF: not once a letter


def test_a_change_made_during_the_batch_reaches_the_letters_after_it(
    certified: Services, tmp_path: Path
) -> None:
    certify(certified, "fa23-bcs-004", "meta-front-end-developer")
    changed: list[str] = []

    def someone_edits_the_wording(done: int, total: int, message: str) -> None:
        if "issued" in message and not changed:  # another clerk saves new wording
            wording = certified.institution.letter_wording()
            certified.institution.save_letter_wording(NEW_BODY, wording.conditions)
            changed.append(message)

    out = tmp_path / "batch.pdf"
    result = certified.letters.issue_batch(
        degree="BSCS",
        today=TODAY,
        output=out,
        per_student=False,
        progress=someone_edits_the_wording,
    )
    assert [r.roll_no for r in result.issued] == ["fa23-bcs-001", "fa23-bcs-004"]
    first, second = pdf_pages(out.read_bytes())
    assert "may transfer" not in first
    assert "We confirm that Hassan Raza (fa23-bcs-004) may transfer 3 credit hours" in second
