"""Real screens hear what another screen wrote: a letter issued in the student's workspace is
in the Letters screen's cohort the next time it is shown, with no manual refresh; a screen that
does not show letters is not read again."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from advisor.ui.app import build_window

ROLL = "fa23-bcs-001"


def test_a_letter_issued_in_the_workspace_reaches_the_letters_screen(
    qtbot, advised, tmp_path, inline_tasks, monkeypatch
) -> None:
    monkeypatch.setattr("advisor.ui.students_screen.show_pdf", lambda *a, **k: None)
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    window = build_window(advised, settings)
    qtbot.addWidget(window)
    letters = window.show_screen("Letters")
    policy = window.show_screen("Policy")
    assert {r.roll_no: r.status for r in letters.rows}[ROLL] == "eligible"

    students = window.show_screen("Students")
    students.open_student(ROLL)
    assert students.workspace.letters_tab.issue_letter() is not None

    assert letters.stale and not policy.stale
    window.show_screen("Letters")
    assert {r.roll_no: r.status for r in letters.rows}[ROLL] == "has_letter"
    assert not letters.stale
