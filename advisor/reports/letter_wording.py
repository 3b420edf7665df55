"""The letter's fixed sentences (body and conditions): the default wording, the placeholders an
institution may use in its own wording, and filling them from the letter's facts.

Every sentence says only what the letter's data shows: the policy sentence names the policy the
audit applied and says so when no policy covered the intake; the verification sentence points
to the per-line statement of how each certification was verified.
"""

from __future__ import annotations

import re
import string

from advisor.reports.documents import LetterData, LetterWording
from advisor.reports.printed_values import credit_hours, markup

DEFAULT_WORDING = LetterWording(
    body=(
        "This is to certify that **{name}**{parentage}, Roll No. **{roll_no}**, a student of "
        "{degree} ({intake} intake), has completed the following industry certifications "
        "through the HEC–Coursera Digital Learning & Skills Enrichment Initiative. They are "
        "recorded by {department} as set out below and are eligible for **{credits}** toward "
        "the degree."
    ),
    conditions=(
        "The {credits} above are to be recorded on the transcript as **transferred credit** "
        "(TR) toward the degree named above.",
        "Transferred credit **does not enter the CGPA**; no grade points are awarded for it.",
        "The credit is granted under {policy}, in line with HEC's advisory of September 2025 on "
        "industry certifications; it does not exceed that policy's cap.",
        "How each certification was verified is stated beside its certificate code. This letter "
        "is void if it has been altered or revoked in the register.",
    ),
)

PLACEHOLDERS = {
    "name": "the student's name",
    "parentage": "' S/O …' or ' D/O …' (with its leading space), or nothing",
    "roll_no": "the roll number",
    "degree": "the degree's title",
    "degree_code": "the degree's code",
    "intake": "the intake, e.g. Fall 2023",
    "credits": "the total, e.g. '9 credit hours'",
    "department": "'the Department of …' of the degree, else 'the department'",
    "policy": "the credit policy the audit applied, in words",
}

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def unknown_placeholders(text: str) -> list[str]:
    """Names in braces that `fill` would not know (for a refusal when the wording is saved)."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return ["an unmatched brace"]
    return sorted({n for n in names if n not in PLACEHOLDERS})


def policy_words(letter: LetterData) -> str:
    """The policy the audit applied, as the audit says it: the newest one for the intake year,
    or the oldest one when none covers the intake."""
    department = f"the {letter.department}" if letter.department else "the department"
    if letter.policy_year is None:
        return f"the credit policy of {department}"
    intake_year = _intake_year(letter.student.intake)
    if intake_year is not None and letter.policy_year > intake_year:
        return (
            f"the credit policy of {department} of catalog year {letter.policy_year}, the oldest "
            f"on record (no policy covers the {letter.student.intake} intake)"
        )
    return (
        f"the credit policy of {department} of catalog year {letter.policy_year}, which applies "
        f"to the {letter.student.intake} intake"
    )


def _intake_year(intake: str) -> int | None:
    found = re.search(r"\b(\d{4})\b", intake)
    return int(found.group(1)) if found else None


def _values(letter: LetterData) -> dict[str, str]:
    st = letter.student
    return {
        "name": st.name,
        "parentage": f" {st.parentage}" if st.parentage else "",
        "roll_no": st.roll_no,
        "degree": st.degree_title,
        "degree_code": st.degree,
        "intake": st.intake,
        "credits": credit_hours(letter.total_credits),
        "department": f"the {letter.department}" if letter.department else "the department",
        "policy": policy_words(letter),
    }


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, letter: LetterData) -> str:
    """The sentence as Paragraph markup: text escaped, **bold** bold, placeholders filled (their
    values escaped too, so a name like 'O'Neil & <Sons>' prints as written)."""
    values = _KeepUnknown({k: markup(v) for k, v in _values(letter).items()})
    text = _BOLD.sub(r"<b>\1</b>", markup(template))
    try:
        return text.format_map(values)
    except (ValueError, IndexError):
        return text  # a stray brace prints as written rather than failing the letter


def wording_of(letter: LetterData) -> LetterWording:
    return letter.wording or DEFAULT_WORDING
