"""Editing policies from the screen: the same validation as a file, years removed one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.services import Services


def test_edits_are_saved_and_read_back(services: Services, samples: Path) -> None:
    services.policy.import_file(samples / "policy.json")
    data = services.policy.current()
    del data["institution"]  # the screen leaves the institution to Settings
    slot = data["degrees"][0]["policies"][0]["requirements"][0]
    slot["title"] = "Mandatory certification (edited)"
    slot["from"] = slot["from"][:2]
    services.policy.save_edited(data)
    again = services.policy.current()["degrees"][0]["policies"][0]["requirements"][0]
    assert again["title"] == "Mandatory certification (edited)"
    assert again["from"] == slot["from"]
    assert services.policy.institution() is not None


def test_a_bad_edit_names_the_entry_and_changes_nothing(services: Services, samples: Path) -> None:
    services.policy.import_file(samples / "policy.json")
    before = services.policy.current()
    data = services.policy.current()
    data["degrees"][0]["policies"][0]["requirements"][1]["from"] = ["no-such-program"]
    with pytest.raises(ValidationError) as caught:
        services.policy.save_edited(data)
    assert caught.value.texts == [
        "degrees[0].policies[0].requirements[1].from: 'no-such-program' is not a program in the catalog."
    ]
    assert services.policy.current() == before


def test_removing_a_policy_year(services: Services, samples: Path) -> None:
    services.policy.import_file(samples / "policy.json")
    code = services.policy.degrees()[0].code
    years = services.policy.degrees()[0].policy_years
    services.policy.remove_policy_year(code, years[-1])
    assert services.policy.degrees()[0].policy_years == years[:-1]
    with pytest.raises(NotFoundError, match="no policy for intake year 1999"):
        services.policy.remove_policy_year(code, 1999)
