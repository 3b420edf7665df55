"""Settings: the institution's details, logo and signatories reach the service; bad input says why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from advisor.ui.errors import open_error_boxes
from advisor.ui.settings_screen import SettingsScreen


def fill(screen: SettingsScreen) -> None:
    screen.name_edit.setText("Demo Institute of Science & Technology")
    screen.code_edit.setText("DIST")
    screen.address_edit.setPlainText("12-B Canal Road, Lahore")
    screen.prefix_edit.setText("DIST/CERT")
    screen.signatory_edits[0][0].setText("Dr. Saima Anwar")
    screen.signatory_edits[0][1].setText("Chairperson")
    screen.signatory_edits[1][0].setText("Mr. Khalid Mehmood")
    screen.signatory_edits[1][1].setText("Controller of Examinations")


def test_saving_the_details_stores_them(qtbot, services) -> None:
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    fill(screen)
    assert "DIST/CERT/" in screen.reference_example.text()
    assert screen.save_details()
    saved = services.institution.get()
    assert saved.name == "Demo Institute of Science & Technology"
    assert [s.title for s in saved.signatories] == ["Chairperson", "Controller of Examinations"]
    again = SettingsScreen(services)
    qtbot.addWidget(again)
    assert again.signatory_edits[1][0].text() == "Mr. Khalid Mehmood"


def test_a_half_filled_signatory_is_refused_with_its_reason(qtbot, services, error_boxes) -> None:
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    fill(screen)
    screen.signatory_edits[2][0].setText("Someone without a title")
    assert not screen.save_details()
    assert "Signatory 3 needs both a name and a title" in open_error_boxes()[-1].text()
    assert services.institution.get() is None


def test_logo_is_shown_after_choosing_an_image(
    qtbot, services, tmp_path: Path, error_boxes
) -> None:
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    fill(screen)
    screen.save_details()
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("darkgreen"))
    image.save(str(tmp_path / "logo.png"))
    assert screen.set_logo_from(tmp_path / "logo.png")
    assert not screen.logo_label.pixmap().isNull()
    assert services.institution.get().has_logo
    (tmp_path / "logo.txt").write_text("not an image")
    assert not screen.set_logo_from(tmp_path / "logo.txt")
    assert "not a PNG or JPEG" in open_error_boxes()[-1].text()
    screen.remove_logo()
    assert not services.institution.get().has_logo


def test_backup_then_restore_brings_the_old_details_back(
    qtbot, services, tmp_path: Path, inline_tasks
) -> None:
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    fill(screen)
    screen.save_details()
    screen.back_up_to(tmp_path / "backup.db")
    assert (tmp_path / "backup.db").stat().st_size > 0
    assert "Backed up to" in screen.backup_status.text()
    screen.name_edit.setText("Renamed after the backup")
    screen.save_details()
    with qtbot.waitSignal(screen.database_replaced):
        screen.restore_from(tmp_path / "backup.db")
    assert services.institution.get().name == "Demo Institute of Science & Technology"
    assert screen.name_edit.text() == "Demo Institute of Science & Technology"
    assert "saved to" in screen.backup_status.text()  # the replaced database was kept


def test_a_file_that_is_not_a_backup_is_refused(
    qtbot, services, tmp_path: Path, inline_tasks, error_boxes
) -> None:
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    fill(screen)
    screen.save_details()
    bogus = tmp_path / "notes.db"
    bogus.write_text("not a database")
    screen.restore_from(bogus)
    assert "Nothing was changed" in screen.backup_status.text()
    assert open_error_boxes()
    assert services.institution.get().code == "DIST"


def test_a_degrees_signatories_and_the_wording_are_edited_in_settings(
    qtbot, services, samples, error_boxes
) -> None:
    services.policy.import_file(samples / "policy.json")
    screen = SettingsScreen(services)
    qtbot.addWidget(screen)
    box = screen.degree_signatories
    box.degree_combo.setCurrentIndex(box.degree_combo.findData("BBA"))
    box.department_edit.setText("Department of Business Administration")
    box.signatory_edits[0][0].setText("Dr. Farah Naz")
    box.signatory_edits[0][1].setText("Chairperson, Department of Business Administration")
    assert box.save()
    bba = {p.code: p for p in services.institution.degree_letter_people()}["BBA"]
    assert bba.department == "Department of Business Administration"
    assert [s.name for s in bba.signatories] == ["Dr. Farah Naz"]

    wording = screen.letter_wording
    wording.body_edit.setPlainText("We confirm {name} earned {credits}.")
    wording.conditions_edit.setPlainText("First condition.\n\nSecond {policy}.")
    assert wording.save()
    assert services.institution.letter_wording().conditions == (
        "First condition.",
        "Second {policy}.",
    )
    wording.body_edit.setPlainText("Dear {student}")
    assert not wording.save()
    assert "{student}" in open_error_boxes()[-1].text()
