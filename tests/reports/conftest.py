"""Document tests: every PDF must pass `qpdf --check`."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def qpdf_check(tmp_path: Path) -> Callable[[bytes], None]:
    """`qpdf --check` must pass on every document. scripts/setup.sh installs qpdf: no skipping."""
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf is not installed: run scripts/setup.sh (it installs poppler-utils and qpdf)"

    def check(data: bytes) -> None:
        target = tmp_path / "checked.pdf"
        target.write_bytes(data)
        done = subprocess.run([qpdf, "--check", str(target)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr

    return check
