"""The degree-and-intake choice of a cohort list (Letters → Cohort, Letters → Pending
verification): the row of boxes and summary, the intake box refilled for the chosen degree, and
the choice read back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget


class CohortPick(NamedTuple):
    degree_box: QComboBox
    intake_box: QComboBox
    summary: QLabel  # what the list shows, beside the boxes
    row: QHBoxLayout  # Degree [box] Intake [box] summary (the summary takes the rest)


def cohort_pick(
    parent: QWidget,
    *,
    labels: tuple[str, str],
    names: tuple[str, str, str],
    on_degree: Callable[[], None],
    on_intake: Callable[[], None],
) -> CohortPick:
    """The degree and intake boxes with their labels (`labels`: the texts with their `&` keys,
    which differ per screen since both sit in one window) and the summary label; `names` are
    the accessible names of the degree box, the intake box and the summary."""
    degree_box = QComboBox(parent)
    degree_box.setAccessibleName(names[0])
    intake_box = QComboBox(parent)
    intake_box.setAccessibleName(names[1])
    degree_box.currentIndexChanged.connect(on_degree)
    intake_box.currentIndexChanged.connect(on_intake)
    summary = QLabel(parent)
    summary.setAccessibleName(names[2])
    summary.setWordWrap(True)
    row = QHBoxLayout()
    for text, box in zip(labels, (degree_box, intake_box), strict=True):
        label = QLabel(text, parent)
        label.setBuddy(box)
        row.addWidget(label)
        row.addWidget(box)
    row.addWidget(summary, 1)
    return CohortPick(degree_box, intake_box, summary, row)


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
