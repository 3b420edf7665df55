"""Finding a student from what a person types: roll numbers in any case and without dashes,
near misses of names, and an honest empty result."""

from __future__ import annotations

import pytest

from advisor.model.name_search import compact, near_match, near_word
from advisor.model.services import Services


def rolls(found) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.roll_no for r in found.rows]


@pytest.mark.parametrize("typed", ["fa23bcs003", "FA23BCS003", "Fa23-Bcs-003", "bcs003"])
def test_a_roll_number_in_any_case_and_without_dashes(department: Services, typed: str) -> None:
    found = department.students.find(search=typed)
    assert rolls(found) == ["fa23-bcs-003"] and not found.near


def test_near_misses_of_a_name_when_nothing_matches_exactly(department: Services) -> None:
    found = department.students.find(search="fatma")
    assert rolls(found) == ["fa23-bcs-003"] and found.near and found.search == "fatma"
    assert rolls(department.students.find(search="fatma zahra")) == ["fa23-bcs-003"]
    # An exact match wins: no near misses are mixed in.
    exact = department.students.find(search="fatima")
    assert rolls(exact) == ["fa23-bcs-003"] and not exact.near


def test_nothing_near_is_an_empty_result_with_the_search(department: Services) -> None:
    found = department.students.find(search="  xyz ")
    assert found.rows == () and not found.near and found.search == "xyz"


def test_filters_still_apply_to_near_misses(department: Services) -> None:
    assert department.students.find(degree="BBA", search="fatma").rows == ()


def test_the_plain_list_stays_exact(department: Services) -> None:
    assert department.students.list(search="fatma") == []
    assert [s.roll_no for s in department.students.list(search="fa23bcs003")] == ["fa23-bcs-003"]


def test_near_words() -> None:
    assert compact("FA23-BCS-003") == compact("fa23 bcs/003") == "fa23bcs003"
    assert near_word("fatma", "fatima")  # one letter left out
    assert near_word("muhammed", "muhammad") and near_word("mohammad", "muhammad")
    assert near_word("hasan", "hassan") and near_word("fatm", "fatima")  # still typing
    assert not near_word("xyz", "zahra") and not near_word("ali", "bali")
    assert not near_word("atima", "fatima")  # the first letter must agree
    assert not near_word("fa", "fi")  # two letters: only a start counts
    assert near_match("fatma", "Fatima Zahra", "fa23-bcs-003", "fatima.zahra@dist.edu.pk")
    assert not near_match("fatma khan", "Fatima Zahra", "fa23-bcs-003", "")
