"""The short CI version of bench/kill_imports.py: a few SIGKILLs at random moments of each
import leave an intact database holding all of the import or none of it."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.kill_imports import SCENARIOS, attack  # noqa: E402


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_killed_imports_are_all_or_nothing(name: str, tmp_path: Path) -> None:
    tally = attack(SCENARIOS[name], kills=4, rng=random.Random(16), work=tmp_path)
    assert tally.failures == []
    assert tally.nothing + tally.everything == tally.kills == 4


@pytest.mark.long
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_many_killed_imports_are_all_or_nothing(name: str, tmp_path: Path) -> None:
    tally = attack(SCENARIOS[name], kills=50, rng=random.Random(1), work=tmp_path)
    assert tally.failures == []
