"""How documents print values: dates, hours, credit hours, and text made safe for Paragraph
markup (a name like "O'Neil & Sons <Pvt>" must print as written, not break the layout)."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def short_date(value: date | None, empty: str = "—") -> str:
    return f"{value.day} {value:%b %Y}" if value else empty


def hours(value: float) -> str:
    return f"{value:g} h"


def credit_hours(value: int) -> str:
    return f"{value} credit hour" + ("" if value == 1 else "s")


def markup(text: str) -> str:
    """Plain text for a Paragraph: escaped, line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")
