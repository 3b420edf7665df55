"""The verification desk on screen: the Progress tab opens a program to its courses with their
codes and who verified them and records a check; the Letters screen's Pending verification tab
lists a cohort's waiting programs and records several checks at once."""

from __future__ import annotations

import pytest

from advisor.ui.errors import open_error_boxes
from advisor.ui.letters_screen import LettersScreen
from tests.model.audit.store import record_program
from tests.ui.conftest import SCREEN_TODAY

ALI, FATIMA = "fa23-bcs-002", "fa23-bcs-003"
PY4E = "python-for-everybody"
GDA = "google-data-analytics"


@pytest.fixture
def waiting(advised):  # type: ignore[no-untyped-def]
    """Two students whose programs are complete from course records without certificates."""
    record_program(advised, ALI, PY4E, cert="")
    record_program(advised, FATIMA, GDA, cert="")
    return advised


def test_a_program_opens_to_its_courses_and_a_check_verifies_it(
    students_screen, waiting, error_boxes
):  # type: ignore[no-untyped-def]
    students_screen.open_student(ALI)
    workspace = students_screen.workspace
    page = workspace.progress_page
    page.open_program(PY4E)
    courses = page.courses.rows()
    assert [c.slug for c in courses][:2] == ["python", "python-data"]
    assert all(c.status == "completed" and not c.verified for c in courses)
    assert page.verify_program_button.isEnabled()
    assert workspace.audit.pending_credits == 3

    page.course_view.selectRow(0)
    dialog = page.verify_course()
    assert dialog is not None and dialog.isVisible()
    dialog.set_code(0, "")  # no code: refused, nothing recorded, the dialog stays open
    assert dialog.save() is None and dialog.isVisible()
    assert "Type the certificate code" in open_error_boxes()[-1].text()
    dialog.set_code(0, "https://www.coursera.org/account/accomplishments/verify/PY4E01")
    assert dialog.save() is not None
    first = page.courses.rows()[0]
    assert (first.code, first.verified_how) == ("PY4E01", f"checked by admin on {SCREEN_TODAY}")
    assert page.chosen_program().slug == PY4E  # the program stays open after the reload

    dialog = page.verify_program()
    dialog.set_code(0, "https://www.coursera.org/account/accomplishments/specialization/PY4E99")
    dialog.note.setText("seen with the student")
    dialog.save()
    assert workspace.audit.eligible_credits >= 3 and workspace.audit.pending_credits == 0
    program = page.chosen_program()
    assert program.verified and program.certificate == "PY4E99"
    assert "PY4E99" in page.course_title.text() and "checked by admin" in page.course_title.text()
    assert not page.verify_program_button.isEnabled()  # nothing left to verify


def test_a_viewer_sees_the_codes_but_no_verify_buttons(qtbot, waiting, inline_tasks):  # type: ignore[no-untyped-def]
    from advisor.ui.main_window import MainWindow
    from tests.conftest import seat_as

    seat_as(waiting, "vera", "viewer")
    window = MainWindow(waiting)
    qtbot.addWidget(window)
    screen = window.show_screen("Students")
    screen.open_student(ALI)
    page = screen.workspace.progress_page
    assert not page.verify_program_button.isVisibleTo(window)
    assert not page.verify_course_button.isVisibleTo(window)


def test_the_cohort_list_records_several_checks_at_once(qtbot, waiting, inline_tasks, error_boxes):  # type: ignore[no-untyped-def]
    screen = LettersScreen(waiting)
    qtbot.addWidget(screen)
    panel = screen.pending
    panel.degree_box.setCurrentIndex(panel.degree_box.findData("BSCS"))
    assert {(i.roll_no, i.program) for i in panel.model.rows()} == {(ALI, PY4E), (FATIMA, GDA)}
    panel.intake_box.setCurrentIndex(panel.intake_box.findText("Fall 2023"))
    assert len(panel.model.rows()) == 2
    assert not panel.verify_button.isEnabled()
    panel.view.selectAll()
    assert len(panel.selected()) == 2 and panel.verify_button.isEnabled()
    dialog = panel.verify_selected()
    assert dialog.table.rowCount() == 2
    dialog.set_code(0, "GOOD0001")
    dialog.set_code(1, "not a code!")  # one bad row: nothing is recorded
    assert dialog.save() is None
    assert len(panel.model.rows()) == 2
    assert "Nothing was recorded" in open_error_boxes()[-1].text()
    dialog.set_code(1, "https://www.coursera.org/account/accomplishments/professional-cert/GDA02")
    assert len(dialog.save()) == 2
    assert panel.model.rows() == []
    assert "Nothing waits" in panel.summary.text()
    audit = waiting.audit.audit_student(FATIMA, today=SCREEN_TODAY)
    assert audit.program(GDA).verified
