"""Build resources/catalog/coursera-catalog.json from the research facts file.

    python scripts/build_catalog.py ../shared/data/catalog-facts.json

A course is one entry however many programs list it. A course with no known Coursera slug gets
one derived from its provider and title (`meta-introduction-to-data-analytics`), marked as
derived, and never equal to a real slug.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "catalog" / "coursera-catalog.json"
VERSION = "2026.11"
BUNDLE_DATE = "2026-11-29"


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def provider_prefix(provider: str) -> str:
    return slugify(provider).split("-")[0]


def build(facts: dict) -> dict:
    real_slugs = {c["slug"] for p in facts["programs"] for c in p["courses"] if c.get("slug")}
    real_slugs |= {c["slug"] for c in facts["standalone_courses"] if c.get("slug")}
    courses: dict[str, dict] = {}
    by_title: dict[tuple[str, str], str] = {}  # (provider, title) of slug-less courses

    def derive(provider: str, title: str) -> str:
        base = f"{provider_prefix(provider)}-{slugify(title)}"
        slug, n = base, 2
        while slug in real_slugs or slug in courses:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def add(raw: dict, provider: str, level: str | None) -> str:
        slug = raw.get("slug")
        if slug and slug in courses and courses[slug]["title"] != raw["title"]:
            # the slug was reused for a different course (the retired Stanford ML course)
            slug = None
        if slug is None:
            key = (provider, raw["title"])
            if key in by_title:
                return by_title[key]
            slug = derive(provider, raw["title"])
            by_title[key] = slug
            derived = True
        else:
            derived = False
            if slug in courses:
                return slug
        notes = [raw[k] for k in ("note", "notes", "slug_note") if raw.get(k)]
        if raw.get("slug") and derived:
            notes.append(f"Coursera now uses the slug '{raw['slug']}' for another course.")
        courses[slug] = {
            "slug": slug,
            "slug_derived": derived,
            "title": raw["title"],
            "provider": provider,
            "hours": raw["hours"],
            "hours_estimated": bool(raw.get("estimate")),
            "estimate_reason": raw.get("estimate_reason", ""),
            "level": raw.get("level", level),
            "retired": bool(raw.get("retired")),
            "notes": " ".join(notes),
            "source": raw.get("hours_source") or raw.get("source", ""),
        }
        return slug

    programs = []
    for p in facts["programs"]:
        slugs = [add(c, p["provider"], p.get("level")) for c in p["courses"]]
        programs.append(
            {
                "slug": p["id"],
                "title": p["title"],
                "type": p["type"],
                "provider": p["provider"],
                "level": p.get("level"),
                "hours_per_week": p.get("hours_per_week"),
                "duration_months": p.get("duration_months"),
                "duration_estimated": bool(p.get("duration_estimate")),
                "ace_credits": p.get("ace_credits"),
                "ace_note": p.get("ace_note", ""),
                "source": p.get("source", ""),
                "as_of": p.get("as_of", ""),
                "courses": slugs,
                "elective_groups": [],
            }
        )
    program_slugs = {p["slug"] for p in programs}
    for c in facts["standalone_courses"]:
        if c.get("same_as_program") in program_slugs:
            continue  # the facts list a Specialization as a course too; it is the program
        add(c, c["provider"], c.get("level"))

    providers = sorted(
        {c["provider"] for c in courses.values()} | {p["provider"] for p in programs}
    )
    return {
        "format": "advisor-catalog/1",
        "version": VERSION,
        "date": BUNDLE_DATE,
        "source": "Sanad research facts (catalog-facts.json): " + facts.get("compiled", ""),
        "about": facts.get("about", ""),
        "providers": providers,
        "courses": sorted(courses.values(), key=lambda c: c["slug"]),
        "programs": programs,
    }


def main() -> None:
    facts = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(facts), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
