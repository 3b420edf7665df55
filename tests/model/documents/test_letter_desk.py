"""What the letters desk reads before a batch: eligibility that agrees with the batch, and a
preview that numbers and registers nothing."""

from __future__ import annotations

from pathlib import Path

from advisor.model.services import Services
from tests.model.documents.conftest import TODAY


def test_eligibility_names_exactly_whom_the_batch_issues(
    certified: Services, tmp_path: Path
) -> None:
    before = certified.letters.eligibility(degree="BSCS", today=TODAY)
    to_issue = {row.roll_no for row in before if row.status == "eligible"}
    assert to_issue and all(row.reason for row in before)
    batch = certified.letters.issue_batch(
        degree="BSCS", today=TODAY, output=tmp_path / "batch.pdf", per_student=False
    )
    assert {letter.roll_no for letter in batch.issued} == to_issue
    after = {row.roll_no: row for row in certified.letters.eligibility(degree="BSCS", today=TODAY)}
    assert {r for r, row in after.items() if row.status == "has_letter"} == to_issue
    assert all(
        f"letter {letter.reference}" in after[letter.roll_no].reason for letter in batch.issued
    )


def test_a_preview_is_not_numbered_or_registered(certified: Services) -> None:
    roll_no = next(
        row.roll_no
        for row in certified.letters.eligibility(today=TODAY)
        if row.status == "eligible"
    )
    preview = certified.letters.preview(roll_no, today=TODAY)
    assert preview.pdf().startswith(b"%PDF")
    assert certified.letters.list() == []
    issued = certified.letters.issue(roll_no, today=TODAY)
    assert issued.record.reference == preview.record.reference  # the number was not used up
