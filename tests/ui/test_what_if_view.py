"""What-if on the policy year: the own audit and the what-if side by side, changes highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor.ui.students_screen import StudentsScreen
from advisor.ui.what_if_view import CHANGED_BACKGROUND


def test_policy_year_what_if_shows_both_audits_side_by_side(students_screen: StudentsScreen, qtbot):
    students_screen.resize(1024, 700)
    students_screen.show()
    qtbot.waitExposed(students_screen)
    students_screen.open_student("fa23-bcs-001")
    tab = students_screen.workspace.audit_tab
    students_screen.workspace.tabs.setCurrentWidget(tab)
    own_rows = tab.requirements.rows()
    tab.year.setValue(2025)
    qtbot.mouseClick(tab.try_button, Qt.MouseButton.LeftButton)

    view = tab.what_if_view
    assert tab.pages.currentWidget() is view
    assert "the BSCS policy of 2025 instead of 2023 (intake Fall 2023 kept)" in tab.banner.text()
    rows = {r.id: r for r in view.rows.rows()}
    assert list(rows) == ["CERT-CORE", "CERT-ELEC-1", "CERT-ELEC-2", "CERT-ELEC"]
    # Google IT Support (done after the Fall 2023 intake) fills CERT-CORE under both policies.
    assert rows["CERT-CORE"].what_if.status == "satisfied" and not rows["CERT-CORE"].changed

    def background(row: int) -> str | None:
        brush = view.rows.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
        return brush.color().name() if brush is not None else None

    assert background(0) is None  # CERT-CORE: same status, same credits
    assert background(1) == CHANGED_BACKGROUND  # CERT-ELEC-1: not in the 2025 policy
    assert view.rows.index(1, 5).data() == "dropped"
    # Both audits' reasons, side by side, each under its own heading.
    assert "policy 2023" in view.own_heading.text() and "policy 2025" in view.what_if_heading.text()
    assert "CERT-ELEC-1" in view.own_reasons.toPlainText()
    assert "CERT-ELEC-1" not in view.what_if_reasons.toPlainText()
    assert "before the" not in view.what_if_reasons.toPlainText()
    own_at = view.own_reasons.mapToGlobal(view.own_reasons.rect().topLeft())
    what_if_at = view.what_if_reasons.mapToGlobal(view.what_if_reasons.rect().topLeft())
    assert own_at.y() == what_if_at.y() and own_at.x() + 200 < what_if_at.x()
    assert "Difference: no change in credit hours</b> (3 → 3)" in view.difference.text()
    # The own audit's table is untouched; "Back to own audit" returns to it.
    assert tab.requirements.rows() == own_rows
    qtbot.mouseClick(tab.own_button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentWidget() is not view and not tab.own_button.isEnabled()
