"""Students: search, filter by audit status, open a student and read the audit, what-if,
exceptions and notes, and the advising view that shows nobody else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from advisor.ui.errors import open_error_boxes
from advisor.ui.main_window import MainWindow
from advisor.ui.students_screen import StudentsScreen
from tests.ui.conftest import SCREEN_TODAY

TODAY = SCREEN_TODAY


@pytest.fixture
def screen(students_screen: StudentsScreen) -> StudentsScreen:
    return students_screen


def shown_rolls(screen: StudentsScreen) -> list[str]:
    return [r.roll_no for r in screen.list.model.rows()]


def test_search_filters_by_roll_name_or_email(screen, advised):
    assert len(shown_rolls(screen)) == len(advised.students.list())
    screen.list.search.setText("ayesha")
    assert shown_rolls(screen) == ["fa23-bcs-001"]
    screen.list.search.setText("dist.edu.pk fa23-bcs-00")
    assert all(r.startswith("fa23-bcs-00") for r in shown_rolls(screen))


def test_status_filters_use_the_cohort_audit(screen):
    combo = screen.list.status
    combo.setCurrentIndex(combo.findText("Has eligible credits"))
    assert shown_rolls(screen) == ["fa23-bcs-001"]
    combo.setCurrentIndex(combo.findText("Mandatory requirement open"))
    assert "fa23-bcs-001" not in shown_rolls(screen)
    assert shown_rolls(screen), "others still have CERT-CORE open"


def test_open_a_student_and_read_the_audit(screen, advised):
    screen.list.search.setText("fa23-bcs-001")
    screen.list.open_button.click()
    workspace = screen.workspace
    assert screen.pages.currentWidget() is workspace
    assert workspace.name.text() == "Ayesha Khan"
    requirements = {r.id: r for r in workspace.audit_tab.requirements.rows()}
    assert requirements["CERT-CORE"].status == "satisfied"
    assert requirements["CERT-CORE"].satisfied_by == ("google-it-support",)
    reasons = workspace.audit_tab.reasons.toPlainText()
    assert "Google IT Support" in reasons
    assert (
        "3 credit hours eligible" in workspace.summary.text()
        or "3" in workspace.audit_tab.banner.text()
    )
    progress = {p.slug: p for p in workspace.progress_model.rows()}
    assert progress["google-it-support"].courses_done == 5


def test_what_if_another_degree_and_back(screen, advised):
    screen.open_student("fa23-bcs-001")
    tab = screen.workspace.audit_tab
    tab.degree.setCurrentIndex(tab.degree.findData("BBA"))
    tab.try_button.click()
    assert "BBA" in tab.banner.text()
    assert tab.own_button.isEnabled()
    tab.own_button.click()
    assert {r.id for r in tab.requirements.rows()} >= {"CERT-CORE"}
    assert not tab.own_button.isEnabled()


def test_waive_then_withdraw_an_exception(screen, advised, error_boxes):
    screen.open_student("fa23-bcs-002")
    tab = screen.workspace.exceptions_tab
    tab.kind.setCurrentIndex(tab.kind.findData("waive"))
    tab.slot.setCurrentIndex(tab.slot.findData("CERT-CORE"))
    tab.reason.setText("Transfer student: done at previous university")
    assert tab.add_exception() is not None
    status = {r.id: r.status for r in screen.workspace.audit_tab.requirements.rows()}
    assert status["CERT-CORE"] == "waived"
    tab.view.selectRow(0)
    assert tab.remove_selected() is not None
    status = {r.id: r.status for r in screen.workspace.audit_tab.requirements.rows()}
    assert status["CERT-CORE"] == "unsatisfied"


def test_a_reasonless_exception_shows_the_services_message(screen, error_boxes):
    screen.open_student("fa23-bcs-002")
    tab = screen.workspace.exceptions_tab
    tab.kind.setCurrentIndex(tab.kind.findData("waive"))
    before = len(open_error_boxes())
    assert tab.add_exception() is None
    assert len(open_error_boxes()) == before + 1


def test_notes_are_saved_and_listed(screen):
    screen.open_student("fa23-bcs-001")
    notes = screen.workspace.notes_tab
    notes.editor.setPlainText("Agreed: Google Data Analytics next, 6 h/week.")
    notes.add_button.click()
    assert [n.text for n in notes.notes.rows()] == ["Agreed: Google Data Analytics next, 6 h/week."]
    assert notes.notes.rows()[0].written_on == TODAY
    assert notes.editor.toPlainText() == ""


def visible_text(root: QWidget) -> str:
    """Everything a person could read on the window now."""
    parts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QTextBrowser):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            parts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    parts.append(str(model.index(row, column).data() or ""))
    return "\n".join(parts)


def test_the_advising_view_shows_no_other_student(qtbot, advised, inline_tasks, tmp_path):
    from PySide6.QtCore import QSettings

    window = MainWindow(advised, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    screen = window.show_screen("Students")
    screen.open_student("fa23-bcs-001")
    screen.workspace.advising_button.click()
    assert screen.in_advising_view()
    assert not window.sidebar.isVisibleTo(window)
    text = visible_text(window)
    assert "Ayesha Khan" in text
    others = [s for s in advised.students.list() if s.roll_no != "fa23-bcs-001"]
    assert others
    for other in others:
        assert other.name not in text
        assert other.roll_no not in text
    screen.advising.back_button.click()
    assert screen.pages.currentWidget() is screen.workspace
    assert window.sidebar.isVisibleTo(window)


def test_student_models_pass_the_model_tester(screen, qtmodeltester):
    screen.open_student("fa23-bcs-001")
    screen.workspace.notes_tab.editor.setPlainText("First session.")
    screen.workspace.notes_tab.save_note()
    workspace = screen.workspace
    for model in (
        screen.list.model,
        workspace.progress_model,
        workspace.audit_tab.requirements,
        workspace.notes_tab.notes,
        workspace.exceptions_tab.records,
    ):
        qtmodeltester.check(model)


def test_issue_a_letter_then_reprint_a_duplicate(screen, advised, error_boxes, tmp_path):
    screen.open_student("fa23-bcs-001")
    tab = screen.workspace.letters_tab
    issued = tab.issue_button.click() or screen.preview
    assert issued is not None, "the new letter opens in the preview"
    assert screen.preview.document.pageCount() >= 1
    records = tab.letters.rows()
    assert len(records) == 1 and records[0].credits == 3 and records[0].status == "issued"
    tab.view.selectRow(0)
    duplicate = tab.reprint_selected()
    assert duplicate is not None and tab.letters.rows()[0].duplicate_count == 0  # a look only
    duplicate.save_to(tmp_path / "copy.pdf")
    duplicate.close()
    assert tab.letters.rows()[0].duplicate_count == 1
    assert advised.letters.verify(records[0].code).status == "valid"


def test_no_letter_without_verified_credits(screen, error_boxes):
    screen.open_student("fa23-bcs-002")
    before = len(open_error_boxes())
    assert screen.workspace.letters_tab.issue_letter() is None
    assert len(open_error_boxes()) == before + 1
    assert screen.workspace.letters_tab.letters.rows() == []


def test_ctrl_p_prints_the_progress_report_or_the_cohort_summary(screen):
    assert screen.print_document() is None  # no degree chosen: nothing to print
    screen.list.degree.setCurrentIndex(screen.list.degree.findData("BSCS"))
    summary = screen.print_document()
    assert summary.startswith(b"%PDF") and "BSCS" in screen.print_title
    screen.open_student("fa23-bcs-001")
    report = screen.print_document()
    assert report.startswith(b"%PDF") and "fa23-bcs-001" in screen.print_title


def test_coursera_column_and_filter_show_who_never_joined(screen, advised, tmp_path):
    from tests.model.coursera_files import PROGRAM_ACTIVITY_HEADER, write_export

    rows = [
        {
            "Name": "Ayesha Khan",
            "Email": "ayesha.khan@dist.edu.pk",
            "Member State": "MEMBER",
            "Join Date": "2023-09-05T10:00:00.000Z",
        },
        {"Name": "Muhammad Ali", "External ID": "fa23-bcs-002", "Member State": "INVITED"},
    ]
    advised.progress.import_export(write_export(tmp_path / "p.csv", PROGRAM_ACTIVITY_HEADER, rows))
    screen.list.refresh()
    model = screen.list.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("Coursera")
    shown = {
        model.index(r, 0).data(): model.index(r, column).data() for r in range(model.rowCount())
    }
    assert shown["fa23-bcs-001"] == "joined" and shown["fa23-bcs-002"] == "invited"
    assert shown["fa23-bcs-004"] == "missing"
    combo = screen.list.coursera
    combo.setCurrentIndex(combo.findData("not joined"))
    assert "fa23-bcs-001" not in shown_rolls(screen) and "fa23-bcs-002" in shown_rolls(screen)
    assert len(shown_rolls(screen)) == len(advised.students.list()) - 1
