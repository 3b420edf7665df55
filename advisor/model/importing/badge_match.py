"""Which catalog program a Coursera badge (or a program name in any export) means. Pure.

Real LearningPathActivity badge slugs carry a pathway suffix the catalog never has
(`project-management-and-pmp-certification-pathway-hr2it`), and badge titles name the provider in
parentheses (`Project Management Professional Certificate (Microsoft)`). So: the slug as it is,
then the slug without its pathway suffix, then the title compared without case, punctuation or a
trailing "(Provider)", together with the provider when the title names one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PATHWAY_SUFFIX = re.compile(r"-pathway(?:-[a-z0-9]+)?$")
_TRAILING_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def base_slug(slug: str) -> str:
    """'google-data-analytics-pathway-hr2it' -> 'google-data-analytics'."""
    return _PATHWAY_SUFFIX.sub("", slug.strip().casefold())


def words(text: str) -> str:
    """'Google Project Management: Professional Certificate' -> 'google project management
    professional certificate'."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).replace("_", " ").split())


def split_title(title: str) -> tuple[str, str]:
    """'Introduction to Data Science Specialization (IBM)' -> ('introduction to data science
    specialization', 'ibm'): the comparable title and the provider it names ('' if none)."""
    found = _TRAILING_PARENS.search(title)
    if found is None:
        return words(title), ""
    return words(title[: found.start()]), words(found.group(1))


def split_provider(title: str) -> str:
    """The provider a title names in parentheses, as written: '… (Microsoft)' -> 'Microsoft'."""
    found = _TRAILING_PARENS.search(title)
    return found.group(1).strip() if found else ""


class BadgeMatcher:
    """items: (id, slug, title, provider) of every catalog program."""

    def __init__(self, items: Iterable[tuple[int, str, str, str]]) -> None:
        self.by_slug: dict[str, int] = {}
        self.by_title_provider: dict[tuple[str, str], int] = {}
        by_title: dict[str, int | None] = {}
        for iid, slug, title, provider in items:
            self.by_slug[slug.casefold()] = iid
            key, named = split_title(title)
            for who in {named, words(provider)} - {""}:
                self.by_title_provider[(key, who)] = iid
            by_title[key] = None if by_title.get(key, iid) != iid else iid  # None: ambiguous
        self.by_unique_title = {k: v for k, v in by_title.items() if v is not None}

    def find(self, slug: str, title: str) -> int | None:
        key = slug.strip().casefold()
        if key:
            found = self.by_slug.get(key)
            if found is None:
                found = self.by_slug.get(base_slug(key))
            if found is not None:
                return found
        if not title.strip():
            return None
        name, provider = split_title(title)
        if provider:
            return self.by_title_provider.get((name, provider))
        return self.by_unique_title.get(name)


class CourseTitleMatcher:
    """A course named only by its title (LearningPathActivity has no course slug): first among
    the courses of the program the row's badge matched, then a title no two providers share."""

    def __init__(
        self,
        courses: Iterable[tuple[int, str]],
        program_courses: Iterable[tuple[int, int]],
    ) -> None:
        """courses: (id, title); program_courses: (program id, course id)."""
        title_of: dict[int, str] = {}
        by_title: dict[str, int | None] = {}
        for cid, title in courses:
            key = words(title)
            title_of[cid] = key
            by_title[key] = None if by_title.get(key, cid) != cid else cid
        self.by_unique_title = {k: v for k, v in by_title.items() if v is not None}
        self.in_program: dict[tuple[int, str], int] = {
            (pid, title_of[cid]): cid for pid, cid in program_courses if cid in title_of
        }

    def find(self, title: str, program: int | None) -> int | None:
        key = words(title)
        if not key:
            return None
        if program is not None and (program, key) in self.in_program:
            return self.in_program[(program, key)]
        return self.by_unique_title.get(key)
