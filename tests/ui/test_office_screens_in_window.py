"""The office screens inside the real main window: each opens on a real department without an
error, and a restore from Settings rebuilds the other screens on the restored data."""

from __future__ import annotations

from pathlib import Path

from advisor.ui.errors import open_error_boxes
from advisor.ui.main_window import MainWindow, ui_settings

OFFICE = ("Letters", "Imports", "Policy", "Settings")


def test_each_office_screen_opens_and_a_restore_reopens_the_others(
    qtbot, services, samples: Path, tmp_path: Path, inline_tasks
) -> None:
    services.imports.import_file(samples / "policy.json")
    services.imports.import_file(samples / "roster.csv")
    window = MainWindow(services, settings=ui_settings())
    qtbot.addWidget(window)
    for title in OFFICE:
        assert title in window.titles()
        window.show_screen(title)
    assert open_error_boxes() == []
    letters = window.screen_named("Letters")
    assert letters.model.rowCount() > 0

    settings = window.show_screen("Settings")
    settings.back_up_to(tmp_path / "before.db")
    services.institution.clear_logo()  # something to lose; then bring the backup back
    settings.restore_from(tmp_path / "before.db")
    assert window.current_title() == "Settings"
    assert window.screen_named("Letters") is not letters  # rebuilt over the restored database
    assert open_error_boxes() == []
