"""One credit, one letter: a new letter supersedes the one the student holds, in one
transaction. No number without a letter: when the PDF cannot be written, nothing is numbered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.model.errors import ConflictError, ValidationError
from advisor.model.services import Services
from tests.model.documents.conftest import TODAY, certify
from tests.reports.pdf_reading import pdf_text


def test_a_new_letter_supersedes_the_one_held_and_never_two_are_in_force(
    certified: Services, tmp_path: Path
) -> None:
    first = certified.letters.issue("fa23-bcs-001", today=TODAY)
    with pytest.raises(ConflictError, match="already holds"):
        certified.letters.issue("fa23-bcs-001", today=TODAY)  # nothing new: reprint instead
    certify(
        certified,
        "fa23-bcs-001",
        "google-data-analytics",
        on=date(2025, 9, 1),
        certificate="GDA-1234",
    )
    assert (
        "supersedes " + first.record.reference
        in {r.roll_no: r.reason for r in certified.letters.eligibility(today=TODAY)}["fa23-bcs-001"]
    )
    second = certified.letters.issue("fa23-bcs-001", today=TODAY)
    assert second.document.supersedes == (first.record.reference,)
    text = pdf_text(second.pdf())
    assert f"supersedes letter {first.record.reference}" in text
    old = certified.letters.verify(first.record.code)
    assert old.status == "superseded" and second.record.reference in old.message
    assert certified.letters.verify(second.document.qr_payload).status == "valid"
    assert [r.status for r in certified.letters.list()] == ["superseded", "issued"]
    with pytest.raises(ConflictError, match="superseded"):
        certified.letters.reprint(first.record.reference)
    assert [k for k, *_ in certified.letters.history(first.record.reference)] == [
        "issued",
        "superseded",
    ]
    certified.trust.export_revocations(tmp_path / "withdrawn.json")
    assert first.record.reference in (tmp_path / "withdrawn.json").read_text()


def test_a_letter_whose_file_cannot_be_written_is_not_numbered(
    certified: Services, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "letter.pdf"
    in_the_way.mkdir()  # a folder where the file should go
    with pytest.raises(ValidationError, match="in the way"):
        certified.letters.issue("fa23-bcs-001", today=TODAY, output=in_the_way)
    assert certified.letters.list() == []
    target = tmp_path / "ok" / "letter.pdf"
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY, output=target)
    assert issued.record.reference.endswith("/0001")  # the failed try used no number
    assert target.read_bytes() == issued.pdf() and not list(target.parent.glob(".sanad-*"))
    with pytest.raises(ValidationError):
        certified.letters.reprint(issued.record.reference, output=in_the_way)
    assert certified.letters.list()[0].duplicate_count == 0  # the failed copy is not counted
