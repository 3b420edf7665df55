from datetime import date

import pytest

from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.services import Services


@pytest.fixture
def roster(services: Services, samples):
    services.policy.import_file(samples / "policy.json")
    services.students.import_roster(samples / "roster.csv")
    return services


def test_notes_are_kept_newest_first(roster: Services) -> None:
    roster.notes.add_note(
        "fa23-bcs-001", "Discussed Google IT Support.", written_on=date(2025, 3, 1)
    )
    roster.notes.add_note("FA23-BCS-001", "  Plan approved.  ", written_on=date(2025, 4, 2))
    notes = roster.notes.list_notes("fa23-bcs-001")
    assert [n.text for n in notes] == ["Plan approved.", "Discussed Google IT Support."]
    assert notes[0].written_on == date(2025, 4, 2)
    assert roster.notes.list_notes("fa23-bcs-002") == []


def test_an_empty_note_or_unknown_student_is_refused(roster: Services) -> None:
    with pytest.raises(ValidationError, match="empty"):
        roster.notes.add_note("fa23-bcs-001", "   ", written_on=date(2025, 1, 1))
    with pytest.raises(NotFoundError, match="XX-1"):
        roster.notes.add_note("XX-1", "hello", written_on=date(2025, 1, 1))


def test_student_search_matches_roll_name_or_email(roster: Services) -> None:
    assert [s.roll_no for s in roster.students.list(search="ayesha")] == ["fa23-bcs-001"]
    assert [s.roll_no for s in roster.students.list(search="BCS-002")] == ["fa23-bcs-002"]
    assert [s.roll_no for s in roster.students.list(search="zahra dist.edu")] == ["fa23-bcs-003"]
    assert roster.students.list(search="nobody-like-this") == []
    assert len(roster.students.list(search="")) == len(roster.students.list())
