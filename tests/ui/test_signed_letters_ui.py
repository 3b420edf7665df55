"""Signed letters in the window: the Verify box takes a scanner's keystrokes, a scan or a PDF;
the passphrase is asked once before the first letter is signed; Settings makes the key and
manages trust."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from advisor.model.services import Services
from advisor.ui.letters_screen import LettersScreen
from advisor.ui.settings_screen import SettingsScreen
from advisor.ui.student_letters_tab import StudentLettersTab
from tests.conftest import TEST_PASSPHRASE
from tests.ui.test_letters_screen import EXPORTS


@pytest.fixture
def office(services: Services, samples: Path) -> Services:
    """The sample office with its Coursera progress and the Controller's key, unlocked."""
    services.imports.import_file(samples / "policy.json")
    services.imports.import_file(samples / "roster.csv")
    for name in EXPORTS:
        services.imports.import_file(samples / name)
    services.keys.create(TEST_PASSPHRASE)
    return services


@pytest.fixture
def screen(qtbot, office: Services, inline_tasks, monkeypatch) -> LettersScreen:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("advisor.ui.letters_screen.show_pdf", lambda data, **kw: None)
    shown = LettersScreen(office)
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def letter(office: Services):  # type: ignore[no-untyped-def]
    return office.letters.issue("fa23-bcs-001", today=date.today())


def test_a_scanner_typing_the_qr_text_and_enter_gets_the_verdict(
    qtbot,
    screen: LettersScreen,
    letter,
) -> None:
    screen.register.refresh()  # the clerk comes to the register after the letter was issued
    box = screen.register.verify_box
    qtbot.keyClicks(box.code_edit, letter.document.qr_payload)
    qtbot.keyClick(box.code_edit, Qt.Key.Key_Return)
    assert box.verdict.text().startswith("VALID")
    assert "Ayesha Khan" in box.verdict.text() and box.code_edit.text() == ""
    assert screen.register.selected().reference == letter.record.reference

    seal = letter.document.qr_payload
    altered = seal[:30] + ("B" if seal[30] != "B" else "C") + seal[31:]
    box.code_edit.setText(altered)
    box.verify_entered()
    assert box.verdict.text().startswith("INVALID")
    box.code_edit.setText("hello")
    box.verify_entered()
    assert box.verdict.text().startswith("NOT A SANAD LETTER")


def test_a_pdf_or_a_scan_chosen_or_dropped_is_checked(
    qtbot,
    screen: LettersScreen,
    letter,
    tmp_path: Path,
    error_boxes,
) -> None:
    from advisor.ui.errors import open_error_boxes

    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(letter.pdf())
    box = screen.register.verify_box
    assert [v.status for v in box.verify_file(pdf)] == ["valid"]
    assert "digital signature is intact" in box.verdict.text()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "scan")], check=True)
    scans = sorted(tmp_path.glob("scan*.png"))
    assert [v.status for v in box.verify_file(scans[-1])] == ["valid"]
    (tmp_path / "notes.png").write_bytes(b"not an image")
    assert box.verify_file(tmp_path / "notes.png") == []
    assert "not an image" in open_error_boxes()[-1].text()


def test_the_passphrase_is_asked_once_before_the_first_letter_is_signed(
    qtbot,
    office: Services,
    monkeypatch,
    error_boxes,
) -> None:
    office.keys.lock()  # a new session: the key is locked
    answers = iter(["wrong passphrase", TEST_PASSPHRASE])
    asked: list[str] = []

    def ask(parent, prompt: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("advisor.ui.key_unlock.ask_passphrase", ask)
    tab = StudentLettersTab(office, date.today())
    qtbot.addWidget(tab)
    tab.show_student("fa23-bcs-001")
    first = tab.issue_letter()
    assert first is not None and len(asked) == 2 and "does not open" in asked[1]
    assert office.keys.current().unlocked
    tab.reprint_selected()  # no more questions in this session
    assert len(asked) == 2


def test_cancelling_the_passphrase_issues_nothing(
    qtbot,
    office: Services,
    monkeypatch,
    error_boxes,
) -> None:
    office.keys.lock()
    monkeypatch.setattr("advisor.ui.key_unlock.ask_passphrase", lambda parent, prompt: None)
    tab = StudentLettersTab(office, date.today())
    qtbot.addWidget(tab)
    tab.show_student("fa23-bcs-001")
    assert tab.issue_letter() is None and office.letters.list() == []


def test_settings_makes_the_key_and_trusts_another_office(
    qtbot, services: Services, samples: Path, tmp_path: Path, error_boxes
) -> None:
    services.policy.import_file(samples / "policy.json")  # an institution, no key yet
    settings = SettingsScreen(services)
    qtbot.addWidget(settings)
    box = settings.signing_key
    assert "No signing key yet" in box.status.text()
    assert not box.export_button.isEnabled()
    assert box.make_key_with(TEST_PASSPHRASE)
    fingerprint = services.keys.current().fingerprint
    assert fingerprint in box.status.text() and box.export_button.isEnabled()
    box._export(tmp_path / "ours.sanadkey")  # what "Export public key…" writes

    from advisor.model.services.trust_file import KeyEntry, write_trust_file
    from advisor.model.signing.institution_key import (
        InstitutionName,
        new_private_key,
        public_der,
    )

    other = new_private_key()
    write_trust_file(
        tmp_path / "other.sanadkey", [KeyEntry("OTHER", "Other University", other.public_key())]
    )
    assert box.trust_file(tmp_path / "other.sanadkey")
    assert "Other University" in box.trusted.text() and box.untrust_button.isEnabled()
    assert public_der(other.public_key()) and InstitutionName  # imported names are used


def test_the_letters_screen_offers_to_resume_a_stopped_batch(
    qtbot, office: Services, inline_tasks, monkeypatch
) -> None:
    from advisor.ui.letters_screen import letters_folder

    shown_pdfs: list[bytes] = []
    monkeypatch.setattr(
        "advisor.ui.letters_screen.show_pdf", lambda data, **kw: shown_pdfs.append(data)
    )
    output = letters_folder() / "2026-01-31_BSCS_Fall-2023.pdf"

    def die(done: int, total: int, message: str) -> None:
        if "issued" in message:
            raise RuntimeError("the power went")

    with pytest.raises(RuntimeError):
        office.letters.issue_batch(
            degree="BSCS", today=date.today(), output=output, per_student=False, progress=die
        )
    shown = LettersScreen(office)
    qtbot.addWidget(shown)
    assert shown.resume_button.isVisibleTo(shown) and "stopped" in shown.resume_label.text()
    result = shown.resume_stopped()
    assert result is not None and len(result.issued) == 1 and shown_pdfs
    assert not shown.resume_button.isVisibleTo(shown)
