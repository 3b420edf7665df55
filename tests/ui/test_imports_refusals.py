"""The import desk on a small screen: a refused file's problems save as a CSV for Excel, and a
long dry-run summary scrolls instead of pushing the buttons out of a 1366×768 window."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from advisor.model.services.import_service import ImportOutcome
from advisor.ui.imports_screen import ImportsScreen


def test_a_refused_roster_offers_its_problems_as_csv(
    qtbot, services, samples: Path, tmp_path: Path, inline_tasks
) -> None:
    services.policy.import_file(samples / "policy.json")
    screen = ImportsScreen(services)
    qtbot.addWidget(screen)
    screen.open_file(samples / "roster.csv")
    assert screen.save_problems_button.isHidden()  # nothing refused: nothing to save
    bad = tmp_path / "roster.csv"
    bad.write_text("Roll No;Name;Program;Intake\nfa23-bcs-001;Ali;BSXX;Fall 2023\n")
    screen.open_file(bad)
    assert not screen.save_problems_button.isHidden()
    assert screen.save_problems(tmp_path / "fix-these") == 1
    with (tmp_path / "fix-these.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:2] == ["2", "C (Program)"]
    assert "saved to" in screen.summary.text()


def test_a_long_dry_run_summary_keeps_the_buttons_in_a_1366_by_768_window(
    qtbot, services, samples: Path, inline_tasks
) -> None:
    screen = ImportsScreen(services)
    qtbot.addWidget(screen)
    screen.open_file(samples / "roster.csv")
    notes = "".join(f"\nNote: row {n} said something Sanad read otherwise." for n in range(40))
    screen._rehearsed(
        ImportOutcome("roster", "Student roster", "roster.csv", "Roster." + notes, (), dry_run=True)
    )
    screen.resize(1366 - 170, 768 - 40)  # the window less the sidebar and status bar
    screen.show()
    qtbot.waitExposed(screen)
    QApplication.processEvents()
    for button in (screen.import_button, screen.check_button):
        box = QRect(button.mapTo(screen, QPoint(0, 0)), button.size())
        assert screen.rect().contains(box), button.text()
    assert screen.height() <= 768 - 40
