import json
from datetime import date
from pathlib import Path

import pytest

from advisor.model.demo import load_demo
from advisor.model.errors import ConflictError
from advisor.model.services import Services
from tests.conftest import DEMO_SAMPLES
from tests.model.conftest import dump


def test_demo_loads_once_and_a_second_run_changes_nothing(services: Services) -> None:
    summary = load_demo(services)
    assert "10 students" in summary and "122 course records" in summary and "DIST" in summary
    before = dump(services)
    assert load_demo(services) == "The demo department is already loaded; nothing changed."
    assert dump(services) == before


def test_demo_matches_the_expected_audit(services: Services) -> None:
    """The imports end to end: the audit of the demo data says what expected-audit.json says."""
    load_demo(services)
    expected = json.loads((DEMO_SAMPLES / "expected-audit.json").read_text())["students"]
    for roll, want in expected.items():
        got = services.audit.audit_student(roll, today=date(2026, 1, 15))
        slots = {r.id: list(r.satisfied_by) for r in got.requirements if r.satisfied_by}
        assert (got.policy_year, got.eligible_credits, got.pending_credits, slots) == (
            want["policy_year"],
            want["eligible_credits"],
            want["pending_credits"],
            want["slots"],
        ), roll


def test_demo_is_not_mixed_into_a_real_department(
    services: Services, samples: Path, tmp_path: Path
) -> None:
    services.policy.import_file(samples / "policy.json")
    roster = tmp_path / "real.csv"
    roster.write_text("Roll No,Name,Program,Intake\nfa21-bcs-777,Real Person,BSCS,Fall 2021\n")
    services.students.import_roster(roster)
    before = dump(services)
    with pytest.raises(
        ConflictError, match="1 student\\(s\\) who are not demo students \\(e.g. fa21-bcs-777\\)"
    ):
        load_demo(services)
    assert dump(services) == before
