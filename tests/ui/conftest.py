"""UI test fixtures: background work runs inline (deterministic, no waiting), error boxes closed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import shiboken6

from tests.conftest import TEST_PASSPHRASE


@pytest.fixture
def inline_tasks() -> Iterator[None]:
    from advisor.ui.tasks import InlinePool, use_pools

    with use_pools(InlinePool()):
        yield


@pytest.fixture
def error_boxes(qtbot) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Error dialogs opened during the test are closed after it (tests read open_error_boxes())."""
    from advisor.ui.errors import open_error_boxes

    yield
    for box in open_error_boxes():
        if shiboken6.isValid(box):
            box.done(0)


@pytest.fixture
def department(services, samples):  # type: ignore[no-untyped-def]
    """The sample department's policy and roster; no progress."""
    services.policy.import_file(samples / "policy.json", key_passphrase=TEST_PASSPHRASE)
    services.students.import_roster(samples / "roster.csv")
    return services


GOOGLE_IT_SUPPORT = (
    "technical-support-fundamentals",
    "computer-networking",
    "os-power-user",
    "system-administration-it-infrastructure-services",
    "it-security",
)


@pytest.fixture
def advised(department):  # type: ignore[no-untyped-def]
    """fa23-bcs-001 has finished Google IT Support (recorded by an advisor, so verified)."""
    for course in GOOGLE_IT_SUPPORT:
        department.exceptions.add_course_completion(
            "fa23-bcs-001", course, "certificate seen", "Coursera export missed it"
        )
    return department


SCREEN_TODAY = date(2026, 1, 31)


@pytest.fixture
def students_screen(qtbot, advised, inline_tasks):  # type: ignore[no-untyped-def]
    """The Students screen over the advised department, its list loaded."""
    from advisor.ui.students_screen import StudentsScreen

    widget = StudentsScreen(advised, today=SCREEN_TODAY)
    qtbot.addWidget(widget)
    widget.refresh()
    return widget


@pytest.fixture(autouse=True)
def _background_work_ends_with_the_test() -> Iterator[None]:
    """A task still running when the test's database is closed would read a closed store."""
    yield
    from advisor.ui.tasks import wait_for_background_work

    wait_for_background_work()
