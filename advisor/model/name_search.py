"""Finding a student from what a person types: a roll number in any case and without its
dashes ('fa23bcs003'), and near misses of names ('fatma' finds Fatima). Pure, no database."""

from __future__ import annotations

import re

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
ROLL_SEPARATORS = ("-", "/", " ", "_", ".")  # what the database strips from roll numbers
_WORD_BREAKS = re.compile(r"[\s@._\-/]+")


def compact(text: str) -> str:
    """Lower case, letters and digits only: 'FA23-BCS-003' and 'fa23bcs003' are one key."""
    return _NOT_ALNUM.sub("", text.casefold())


def within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most `limit` (stops as soon as it cannot be)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def near_word(typed: str, word: str) -> bool:
    """A typed word close to one word of a name: its start, or a few letters off. The first
    letter must agree (people rarely mistype it, and it keeps 'ali' from finding 'bali')."""
    if word.startswith(typed):
        return True
    if len(typed) < 3 or not word or typed[0] != word[0]:
        return False
    limit = 1 if len(typed) < 6 else 2
    if within_edits(typed, word, limit):
        return True
    # Still typing: 'fatm' is near the start of 'fatima'.
    return len(typed) >= 4 and within_edits(typed, word[: len(typed)], 1)


def near_match(search: str, *texts: str) -> bool:
    """Every typed word is near some word of the texts (name, roll number, email)."""
    words = [w for t in texts for w in _WORD_BREAKS.split(t.casefold()) if w]
    words += [key for key in map(compact, texts) if key]
    return all(any(near_word(typed, w) for w in words) for typed in search.casefold().split())
