"""Plan tab: suggested targets, build a plan, see its timeline, approve it, keep versions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from advisor.ui.errors import open_error_boxes
from advisor.ui.plan_tab import SLUG_ROLE

TODAY = date(2026, 1, 31)


@pytest.fixture
def answers(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Approve's question is answered Yes; the questions asked are listed."""
    asked: list[str] = []

    def confirm(parent, title: str, text: str, **kw) -> bool:  # type: ignore[no-untyped-def]
        asked.append(text)
        return True

    monkeypatch.setattr("advisor.ui.plan_tab.confirm", confirm)
    return asked


@pytest.fixture
def plan_tab(students_screen, answers):  # type: ignore[no-untyped-def]
    screen = students_screen
    screen.open_student("fa23-bcs-002")
    screen.workspace.tabs.setCurrentWidget(screen.workspace.plan_tab)
    tab = screen.workspace.plan_tab
    tab.owner = screen  # the test holds the screen alive through its tab
    return tab


def test_suggestions_come_first_and_fill_open_requirements(plan_tab, advised):
    suggested = {s.program for s in advised.plans.suggest("fa23-bcs-002", today=TODAY)}
    first = plan_tab.targets.item(0)
    assert first.data(SLUG_ROLE) in suggested
    assert "fills" in first.text()
    assert plan_tab.plan is None
    assert not plan_tab.approve_button.isEnabled()


def test_build_approve_and_keep_versions(plan_tab, advised, qtbot):
    plan_tab.set_targets(["google-it-support"])
    plan_tab.hours.setValue(6)
    plan_tab.start.setDate(QDate(2026, 2, 2))
    first = plan_tab.build_plan()
    assert first is not None and first.status == "draft"
    assert [t.slug for t in first.targets] == ["google-it-support"]
    assert len(plan_tab.items.rows()) == 5
    assert plan_tab.timeline.sizeHint().height() > 5 * 20
    assert "Version 1" in plan_tab.summary.text()
    assert plan_tab.approve_button.isEnabled()

    plan_tab.approve_button.click()
    assert plan_tab.plan.status == "approved"
    assert not plan_tab.approve_button.isEnabled()
    assert advised.plans.show("fa23-bcs-002", today=TODAY).status == "approved"

    plan_tab.set_targets(["google-it-support", "python-for-everybody"])
    assert plan_tab.build_button.text() == "Start a new version"
    second = plan_tab.build_plan()
    assert second.version == 2
    assert plan_tab.versions.count() == 2
    plan_tab.versions.setCurrentIndex(plan_tab.versions.findData(1))
    plan_tab.versions.activated.emit(plan_tab.versions.currentIndex())
    assert plan_tab.plan.version == 1 and plan_tab.plan.status == "superseded"


def test_no_target_gives_the_services_message(plan_tab, error_boxes):
    plan_tab.set_targets([])
    before = len(open_error_boxes())
    assert plan_tab.build_plan() is None
    assert len(open_error_boxes()) == before + 1


def test_the_timeline_paints(plan_tab, qtbot):
    plan_tab.set_targets(["google-it-support"])
    plan_tab.build_plan()
    plan_tab.timeline.resize(700, plan_tab.timeline.sizeHint().height())
    image = plan_tab.timeline.grab().toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(0, 700, 7) for y in range(0, image.height(), 5)
    }
    assert "#0072b2" in colours  # the first target's bars


def test_plan_models_pass_the_model_tester(plan_tab, qtmodeltester):
    plan_tab.set_targets(["google-it-support"])
    plan_tab.build_plan()
    qtmodeltester.check(plan_tab.items)


def test_print_the_approved_plan_in_the_preview(plan_tab):
    screen = plan_tab.owner
    plan_tab.set_targets(["google-it-support"])
    plan_tab.build_plan()
    plan_tab.approve_plan()
    assert plan_tab.print_button.isEnabled()
    plan_tab.print_button.click()
    assert screen.preview is not None and screen.preview.document.pageCount() >= 1
    assert screen.print_document().startswith(b"%PDF")  # Ctrl+P on the Plan tab: the plan
    assert "fa23-bcs-002" in screen.print_title


