"""What an institution's details must be, wherever they come from (Settings or a policy file)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

# The prefix starts every reference number ({prefix}/{year}/{serial}): keep it printable and short.
PREFIX_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/\-_.]{0,39}$")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_.]{0,39}$")
MAX_SIGNATORIES = 3
MAX_NAME = 300


class Signed(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def title(self) -> str: ...


def institution_problems(
    code: str, name: str, letter_prefix: str, signatories: Sequence[Signed]
) -> list[str]:
    """Every reason the details cannot be saved, so the clerk fixes them all in one go."""
    problems = []
    if not name.strip():
        problems.append("The institution's name is empty.")
    elif len(name.strip()) > MAX_NAME:
        problems.append(f"The institution's name is longer than {MAX_NAME} characters.")
    if not CODE_PATTERN.match(code.strip()):
        problems.append(
            "The code must be letters, digits, '-', '_' or '.' (at most 40), e.g. DIST."
        )
    if not PREFIX_PATTERN.match(letter_prefix.strip()):
        problems.append(
            "The letter reference prefix must start with a letter or digit and use only letters, "
            "digits, '/', '-', '_' or '.' (at most 40), e.g. DIST/CERT."
        )
    if len(signatories) > MAX_SIGNATORIES:
        problems.append(f"A letter has room for at most {MAX_SIGNATORIES} signatories.")
    for number, signatory in enumerate(signatories, start=1):
        if not signatory.name.strip() or not signatory.title.strip():
            problems.append(f"Signatory {number} needs both a name and a title.")
        elif len(signatory.name) > 200 or len(signatory.title) > MAX_NAME:
            problems.append(f"Signatory {number}'s name or title is too long.")
    return problems
