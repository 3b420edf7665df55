"""The degree-and-intake choice of a cohort list (Letters → Cohort, Letters → Pending
verification): the intake box refilled for the chosen degree, and the choice read back."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill_intakes(box: QComboBox, intakes: Iterable[str], all_label: str) -> None:
    """`all_label` first, then the intakes by year; the intake chosen before stays chosen when
    it is still there. No change signal while refilling: the caller reloads once."""
    chosen = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItem(all_label)
    box.addItems(sorted(set(intakes), key=lambda text: (text.split()[-1], text)))
    box.setCurrentIndex(max(box.findText(chosen), 0))
    box.blockSignals(False)


def chosen_cohort(
    degree_box: QComboBox, intake_box: QComboBox, all_label: str
) -> tuple[str | None, str | None]:
    """(degree code or None for all, intake or None for all)."""
    intake = intake_box.currentText()
    return degree_box.currentData(), None if intake in ("", all_label) else intake
