"""Search-as-you-type over the catalog, in memory: every typed word must start a word of the
title, the slug or the provider (the same rule as the FTS5 query), results in title order.

The catalog changes only when a bundle is imported, so the service builds this index once per
catalog version. A keystroke is then a substring test per entry (`" pyth" in haystack`): about
a millisecond for 11,000 entries, where FTS5 needs tens of ms for one- and two-letter prefixes
(it must read and sort thousands of matches to give the first ones by title).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def words_of(text: str) -> list[str]:
    """Lower-case words without diacritics, as FTS5's unicode61 tokenizer splits them."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"\w+", plain)


@dataclass(frozen=True)
class Found(Generic[T]):
    first: tuple[T, ...]
    total: int


class PrefixIndex(Generic[T]):
    """Items with their searchable text, kept in display order."""

    def __init__(self, items: Sequence[tuple[T, str]]) -> None:
        self._items = [item for item, _text in items]
        self._haystacks = [" " + " ".join(words_of(text)) for _item, text in items]

    def __len__(self) -> int:
        return len(self._items)

    def find(self, search: str | None, limit: int) -> Found[T]:
        needles = [" " + w for w in words_of(search or "")]
        if not needles:
            return Found(tuple(self._items[:limit]), len(self._items))
        haystacks = self._haystacks
        # One plain comprehension per word (no generator per entry): ~0.5 ms per 10,000.
        hits = [i for i, hay in enumerate(haystacks) if needles[0] in hay]
        for needle in needles[1:]:
            hits = [i for i in hits if needle in haystacks[i]]
        return Found(tuple(self._items[i] for i in hits[:limit]), len(hits))
