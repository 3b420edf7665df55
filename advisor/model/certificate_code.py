"""Coursera certificate references: the full verify URL is stored; letters print its code."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from advisor.model.errors import ValidationError

# Path words of Coursera's certificate pages: /verify/CODE, /account/accomplishments/verify/CODE,
# …/specialization/(certificate/)CODE, …/professional-cert/CODE.
CERTIFICATE_PATHS = ("/verify/", "/accomplishments/")
PROGRAM_WORDS = ("specialization", "professional-cert")
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{2,99}")
PATH_WORDS = {"verify", "accomplishments", "specialization", "professional-cert", "certificate"}

CertificateKind = Literal["course", "program"]


def certificate_code(reference: str) -> str:
    """'https://coursera.org/verify/professional-cert/7QX2M9PLK4RT' -> '7QX2M9PLK4RT'.
    Anything that is not a Coursera certificate page (a bare code, a note) is returned as it
    is, trimmed."""
    text = reference.strip()
    if not any(word in text for word in CERTIFICATE_PATHS):
        return text
    path = urlsplit(text).path if "://" in text else text
    parts = [p for p in path.split("/") if p]
    return parts[-1] if parts else text


def certificate_kind(reference: str) -> CertificateKind | None:
    """What a Coursera URL certifies: a Specialization or Professional Certificate URL is a
    program's, any other certificate page a course's; None for a bare code."""
    text = reference.strip().lower()
    if not any(word in text for word in CERTIFICATE_PATHS):
        return None
    path = urlsplit(text).path if "://" in text else text
    return "program" if any(f"/{word}/" in path for word in PROGRAM_WORDS) else "course"


class CheckedCode(NamedTuple):
    code: str
    kind: CertificateKind | None


def checked_code(reference: str) -> CheckedCode:
    """A code or certificate URL typed by a person, reduced to its code; refused when empty or
    when it is not a code (spaces, punctuation), with what to type instead."""
    text = reference.strip()
    if not text:
        raise ValidationError(
            "Type the certificate code (e.g. ABC123XYZ) or paste its Coursera verify URL."
        )
    code = certificate_code(text)
    if not CODE_PATTERN.fullmatch(code) or code.lower() in PATH_WORDS:
        raise ValidationError(
            f"'{text[:80]}' is not a certificate code: a code is 3 to 100 letters and digits "
            "(e.g. ABC123XYZ); or paste the whole Coursera verify URL."
        )
    return CheckedCode(code, certificate_kind(text))
