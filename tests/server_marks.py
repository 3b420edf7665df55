"""`server_only`: a test of the department server (PostgreSQL) itself. It needs the server's
test fixtures of tests/conftest.py (issue 14's `server` branch: `postgresql_only`, `db_location`,
`server_database`); until they are there, it skips."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import tests.conftest


def server_only(test: Callable[..., Any]) -> Callable[..., Any]:
    marked = pytest.mark.postgresql_only(test)
    ready = hasattr(tests.conftest, "server_database")
    return pytest.mark.skipif(not ready, reason="no PostgreSQL test fixtures yet")(marked)
