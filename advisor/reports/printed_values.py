"""How documents print values: dates, hours, credit hours, and text made safe for Paragraph
markup (a name like "O'Neil & Sons <Pvt>" must print as written, not break the layout)."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from advisor.reports.mixed_script import has_rtl, mark_runs, visual_order


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def short_date(value: date | None, empty: str = "—") -> str:
    return f"{value.day} {value:%b %Y}" if value else empty


def hours(value: float) -> str:
    return f"{value:g} h"


def credit_hours(value: int) -> str:
    return f"{value} credit hour" + ("" if value == 1 else "s")


def markup(text: str) -> str:
    """Plain text for a Paragraph: escaped, line breaks kept; Urdu words in visual order and
    marked for the Naskh font (shaped when the Paragraph is made with mixed_script.paragraph)."""
    if not has_rtl(text or ""):
        return escape(text or "").replace("\n", "<br/>")
    lines = [mark_runs(escape(visual_order(line))) for line in text.split("\n")]
    return "<br/>".join(lines)
