from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from sqlalchemy import select

from advisor.model.errors import DatabaseError
from advisor.model.schema import Letter, LetterSeries
from advisor.model.services import Services, open_services
from advisor.model.services.letter_service import StopFlag
from tests.conftest import TEST_PASSPHRASE, location_of, seat_admin
from tests.model.documents.conftest import TODAY, add_students, certify
from tests.reports.pdf_reading import pdf_pages


def test_a_batch_prints_one_pdf_and_lists_who_was_skipped_and_why(
    certified: Services, tmp_path: Path, qpdf_check
) -> None:
    certify(certified, "fa23-bcs-004", "meta-front-end-developer")
    calls: list[tuple[int, int, str]] = []
    out = tmp_path / "cohort.pdf"
    result = certified.letters.issue_batch(
        degree="BSCS",
        intake="Fall 2023",
        today=TODAY,
        output=out,
        per_student=False,
        progress=lambda *a: calls.append(a),
    )
    assert [r.roll_no for r in result.issued] == ["fa23-bcs-001", "fa23-bcs-004"]
    assert [r.reference for r in result.issued] == ["DIST/CERT/2026/0001", "DIST/CERT/2026/0002"]
    skipped = {s.roll_no: s.reason for s in result.skipped}
    assert set(skipped) == {"fa23-bcs-002", "fa23-bcs-003"}
    assert skipped["fa23-bcs-002"].startswith("no verified credits yet")
    assert [c[:2] for c in calls] == [(1, 4), (2, 4), (3, 4), (4, 4)] and not result.cancelled
    data = out.read_bytes()
    qpdf_check(data)
    pages = pdf_pages(data)
    assert len(pages) == 2 and "Ayesha Khan" in pages[0] and "Hassan Raza" in pages[1]
    # A second run issues nothing new: the same credits already stand on a letter.
    again = certified.letters.issue_batch(
        degree="BSCS",
        intake="Fall 2023",
        today=TODAY,
        output=tmp_path / "again.pdf",
        per_student=False,
    )
    assert again.issued == () and not (tmp_path / "again.pdf").exists()
    assert (
        "already holds letter DIST/CERT/2026/0001"
        in {s.roll_no: s.reason for s in again.skipped}["fa23-bcs-001"]
    )


def test_a_batch_into_a_folder_writes_one_file_per_letter(
    certified: Services, tmp_path: Path
) -> None:
    certify(certified, "fa23-bcs-004", "meta-front-end-developer")
    result = certified.letters.issue_batch(
        degree="BSCS", today=TODAY, output=tmp_path / "letters", per_student=True
    )
    names = sorted(p.name for p in (tmp_path / "letters").iterdir())
    assert names == ["DIST-CERT-2026-0001_fa23-bcs-001.pdf", "DIST-CERT-2026-0002_fa23-bcs-004.pdf"]
    assert sorted(p.name for p in result.files) == names


def test_a_cancelled_batch_keeps_every_letter_issued_so_far_numbered_and_printed(
    department: Services, tmp_path: Path
) -> None:
    certify(department, "fa23-bcs-001", "google-it-support")
    add_students(department, 5)
    stop = StopFlag()

    def progress(done: int, total: int, message: str) -> None:
        if done == 2:
            stop.cancel()

    out = tmp_path / "part.pdf"
    result = department.letters.issue_batch(
        intake="Fall 2023",
        degree="BSCS",
        today=TODAY,
        output=out,
        per_student=False,
        progress=progress,
        cancel=stop,
    )
    assert result.cancelled and result.total == 9
    assert [r.roll_no for r in result.issued] == ["fa23-bcs-001"]
    assert [s.roll_no for s in result.skipped] == ["fa23-bcs-002"]
    assert len(pdf_pages(out.read_bytes())) == 1
    with department.db.begin() as session:
        serials = sorted(session.scalars(select(Letter.serial)))
        last = session.scalars(select(LetterSeries.last_serial)).one()
    assert serials == [1] and last == 1


def _issue_as_a_clerk_would(services: Services, roll_no: str) -> str:
    """On a loaded machine one process can keep winning the write lock for longer than the
    other waits (10 s): that one is told nothing changed and to try again, and does."""
    for _ in range(5):
        try:
            return services.letters.issue(roll_no, today=TODAY).record.reference
        except DatabaseError as exc:
            if not exc.nothing_changed:
                raise
    return f"error: {roll_no} waited for the lock five times"


def _issue_many(db_file: str, rolls: list[str], barrier, results) -> None:  # type: ignore[no-untyped-def]
    services = open_services(db_file, create=False)
    seat_admin(services)
    try:
        services.keys.unlock(TEST_PASSPHRASE)
        barrier.wait()
        results.put([_issue_as_a_clerk_would(services, r) for r in rolls])
    except Exception as exc:  # report to the parent instead of dying silently
        results.put([f"error: {exc!r}"])
    finally:
        services.close()


def test_two_processes_issuing_at_once_get_distinct_gap_free_numbers(department: Services) -> None:
    rolls = add_students(department, 24)
    db_file = location_of(department)
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [
        context.Process(target=_issue_many, args=(db_file, rolls[i::2], barrier, results))
        for i in range(2)
    ]
    for w in workers:
        w.start()
    got = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    references = [ref for batch in got for ref in batch]
    assert not [r for r in references if r.startswith("error")], references
    serials = sorted(int(r.rsplit("/", 1)[1]) for r in references)
    assert serials == list(range(1, 25))
    with department.db.begin() as session:
        assert session.scalars(select(LetterSeries.last_serial)).one() == 24
        codes = session.scalars(select(Letter.verification_code)).all()
    assert len(set(codes)) == 24


def test_an_empty_selection_is_an_error_not_an_empty_pdf(
    certified: Services, tmp_path: Path
) -> None:
    from advisor.model.errors import NotFoundError

    with pytest.raises(NotFoundError, match="No student matches"):
        certified.letters.issue_batch(
            degree="BSCS",
            intake="Fall 2019",
            today=TODAY,
            output=tmp_path / "x.pdf",
            per_student=False,
        )
