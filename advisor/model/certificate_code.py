"""Coursera certificate references: the full verify URL is stored; letters print its code."""

from __future__ import annotations

from urllib.parse import urlsplit


def certificate_code(reference: str) -> str:
    """'https://coursera.org/verify/professional-cert/7QX2M9PLK4RT' -> '7QX2M9PLK4RT'.
    Anything without '/verify/' (a bare code, a note) is returned as it is, trimmed."""
    text = reference.strip()
    if "/verify/" not in text:
        return text
    path = urlsplit(text).path if "://" in text else text
    tail = path.split("/verify/", 1)[-1]
    parts = [p for p in tail.split("/") if p]
    return parts[-1] if parts else text
