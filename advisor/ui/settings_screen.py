"""Settings: the institution on every letter (details, logo, signatories, reference prefix),
each degree's signatories and the letter's wording, the signing key, the accounts, backup
and restore of the whole database, and which database this PC works on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.model.services.institution_service import (
    MAX_SIGNATORIES,
    InstitutionInfo,
    SignatorySpec,
)
from advisor.ui.accounts_box import AccountsBox
from advisor.ui.confirm import confirm
from advisor.ui.database_box import DatabaseBox
from advisor.ui.errors import show_error
from advisor.ui.letter_settings import DegreeSignatoriesBox, LetterWordingBox
from advisor.ui.progress_panel import ProgressPanel
from advisor.ui.screen import Change, Screen
from advisor.ui.signing_key_box import SigningKeyBox
from advisor.ui.tasks import CancelToken, run_in_background

LOGO_PREVIEW_HEIGHT = 72


class SettingsScreen(Screen):
    """Edits are kept in the form until Save; nothing is written field by field. A restore
    says `database_replaced`: every screen is built afresh."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.setAccessibleName("Settings")

        self.name_edit = self._line("Institution name")
        self.code_edit = self._line("Institution code")
        self.prefix_edit = self._line("Letter reference prefix")
        self.prefix_edit.textChanged.connect(self._show_reference_example)
        self.address_edit = QPlainTextEdit(self)
        self.address_edit.setAccessibleName("Address")
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(70)
        self.reference_example = QLabel(self)
        self.reference_example.setAccessibleName("Reference example")

        details = QGroupBox("Institution", self)
        form = QFormLayout(details)
        form.addRow("&Name", self.name_edit)
        form.addRow("&Code", self.code_edit)
        form.addRow("&Address", self.address_edit)
        form.addRow("Letter reference &prefix", self.prefix_edit)
        form.addRow("", self.reference_example)

        signers = QGroupBox("Signatories (printed under each letter, left to right)", self)
        grid = QGridLayout(signers)
        grid.addWidget(QLabel("Name"), 0, 1)
        grid.addWidget(QLabel("Title"), 0, 2)
        self.signatory_edits: list[tuple[QLineEdit, QLineEdit]] = []
        for number in range(1, MAX_SIGNATORIES + 1):
            name = self._line(f"Signatory {number} name")
            title = self._line(f"Signatory {number} title")
            grid.addWidget(QLabel(f"{number}."), number, 0)
            grid.addWidget(name, number, 1)
            grid.addWidget(title, number, 2)
            self.signatory_edits.append((name, title))

        self.save_button = QPushButton("&Save details", self)
        self.save_button.clicked.connect(self.save_details)
        self.revert_button = QPushButton("Revert", self)
        self.revert_button.clicked.connect(self.reload)

        logo_box = QGroupBox("Letterhead logo", self)
        self.logo_label = QLabel(self)
        self.logo_label.setAccessibleName("Logo preview")
        self.logo_label.setMinimumHeight(LOGO_PREVIEW_HEIGHT)
        self.logo_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.choose_logo_button = QPushButton("Choose image…", self)
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton("Remove logo", self)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        logo_row = QHBoxLayout(logo_box)
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(self.choose_logo_button)
        logo_row.addWidget(self.remove_logo_button)

        backup_box = QGroupBox("Backup and restore", self)
        self.backup_button = QPushButton("&Back up now…", self)
        self.backup_button.clicked.connect(self.choose_backup_file)
        self.restore_button = QPushButton("&Restore from a backup…", self)
        self.restore_button.clicked.connect(self.choose_restore_file)
        self.backup_status = QLabel(self)
        self.backup_status.setWordWrap(True)
        self.backup_status.setAccessibleName("Backup status")
        self.progress = ProgressPanel(self)
        backup_layout = QVBoxLayout(backup_box)
        backup_note = QLabel(
            "A backup is one file holding everything: students, progress, plans, the letter "
            "register and these settings. Keep a copy off this computer."
        )
        backup_note.setWordWrap(True)  # one long line would make a 1024×768 screen scroll sideways
        backup_layout.addWidget(backup_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        backup_layout.addLayout(buttons)
        backup_layout.addWidget(self.progress)
        backup_layout.addWidget(self.backup_status)

        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)

        content = QWidget(self)
        column = QVBoxLayout(content)
        for part in (details, signers):
            column.addWidget(part)
        column.addLayout(actions)
        self.degree_signatories = DegreeSignatoriesBox(services, self)
        self.letter_wording = LetterWordingBox(services, self)
        column.addWidget(self.degree_signatories)
        column.addWidget(self.letter_wording)
        column.addWidget(logo_box)
        self.signing_key = SigningKeyBox(services, self)
        column.addWidget(self.signing_key)
        self.accounts = AccountsBox(services, self)
        column.addWidget(self.accounts)
        column.addWidget(backup_box)
        self.database = DatabaseBox(services, self)
        column.addWidget(self.database)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.reload()

    def _line(self, accessible_name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(accessible_name)
        return edit

    # --- institution ---------------------------------------------------------------------

    def reload(self) -> None:
        self._show(self._services.institution.get())
        self.signing_key.reload()
        self.accounts.reload()
        self.database.reload()
        self.degree_signatories.reload()
        self.letter_wording.reload()

    def _show(self, info: InstitutionInfo | None) -> None:
        self.name_edit.setText(info.name if info else "")
        self.code_edit.setText(info.code if info else "")
        self.address_edit.setPlainText(info.address if info else "")
        self.prefix_edit.setText(info.letter_prefix if info else "")
        signatories = info.signatories if info else ()
        for number, (name, title) in enumerate(self.signatory_edits):
            shown = signatories[number] if number < len(signatories) else SignatorySpec("", "")
            name.setText(shown.name)
            title.setText(shown.title)
        self._show_logo(info.logo if info else None)
        self.choose_logo_button.setEnabled(info is not None)
        self._show_reference_example()

    def _show_reference_example(self) -> None:
        prefix = self.prefix_edit.text().strip() or "PREFIX"
        self.reference_example.setText(
            f"Letters are numbered {prefix}/{datetime.now().year}/0001, 0002, … with no gaps."
        )

    def _show_logo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_label.setPixmap(
                pixmap.scaledToHeight(
                    LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation
                )
            )
        else:
            self.logo_label.setPixmap(QPixmap())
            self.logo_label.setText("No logo: letters show the name only.")
        self.remove_logo_button.setEnabled(bool(data))

    def entered_signatories(self) -> list[SignatorySpec]:
        """Rows left wholly empty are skipped; half-filled ones reach the service's check."""
        return [
            SignatorySpec(name.text(), title.text())
            for name, title in self.signatory_edits
            if name.text().strip() or title.text().strip()
        ]

    def save_details(self) -> bool:
        try:
            info = self._services.institution.update(
                code=self.code_edit.text(),
                name=self.name_edit.text(),
                address=self.address_edit.toPlainText(),
                letter_prefix=self.prefix_edit.text(),
                signatories=self.entered_signatories(),
            )
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self.wrote.emit(Change.INSTITUTION)
        self._show(info)
        self.signing_key.reload()  # the institution's first save: its key is the next step
        if self._services.keys.current() is None:
            self.signing_key.make_button.setFocus()
        return True

    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Letterhead logo", "", "Images (*.png *.jpg *.jpeg)"
        )
        if name:
            self.set_logo_from(Path(name))

    def set_logo_from(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError as exc:
            show_error(AdvisorError(f"{path} could not be read: {exc.strerror}."), self)
            return False
        return self._apply(lambda: self._services.institution.set_logo(data, file_name=path.name))

    def remove_logo(self) -> None:
        self._apply(self._services.institution.clear_logo)

    def _apply(self, change: Callable[[], InstitutionInfo]) -> bool:
        try:
            info = change()
        except AdvisorError as exc:
            show_error(exc, self)
            return False
        self.wrote.emit(Change.INSTITUTION)
        self._show_logo(info.logo)
        return True

    # --- backup and restore --------------------------------------------------------------

    def choose_backup_file(self) -> None:
        suggested = f"sanad-backup-{datetime.now():%Y-%m-%d}.db"
        name, _ = QFileDialog.getSaveFileName(self, "Back up to", suggested, "Sanad backups (*.db)")
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, target: Path) -> None:
        self._run_backup_task(
            lambda token: self._services.backup.backup(target),
            started="Backing up…",
            done=lambda result: f"Backed up to {result.path} ({result.size_bytes // 1024} KB).",
        )

    def choose_restore_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Restore from", "", "Sanad backups (*.db *.sanad);;All files (*)"
        )
        if name and self.confirm_restore(Path(name)):
            self.restore_from(Path(name))

    def confirm_restore(self, source: Path) -> bool:
        return confirm(
            self,
            "Restore",
            f"Replace everything in this database with the backup {source.name}?\n\n"
            "Students, progress, plans and settings recorded since that backup will be lost. "
            "Letters issued since are kept, and their numbers are never given again. "
            + (
                "A copy of the current database is kept next to it first."
                if self._services.db.file is not None
                else "Every PC connected to the server sees the backup's data; the server's "
                "current data is saved to a file on this PC first."
            ),
        )

    def restore_from(self, source: Path) -> None:
        def after(result: Any) -> str:
            self.reload()
            self.database_replaced.emit()
            kept = (
                f" The database it replaced was saved to {result.previous_saved_to}."
                if result.previous_saved_to
                else ""
            )
            letters = len(result.carried.letters)
            carried = f" {letters} letter(s) issued after the backup were kept." if letters else ""
            return f"Restored from {source.name}.{carried}{kept}"

        self._run_backup_task(
            lambda token: self._services.backup.restore(source),
            started="Restoring…",
            done=after,
        )

    def _run_backup_task(
        self,
        work: Callable[[CancelToken], Any],
        *,
        started: str,
        done: Callable[[Any], str],
    ) -> None:
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.backup_status.setText(started)

        def finished() -> None:
            self.backup_button.setEnabled(True)
            self.restore_button.setEnabled(True)

        def failed(error: BaseException) -> None:
            self.backup_status.setText("Nothing was changed.")
            show_error(error, self)

        handle = run_in_background(
            work,
            on_done=lambda result: self.backup_status.setText(done(result)),
            on_error=failed,
            writes=True,
        )
        self.progress.follow(handle, started, cancellable=False)  # a file copy stops only when done
        handle.finished.connect(finished)
