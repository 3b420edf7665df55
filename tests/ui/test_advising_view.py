"""The advising-session view: each requirement as a card with its status in words, each
certification under way or done with its progress bar, and the plan with its timeline."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel, QProgressBar

from advisor.ui.advising_view import REQUIREMENT_WORDS
from advisor.ui.audit_tab import STATUS_COLOR
from advisor.ui.students_screen import StudentsScreen
from tests.ui.conftest import SCREEN_TODAY

TODAY = SCREEN_TODAY


@pytest.fixture
def screen(students_screen: StudentsScreen) -> StudentsScreen:
    return students_screen


def card_text(card) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(label.text() for label in card.findChildren(QLabel))


def test_each_requirement_is_a_card_with_its_status_in_words(screen, advised):
    screen.open_student("fa23-bcs-001")
    screen.workspace.advising_button.click()
    view = screen.advising
    audit = advised.audit.audit_student("fa23-bcs-001", today=TODAY)
    assert len(view.requirement_cards) == len(audit.requirements)
    for card, requirement in zip(view.requirement_cards, audit.requirements, strict=True):
        text = card_text(card)
        assert requirement.title in text
        assert REQUIREMENT_WORDS[requirement.status] in text
        assert f"{requirement.credits} credit hours" in text
    core = next(
        c
        for c, r in zip(view.requirement_cards, audit.requirements, strict=True)
        if r.id == "CERT-CORE"
    )
    assert "Satisfied" in card_text(core)
    assert "Google IT Support Professional Certificate" in card_text(core)  # a title, not a slug
    assert "google-it-support" not in card_text(core)


def test_certifications_show_their_progress_bars(screen, advised):
    screen.open_student("fa23-bcs-001")
    screen.start_advising()
    audit = advised.audit.audit_student("fa23-bcs-001", today=TODAY)
    started = [p for p in audit.programs if p.status != "not_started"]
    assert started and len(screen.advising.program_cards) == len(started)
    bars = {
        card.accessibleName(): card.findChild(QProgressBar)
        for card in screen.advising.program_cards
    }
    google = bars["Certification Google IT Support Professional Certificate"]
    assert google.value() == google.maximum() and "5 of 5 courses" in google.format()


def test_a_waiting_credit_reads_as_waiting_for_verification(screen, advised):
    screen.open_student("fa23-bcs-001")
    workspace = screen.workspace
    audit = workspace.audit
    waiting = replace(audit.requirements[0], status="pending", eligible_credits=0)
    screen.advising.show_student(
        workspace.detail, replace(audit, requirements=(waiting, *audit.requirements[1:]))
    )
    first = card_text(screen.advising.requirement_cards[0])
    assert "Waiting for certificate verification" in first
    assert "Pending" not in first  # the office's word is not shown to the student


def test_the_plan_shows_its_timeline_completion_and_credits(screen):
    screen.open_student("fa23-bcs-001")
    tab = screen.workspace.plan_tab
    tab.set_targets(["python-for-everybody"])
    plan = tab.build_plan()
    assert plan is not None
    screen.start_advising()
    view = screen.advising
    assert view.timeline.isVisibleTo(view) and view.timeline._plan is plan
    assert "Projected completion" in view.plan_text.text()
    assert f"<b>{plan.projected_credits}</b> credit hours" in view.plan_text.text()
    assert view.projected.text() == str(plan.projected_credits)
    # A draft plans nothing yet: the card stays Open (as the Audit tab says) and names the draft.
    drafted = [card_text(c) for c in view.requirement_cards if "draft plan" in card_text(c)]
    assert drafted and "Python for Everybody" in drafted[0] and "Open" in drafted[0]


def test_without_a_plan_the_view_says_so(screen):
    screen.open_student("fa23-bcs-004")
    screen.start_advising()
    assert not screen.advising.timeline.isVisibleTo(screen.advising)
    assert "No plan yet" in screen.advising.plan_text.text()
    assert screen.advising.projected.text() == "—"


def test_a_certificate_waiting_for_verification_is_amber_not_green(screen):
    screen.open_student("fa23-bcs-001")
    workspace = screen.workspace
    audit = workspace.audit
    done = next(p for p in audit.programs if p.status == "completed")
    waiting = replace(done, verified=False)
    programs = tuple(waiting if p is done else p for p in audit.programs)
    screen.advising.show_student(workspace.detail, replace(audit, programs=programs))
    card = next(c for c in screen.advising.program_cards if done.title in card_text(c))
    assert "waiting for certificate verification" in card_text(card)
    assert STATUS_COLOR["pending"] in card.styleSheet()
