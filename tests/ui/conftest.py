"""UI test fixtures: background work runs inline (deterministic, no waiting), error boxes closed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6


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
