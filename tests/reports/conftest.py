"""Helpers for document tests: read a PDF back as text, and have qpdf check its structure."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text with whitespace collapsed, so table cells and wrapped lines compare."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


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
