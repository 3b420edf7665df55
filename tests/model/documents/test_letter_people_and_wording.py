"""Issue 10 items 5 and 6: a degree's letters are signed by its own people and name its
department; the letter's words are true and editable per institution."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from advisor.model.demo import load_demo
from advisor.model.errors import ValidationError
from advisor.model.policy_file import SignatorySpec
from advisor.model.services import Services
from tests.conftest import DEMO_SAMPLES
from tests.reports.pdf_reading import pdf_text

TODAY = date(2026, 1, 20)
BBA_PEOPLE = (
    SignatorySpec("Dr. Farah Naz", "Chairperson, Department of Business Administration"),
    SignatorySpec("Mr. Khalid Mehmood", "Controller of Examinations"),
)


@pytest.fixture
def demo(services: Services) -> Services:
    load_demo(services)
    return services


def test_a_bba_letter_is_signed_by_the_bba_not_computer_science(demo: Services) -> None:
    demo.institution.save_degree_letter_people(
        "BBA", department="Department of Business Administration", signatories=BBA_PEOPLE
    )
    bba = pdf_text(demo.letters.issue("fa23-bba-001", today=TODAY).pdf())
    assert "Dr. Farah Naz" in bba and "Chairperson, Department of Business Administration" in bba
    assert "Department of Computer Science" not in bba
    assert "the Department of Business Administration" in bba  # the body names it
    # a degree with none recorded keeps the institution's signatories
    bscs = pdf_text(demo.letters.issue("fa23-bcs-001", today=TODAY).pdf())
    assert "Chairperson, Department of Computer Science" in bscs and "Farah Naz" not in bscs


def test_the_policy_file_carries_per_degree_signatories_and_old_files_stay_valid(
    demo: Services, tmp_path: Path
) -> None:
    data = json.loads((DEMO_SAMPLES / "policy.json").read_text())
    bba = next(d for d in data["degrees"] if d["code"] == "BBA")
    bba["department"] = "Department of Business Administration"
    bba["signatories"] = [{"name": s.name, "title": s.title} for s in BBA_PEOPLE]
    (tmp_path / "policy.json").write_text(json.dumps(data))
    demo.policy.import_file(tmp_path / "policy.json")
    people = {p.code: p for p in demo.institution.degree_letter_people()}
    assert people["BBA"].signatories == BBA_PEOPLE
    assert people["BBA"].department == "Department of Business Administration"
    assert people["BSCS"].signatories == ()
    exported = demo.policy.current()
    assert next(d for d in exported["degrees"] if d["code"] == "BBA")["signatories"][0] == {
        "name": "Dr. Farah Naz",
        "title": "Chairperson, Department of Business Administration",
    }
    # the old file, without them, imports and leaves what is recorded
    demo.policy.import_file(DEMO_SAMPLES / "policy.json")
    assert {p.code: p for p in demo.institution.degree_letter_people()}["BBA"].signatories == (
        BBA_PEOPLE
    )


def test_no_policy_for_the_intake_is_said_as_the_audit_says_it(demo: Services) -> None:
    text = pdf_text(demo.letters.issue("fa22-bcs-010", today=TODAY).pdf())
    assert "(credit policy of catalog year 2023)" not in text
    assert "the oldest on record (no policy covers the Fall 2022 intake)" in text
    current = pdf_text(demo.letters.issue("fa23-bba-001", today=TODAY).pdf())
    assert "catalog year 2023, which applies to the Fall 2023 intake" in current


def test_the_letter_wording_is_editable_with_placeholders(demo: Services) -> None:
    demo.institution.save_letter_wording(
        "We confirm that **{name}** ({roll_no}) may transfer **{credits}** to {degree}.",
        ["Recorded as transferred credit under {policy}.", "", "Not part of the CGPA."],
    )
    text = pdf_text(demo.letters.issue("fa23-bba-001", today=TODAY).pdf())
    assert "We confirm that Usman Tariq (fa23-bba-001) may transfer 6 credit hours" in text
    assert "Not part of the CGPA." in text and "HEC–Coursera" not in text
    with pytest.raises(ValidationError) as refused:
        demo.institution.save_letter_wording("Dear {student}", ["{credit} hours"])
    assert any("{student}" in p for p in refused.value.texts)
    assert any("{credit}" in p for p in refused.value.texts)
    demo.institution.reset_letter_wording()
    assert "HEC–Coursera" in pdf_text(demo.letters.issue("fa23-bba-002", today=TODAY).pdf())
