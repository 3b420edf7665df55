"""The plain-language sentences an advisor reads to a student. Text only; no decisions here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from advisor.model.audit.completion import ProgramStanding
from advisor.model.audit.inputs import Catalog, ExceptionInput, SlotSpec


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def credit_hours(n: int) -> str:
    return plural(n, "credit hour")


def when(d: date | None) -> str:
    return d.isoformat() if d else "an unknown date"


def completed(d: date | None) -> str:
    return f"completed {d.isoformat()}" if d else "completion date unknown"


def progress_phrase(s: ProgramStanding) -> str:
    """'5 of 5 courses complete' / 'program certificate recorded (4 of 6 course records …)'."""
    done = f"{s.courses_done} of {plural(s.courses_required, 'course')} complete"
    if s.via_certificate:
        return (
            f"program certificate recorded on {when(s.completed_on)} ({done} in the course records)"
        )
    if s.complete:
        return f"{done}, completed on {when(s.completed_on)}"
    left = max(0.0, s.hours_total - s.hours_done)
    return f"{done} ({left:g} h of study left)" if s.started else f"not started ({done})"


def quality_notes(s: ProgramStanding, catalog: Catalog, min_grade: float | None) -> list[str]:
    """Grades below the minimum, unknown grades, advisor completions, future dates."""
    notes = [
        f"{catalog.course_title(slug)} has grade {grade:g}, below the minimum {min_grade:g}"
        for slug, grade in s.low_grades
        if min_grade is not None
    ]
    if s.grade_unknown and (s.complete or s.courses_done) and min_grade is not None:
        notes.append(
            f"the grade of {plural(s.grade_unknown, 'course')} is not known (accepted: Coursera "
            "completes a course only when its graded work is passed)"
        )
    if s.by_advisor:
        notes.append(f"{plural(s.by_advisor, 'course')} marked complete by an advisor")
    for slug in s.future_dated:
        notes.append(
            f"{catalog.course_title(slug)} has a completion dated after today: not counted yet"
        )
    return notes


def verification_phrase(s: ProgramStanding) -> str:
    if not s.complete:
        return ""
    if s.verified:
        return "certificate verified" if s.certificate else "every course certificate verified"
    if s.planned:
        return "planned, not yet done"
    if s.via_certificate:
        return "program certificate recorded without a URL or code: not verified yet"
    return (
        f"not verified yet: {plural(s.unverified, 'course')} without a certificate URL or code "
        "or a person's check"
    )


def slot_list(codes: Sequence[str]) -> str:
    return ", ".join(codes)


def titles(slugs: Sequence[str], catalog: Catalog) -> str:
    key = ("titles", tuple(slugs))
    if key not in catalog.memo:  # slot option lists repeat for every student
        catalog.memo[key] = ", ".join(
            catalog.programs[s].title if s in catalog.programs else s for s in slugs
        )
    return catalog.memo[key]


def exception_phrase(exc: ExceptionInput) -> str:
    by = f" by {exc.author}" if exc.author else ""
    on = f" on {exc.created_on.isoformat()}" if exc.created_on else ""
    return f"exception #{exc.id}{by}{on}: {exc.reason}"


def due_phrase(slot: SlotSpec, semester: int) -> str:
    if slot.due_semester is None:
        return ""
    if semester > slot.due_semester:
        return f"It was due by semester {slot.due_semester}; the student is in semester {semester}."
    return f"Due by semester {slot.due_semester}; the student is in semester {semester}."


def closest_phrase(options: Sequence[str], standings: Mapping[str, ProgramStanding]) -> str:
    """The nearest program under way toward an open slot, among the options that can count."""
    started = [
        standings[s]
        for s in options
        if s in standings and standings[s].started and not standings[s].complete
    ]
    if not started:
        return ""
    best = min(started, key=lambda s: (s.hours_total - s.hours_done, s.slug))
    return sentence(
        f"closest: {best.program.title}, {best.courses_done} of {best.courses_required} courses"
    )


def sentence(text: str) -> str:
    """First letter up, a full stop at the end (str.capitalize would lower 'IBM')."""
    text = text.strip()
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")
