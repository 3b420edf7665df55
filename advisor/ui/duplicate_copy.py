"""A DUPLICATE of a registered letter: shown first, counted in the register only when the copy
is printed or saved from the preview (a look at it is not a copy handed out)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from advisor.model.errors import AdvisorError
from advisor.model.services import Services
from advisor.ui.errors import show_error
from advisor.ui.key_unlock import unlock_for_signing
from advisor.ui.pdf_preview import PdfPreviewDialog, show_pdf


class DuplicateCounter(QObject):
    """Lives with the preview: counts each print or save of its copy, then says so."""

    counted = Signal(str)  # the letter's reference

    def __init__(self, services: Services, reference: str, dialog: PdfPreviewDialog) -> None:
        super().__init__(dialog)
        self._services = services
        self._reference = reference
        self._dialog = dialog
        dialog.output_done.connect(self.count)

    @Slot(str)
    def count(self, how: str) -> None:
        try:
            self._services.letters.count_duplicate(self._reference, how=how)
        except AdvisorError as exc:  # e.g. revoked meanwhile from another desk
            show_error(exc, self._dialog)
            return
        self.counted.emit(self._reference)


def show_duplicate(
    services: Services, reference: str, parent: QWidget
) -> tuple[PdfPreviewDialog, DuplicateCounter] | None:
    """Preview the signed DUPLICATE; connect to the counter's `counted` to reload the register.
    None when the key stays locked or the letter cannot be reprinted (the error is shown)."""
    if not unlock_for_signing(services, parent):
        return None
    try:
        data = services.letters.duplicate(reference).pdf()
    except AdvisorError as exc:
        show_error(exc, parent)
        return None
    dialog = show_pdf(
        data,
        title=f"Letter {reference} (duplicate)",
        suggested_name=f"{reference.replace('/', '-')}-duplicate.pdf",
        parent=parent,
    )
    return dialog, DuplicateCounter(services, reference, dialog)
