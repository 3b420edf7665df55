"""Policy screen: edits go through the import's validation; problems point at their entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from advisor.model.errors import Problem
from advisor.ui.errors import open_error_boxes
from advisor.ui.policy_editors import named_problem, problem_key
from advisor.ui.policy_screen import PolicyScreen


@pytest.fixture
def screen(qtbot, services, samples: Path) -> PolicyScreen:
    services.policy.import_file(samples / "policy.json")
    shown = PolicyScreen(services)
    qtbot.addWidget(shown)
    return shown


def select(screen: PolicyScreen, key: tuple[int, ...]) -> None:
    screen.tree.setCurrentItem(screen._find(key))


def test_shows_degrees_years_and_slots(screen: PolicyScreen, services) -> None:
    degrees = services.policy.current()["degrees"]
    assert screen.tree.topLevelItemCount() == len(degrees)
    first = screen.tree.topLevelItem(0)
    assert first.text(0).startswith(degrees[0]["code"])
    assert first.childCount() == len(degrees[0]["policies"])
    select(screen, (0, 0, 0))
    assert screen.editors.currentWidget() is screen.slot_editor
    assert screen.slot_editor.slot_id.text() == "CERT-CORE"


def test_editing_a_slot_and_saving(screen: PolicyScreen, services, qtbot) -> None:
    select(screen, (0, 0, 0))
    editor = screen.slot_editor
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Mandatory certification (edited)")
    editor.credits.setValue(4)
    assert screen.dirty
    assert "Mandatory certification (edited)" in screen.tree.currentItem().text(0)
    assert screen.save()
    saved = services.policy.current()["degrees"][0]["policies"][0]["requirements"][0]
    assert (saved["title"], saved["credits"]) == ("Mandatory certification (edited)", 4)
    assert not screen.dirty


def test_a_slot_without_programs_is_refused_and_the_problem_leads_to_it(
    screen: PolicyScreen, services
) -> None:
    before = services.policy.current()
    select(screen, (0, 0))
    screen.add_slot()
    new_key = screen.selected_key()
    assert new_key is not None and len(new_key) == 3
    assert not screen.save()
    assert screen.problems.count() >= 1
    select(screen, (0,))
    screen._go_to_problem(screen.problems.item(0))
    assert screen.selected_key() == new_key
    assert services.policy.current() == before


def test_ticking_programs_of_a_new_slot_makes_it_valid(screen: PolicyScreen, services) -> None:
    select(screen, (0, 0))
    screen.add_slot()
    programs = screen.slot_editor.programs
    programs.item(0).setCheckState(Qt.CheckState.Checked)
    assert screen.save()
    slots = services.policy.current()["degrees"][0]["policies"][0]["requirements"]
    assert slots[-1]["from"] == [programs.item(0).data(Qt.ItemDataRole.UserRole)]


def test_a_new_policy_year_copies_the_newest(screen: PolicyScreen, services) -> None:
    def years() -> list[int]:
        return [p["catalog_year"] for p in services.policy.current()["degrees"][0]["policies"]]

    before = years()
    select(screen, (0,))
    screen.add_policy_year()
    assert screen.policy_editor.catalog_year.value() == max(before) + 1
    assert screen.save()
    assert years() == [*before, max(before) + 1]


def test_importing_a_broken_file_changes_nothing(
    screen: PolicyScreen, services, tmp_path: Path, error_boxes
) -> None:
    before = services.policy.current()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "advisor-policy/1", "degrees": [}')
    assert not screen.import_file(bad)
    assert "line 1, column" in open_error_boxes()[-1].text()
    assert services.policy.current() == before


def test_problem_paths_are_read_down_to_the_slot() -> None:
    slot_path = ("degrees", 1, "policies", 0, "requirements", 2, "from")
    assert problem_key(Problem("x", path=slot_path)) == (1, 0, 2)
    assert problem_key(Problem("y", path=("degrees", 0))) == (0,)
    assert problem_key(Problem("y", path=("degrees", 0, "policies", 2, "exclusive", 1))) == (0, 2)
    assert problem_key(Problem("z", path=("institution",))) is None
    assert problem_key(Problem("no place at all")) is None


def test_problems_are_named_as_people_name_them(screen: PolicyScreen) -> None:
    path = ("degrees", 0, "policies", 0, "requirements", 1, "from")
    problem = Problem("'x' is not a program in the catalog.", path=path)
    assert str(problem) == (
        "degrees[0].policies[0].requirements[1].from: 'x' is not a program in the catalog."
    )
    assert named_problem(screen.doc, problem) == (
        "BSCS › intakes from 2023 › CERT-ELEC-1, from: 'x' is not a program in the catalog."
    )
    gone = Problem("gone", path=("degrees", 9))
    assert named_problem(screen.doc, gone) == "degrees[9]: gone."


def test_a_refused_save_lists_problems_that_lead_to_their_entry(screen: PolicyScreen) -> None:
    screen.doc["degrees"][0]["policies"][0]["requirements"][1]["from"] = ["no-such-program"]
    assert not screen.save()
    item = screen.problems.item(0)
    assert item.text().startswith("BSCS › intakes from 2023 › CERT-ELEC-1, from:")
    screen._go_to_problem(item)
    assert screen.selected_key() == (0, 0, 1)
