"""The advisor's screens say what the audit says: a completed certification that does not
count is not shown as a green Completed; an open requirement offers only options that would
count and names the completed ones that cannot; an approved plan reads Planned in the Audit tab
and the advising view alike."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from advisor.ui.advising_view import NOT_COUNTED_COLOR, PROGRAM_COLOR
from advisor.ui.audit_tab import STATUS_TEXT
from advisor.ui.students_screen import StudentsScreen
from tests.model.test_progress_import import import_all
from tests.ui.conftest import SCREEN_TODAY

FATIMA = "fa23-bcs-003"  # IBM Data Science counts; IBM Data Analyst, its rival, cannot


@pytest.fixture
def screen(qtbot, department, samples, inline_tasks):  # type: ignore[no-untyped-def]
    import_all(department, samples)
    widget = StudentsScreen(department, today=SCREEN_TODAY)
    qtbot.addWidget(widget)
    widget.refresh()
    widget.open_student(FATIMA)
    return widget


def card_text(card) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(label.text() for label in card.findChildren(QLabel))


def card(cards, name: str):  # type: ignore[no-untyped-def]
    return next(c for c in cards if c.accessibleName() == name)


def test_a_certification_that_does_not_count_says_so(screen):  # type: ignore[no-untyped-def]
    screen.start_advising()
    analyst = card(
        screen.advising.program_cards, "Certification IBM Data Analyst Professional Certificate"
    )
    text = card_text(analyst)
    assert "Completed 11 May 2024 — does not count: only one of IBM Data Analyst" in text
    assert "and IBM Data Science Professional Certificate (completed 2024-01-21) counts" in text
    assert NOT_COUNTED_COLOR in analyst.styleSheet()
    assert PROGRAM_COLOR["completed"] not in analyst.styleSheet()  # not the green of "counts"
    science = card(
        screen.advising.program_cards, "Certification IBM Data Science Professional Certificate"
    )
    assert "does not count" not in card_text(science)
    assert PROGRAM_COLOR["completed"] in science.styleSheet()


def test_an_open_requirement_lists_only_options_that_would_count(screen):  # type: ignore[no-untyped-def]
    screen.start_advising()
    text = card_text(card(screen.advising.requirement_cards, "Requirement CERT-ELEC-2"))
    choose = next(line for line in text.splitlines() if "choose 1 of" in line)
    assert "Google Data Analytics Professional Certificate" in choose
    assert "IBM" not in choose
    assert (
        "IBM Data Analyst Professional Certificate is done but cannot count here: only one of"
        in text
    )
    assert (
        "IBM Data Science Professional Certificate is done but cannot count here: it counts for CERT-ELEC-1"
        in text
    )
    reasons = screen.workspace.audit_tab.reasons.toPlainText()
    assert "Completed but cannot count here: IBM Data Science" in reasons


def test_an_approved_plan_reads_planned_in_the_audit_tab_and_the_advising_view(screen):  # type: ignore[no-untyped-def]
    services, workspace = screen._services, screen.workspace
    plan = services.plans.create(
        FATIMA, ["python-for-everybody"], today=SCREEN_TODAY, start=date(2026, 2, 2)
    )
    workspace.plan_tab.show_student(FATIMA)
    rows = {r.id: r for r in workspace.audit_tab.requirements.rows()}
    assert rows["CERT-ELEC-2"].shown_status == "unsatisfied"  # a draft plans nothing yet
    screen.start_advising()
    draft = card_text(card(screen.advising.requirement_cards, "Requirement CERT-ELEC-2"))
    assert "Open" in draft and "in the draft plan (not approved yet): Python for Everybody" in draft
    screen.end_advising()

    services.plans.approve(FATIMA, today=SCREEN_TODAY)
    workspace.plan_tab.show_student(FATIMA)  # as after Approve: the tab shows the approved plan
    audit_tab = workspace.audit_tab
    rows = {r.id: r for r in audit_tab.requirements.rows()}
    assert rows["CERT-ELEC-2"].shown_status == "planned"
    status = audit_tab.requirements.index(
        [r.id for r in audit_tab.requirements.rows()].index("CERT-ELEC-2"), 2
    ).data()
    filled = audit_tab.requirements.index(
        [r.id for r in audit_tab.requirements.rows()].index("CERT-ELEC-2"), 5
    ).data()
    (target,) = plan.targets
    assert status == STATUS_TEXT["planned"] == "Planned"
    assert filled == f"Planned: Python for Everybody Specialization (by {target.completion})"
    assert "Planned in the approved plan: Python for Everybody" in audit_tab.reasons.toPlainText()
    screen.start_advising()
    text = card_text(card(screen.advising.requirement_cards, "Requirement CERT-ELEC-2"))
    assert "Planned" in text and "Open" not in text
    day = target.completion
    assert f"planned: Python for Everybody Specialization, done by {day.day} {day:%B %Y}" in text
