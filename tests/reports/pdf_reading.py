"""Read a PDF back as text, as a person would read it."""

from __future__ import annotations

import io

import pypdf


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text with whitespace collapsed, so table cells and wrapped lines compare."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))