def test_the_course_table_names_programs_by_title(plan_tab):
    plan_tab.set_targets(["google-it-support"])
    plan = plan_tab.build_plan()
    assert plan is not None
    title = plan.targets[0].title
    column = [plan_tab.items.headerData(c, Qt.Orientation.Horizontal) for c in range(7)].index(
        "For"
    )
    shown = {plan_tab.items.index(r, column).data() for r in range(plan_tab.items.rowCount())}
    assert shown == {title} and "google-it-support" not in shown


def test_an_earlier_version_can_be_printed(plan_tab):
    screen = plan_tab.owner
    plan_tab.set_targets(["google-it-support"])
    plan_tab.build_plan()
    plan_tab.approve_plan()
    plan_tab.set_targets(["google-it-support", "python-for-everybody"])
    plan_tab.build_plan()
    plan_tab.versions.setCurrentIndex(plan_tab.versions.findData(1))
    plan_tab.versions.activated.emit(plan_tab.versions.currentIndex())
    assert plan_tab.plan.status == "superseded" and plan_tab.print_button.isEnabled()
    plan_tab.print_button.click()
    assert screen._printed.file_name == "plan-fa23-bcs-002-v1.pdf"
    assert screen.print_document().startswith(b"%PDF")  # Ctrl+P prints the version shown
    assert screen._printed.file_name == "plan-fa23-bcs-002-v1.pdf"


def test_building_again_updates_the_one_draft(plan_tab, advised, qtbot):
    """Four tries are one draft (the issue found 4 versions after a few tries)."""
    assert plan_tab.build_button.text() == "Build plan"
    for targets in (["google-it-support"], ["python-for-everybody"], ["google-ux-design"]):
        plan_tab.set_targets(targets)
        qtbot.mouseClick(plan_tab.build_button, Qt.MouseButton.LeftButton)
        assert plan_tab.plan.version == 1 and [t.slug for t in plan_tab.plan.targets] == targets
        assert plan_tab.build_button.text() == "Update draft"
    qtbot.mouseClick(plan_tab.build_button, Qt.MouseButton.LeftButton)
    assert plan_tab.versions.count() == 1
    assert [(v.version, v.status) for v in advised.plans.history("fa23-bcs-002")] == [(1, "draft")]


def test_approve_asks_first_and_no_keeps_the_draft(plan_tab, advised, answers, monkeypatch):
    plan_tab.set_targets(["google-it-support"])
    plan_tab.build_plan()
    monkeypatch.setattr("advisor.ui.plan_tab.confirm", lambda *a, **kw: False)
    assert plan_tab.approve_plan() is None
    assert advised.plans.show("fa23-bcs-002", today=TODAY).status == "draft"
    assert plan_tab.approve_button.isEnabled()
    monkeypatch.setattr("advisor.ui.plan_tab.confirm", lambda *a, **kw: True)
    assert plan_tab.approve_plan().status == "approved"


def test_approve_names_the_version_and_the_student(plan_tab, answers):
    plan_tab.set_targets(["google-it-support"])
    plan_tab.build_plan()
    plan_tab.approve_button.click()
    assert answers == [
        "Approve version 1 of Muhammad Ali's plan? An approved plan is locked: a later change "
        "starts a new version."
    ]


def test_a_completed_program_is_marked_and_cannot_be_ticked(students_screen, answers):
    students_screen.open_student("fa23-bcs-001")  # has completed Google IT Support
    tab = students_screen.workspace.plan_tab
    items = {
        tab.targets.item(i).data(SLUG_ROLE): tab.targets.item(i) for i in range(tab.targets.count())
    }
    done = items["google-it-support"]
    assert done.text().startswith("✓ Google IT Support") and done.text().endswith("— completed")
    assert not done.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not done.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert tab.targets.row(done) == tab.targets.count() - 1  # completed ones last
    tab.set_targets(["google-it-support", "python-for-everybody"])
    assert tab.checked_targets() == ["python-for-everybody"]
