"""The letters desk: who is eligible and why not, a specimen preview, a batch (and its Cancel),
the register, Verify and Revoke — all through the real services over a sample department."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from advisor.model.services.letter_service import EligibilityRow, LetterRecord
from advisor.ui.errors import open_error_boxes
from advisor.ui.letter_register_panel import REGISTER_COLUMNS
from advisor.ui.letters_screen import ELIGIBILITY_COLUMNS, LettersScreen
from advisor.ui.pdf_preview import PdfPreviewDialog
from advisor.ui.screenshots import letters_steps
from advisor.ui.table_model import RowTableModel
from tests.conftest import TEST_PASSPHRASE

EXPORTS = (
    "coursera-usage-report.csv",
    "coursera-specialization-report.csv",
    "CourseActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-01-15 09-30-00 UTC.csv",
)


@pytest.fixture
def department(services, samples: Path):  # type: ignore[no-untyped-def]
    services.imports.import_file(samples / "policy.json")
    services.imports.import_file(samples / "roster.csv")
    for name in EXPORTS:
        services.imports.import_file(samples / name)
    services.keys.create(TEST_PASSPHRASE)  # the Controller's key, unlocked for the session
    return services


@pytest.fixture
def screen(qtbot, department, inline_tasks, monkeypatch) -> LettersScreen:
    monkeypatch.setattr("advisor.ui.letters_screen.show_pdf", lambda data, **kw: None)
    shown = LettersScreen(department)
    qtbot.addWidget(shown)
    shown.degree_box.setCurrentIndex(shown.degree_box.findData("BSCS"))
    shown.intake_box.setCurrentText("Fall 2023")
    return shown


def by_roll(screen: LettersScreen) -> dict[str, EligibilityRow]:
    return {row.roll_no: row for row in screen.model.rows()}


def test_the_cohort_shows_who_is_eligible_and_why_not(screen: LettersScreen) -> None:
    rows = by_roll(screen)
    assert set(rows) == {"fa23-bcs-001", "fa23-bcs-002", "fa23-bcs-003", "fa23-bcs-004"}
    assert rows["fa23-bcs-001"].status == "eligible" and rows["fa23-bcs-001"].eligible_credits == 6
    assert rows["fa23-bcs-002"].status == "not_eligible"
    assert "wait for a certificate" in rows["fa23-bcs-002"].reason
    assert rows["fa23-bcs-004"].status == "not_eligible"
    assert "2 to receive a letter" in screen.summary.text()
    assert screen.issue_button.isEnabled()


def test_issue_a_batch_then_verify_a_code(screen: LettersScreen, department) -> None:
    screen.issue_batch()
    assert screen.last_batch is not None and len(screen.last_batch.issued) == 2
    assert {r.status for r in screen.model.rows() if r.eligible_credits} == {"has_letter"}
    register = screen.register
    assert register.model.rowCount() == 2
    letter: LetterRecord = register.model.row_at(0)
    register.code_edit.setText(f"  {letter.code.lower()} ")
    result = register.verify_entered()
    assert result is not None and result.status == "valid"
    assert register.verdict.text().startswith("VALID")
    assert letter.reference in register.verdict.text()
    assert register.selected().reference == letter.reference
    register.code_edit.setText("0000-0000-0000-0000")
    assert register.verify_entered().status == "unknown"


def test_revoke_needs_a_reason_and_verify_then_says_revoked(
    screen: LettersScreen, department, error_boxes
) -> None:
    screen.issue_batch()
    register = screen.register
    letter = register.model.row_at(0)
    assert not register.revoke(letter.reference, "   ")
    assert open_error_boxes()[-1].text()
    assert register.revoke(letter.reference, "Issued against the wrong certificate")
    assert register.model.row_at(0).status == "revoked"
    assert not register.revoke_button.isEnabled()  # the revoked letter stays selected
    register.code_edit.setText(letter.code)
    assert register.verify_entered().status == "revoked"
    assert "wrong certificate" in register.verdict.text()
    assert [r.status for r in department.letters.list()] == ["revoked", "issued"]


def test_cancelling_a_batch_keeps_the_letters_already_issued(
    screen: LettersScreen, department
) -> None:
    screen.intake_box.setCurrentText("All intakes")
    eligible = len(screen.eligible())
    assert eligible >= 3
    screen.batch_progressed.connect(lambda done, total, message: screen.cancel_batch())
    screen.issue_batch()
    result = screen.last_batch
    assert result is not None and result.cancelled
    assert 1 <= len(result.issued) < eligible
    letters = department.letters.list()
    assert [r.reference for r in letters] == [r.reference for r in result.issued]
    serials = [int(r.reference.rsplit("/", 1)[-1]) for r in letters]
    assert serials == list(range(1, len(letters) + 1))  # numbered without a gap
    assert all(department.letters.verify(r.code).status == "valid" for r in letters)
    assert len(screen.eligible()) == eligible - len(letters)  # the rest can still be issued
    assert "Stopped on request" in screen.result_label.text()
    # the summary counts every student of the header once: issued + skipped + not reached
    reached = len(result.issued) + len(result.skipped)
    rest = len(screen.rows) - reached
    assert result.total == len(screen.rows) and rest > 0
    assert (
        f"after {reached} of the cohort's {len(screen.rows)} student(s)"
        in screen.result_label.text()
    )
    assert f"{rest} not reached" in screen.result_label.text()


def test_the_first_letter_is_previewed_as_a_specimen(qtbot, department, inline_tasks) -> None:
    screen = LettersScreen(department)
    qtbot.addWidget(screen)
    screen.degree_box.setCurrentIndex(screen.degree_box.findData("BSCS"))
    screen.preview_first()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, PdfPreviewDialog)]
    assert dialogs and dialogs[-1].page_count == 1 and not dialogs[-1].printable
    for dialog in dialogs:
        dialog.close()
    assert department.letters.list() == []  # nothing was numbered or registered


def test_eligibility_and_register_models(qtmodeltester, screen: LettersScreen) -> None:
    qtmodeltester.check(screen.model)
    screen.issue_batch()
    register: RowTableModel[LetterRecord] = RowTableModel(REGISTER_COLUMNS)
    register.set_rows(screen.register.model.rows())
    qtmodeltester.check(register)
    cohort: RowTableModel[EligibilityRow] = RowTableModel(ELIGIBILITY_COLUMNS)
    cohort.set_rows(screen.model.rows())
    qtmodeltester.check(cohort)


def test_the_cohort_is_read_off_the_gui_thread(qtbot, department) -> None:
    screen = LettersScreen(department)  # real thread pools here
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=10_000)
    assert "to receive a letter" in screen.summary.text()
    screen.intake_box.setCurrentText("Fall 2023")
    qtbot.waitUntil(
        lambda: {r.intake for r in screen.model.rows()} == {"Fall 2023"}, timeout=10_000
    )
    from advisor.ui.tasks import wait_for_background_work

    assert wait_for_background_work(10_000)


def test_the_screenshot_tour_fills_an_empty_register_with_two_letters(screen, department):
    assert department.letters.list() == []
    steps = dict(letters_steps(screen, department))
    steps["Letters"]()
    issued = department.letters.list()
    assert len(issued) == 2
    assert {r.roll_no for r in screen.register.model.rows()} == {r.roll_no for r in issued}
    held = [r for r in screen.rows if r.status == "has_letter"]
    assert {r.roll_no for r in held} == {r.roll_no for r in issued}
    steps["Letters"]()  # a register that has letters is left alone
    assert len(department.letters.list()) == 2
