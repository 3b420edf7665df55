"""The speed tricks (advisor/speed_tricks.py) leave things as they found them."""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest

from advisor.speed_tricks import after_first_paint, gc_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_gc_paused_pauses_and_restores_the_collector(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), gc_paused():
            raise RuntimeError("an error inside")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_loader_starts_two_turns_of_the_event_loop_later() -> None:
    queue: list[Callable[[], None]] = []
    started: list[int] = []
    after_first_paint(lambda _ms, callback: queue.append(callback), lambda: started.append(1))
    for turn in (1, 2):
        assert not started, f"started before turn {turn}"
        queue.pop(0)()
    assert started == [1]
