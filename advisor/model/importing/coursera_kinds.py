"""Which of Coursera's admin-export tabs a table is, told by its header names (never its file name).

Sanad reads four of them: the course activity report (CourseActivity, or the older Usage
report), the Specialization report, LearningPathActivity (badges = programs) and ProgramActivity
(who joined the university's program). The other tabs of the enterprise export are named, so a
clerk who picked one is told what it is and which file to take instead of a missing-column error.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from advisor.model.errors import ValidationError
from advisor.model.importing.header_match import header_key
from advisor.model.importing.tabular_reader import TableFile

COURSE_REPORT = "course report"
SPECIALIZATION_REPORT = "specialization report"
LEARNING_PATH_REPORT = "learning path report"
PROGRAM_REPORT = "program membership report"

REPORT_LABELS = {
    COURSE_REPORT: "Coursera progress export: course activity (CourseActivity or Usage)",
    SPECIALIZATION_REPORT: "Coursera progress export: Specialization report",
    LEARNING_PATH_REPORT: "Coursera progress export: LearningPathActivity (badges = programs)",
    PROGRAM_REPORT: "Coursera ProgramActivity: who joined the university's program",
}
READS = (
    "Sanad reads CourseActivity (or the Usage report), the Specialization report, "
    "LearningPathActivity and ProgramActivity"
)
# Other tabs of Coursera's enterprise export: a header that names one, and what to call it.
_OTHER_TABS = (
    (
        {"guided project name", "guided project slug", "project name", "project slug"},
        "Guided Project activity report",
    ),
    (
        {"clip name", "clip title", "clip slug", "video name", "video title"},
        "Clips activity report",
    ),
    ({"skill", "skill name", "skill score", "skillset name"}, "Skills report"),
    ({"assessment name", "assessment title", "assessment score"}, "Assessment report"),
    ({"academy name", "academy slug"}, "Academy activity report"),
    ({"invitation link", "invitation status"}, "Invitations report"),
    (
        {"contract name", "license count", "licenses used", "seats used"},
        "Contract / licence report",
    ),
)
# Headers every Coursera enterprise tab has some of: an unknown one of them is still Coursera's.
_COURSERA_MARKERS = {
    header_key(h)
    for h in (
        "Program Slug",
        "Program Name",
        "Contract(s)",
        "Contract ID(s)",
        "Contract",
        "Collection ID",
        "Collection Name",
        "Total Estimated Learning Hours (since enrolled)",
        "Learning Hours",
        "Manager Email",
        "Business Unit 2",
    )
}


def report_kind(header: Iterable[str]) -> str | None:
    """The Coursera report Sanad reads that this header belongs to, or None."""
    keys = {header_key(h) for h in header}
    if keys & {"badge slug", "badge title"}:
        return LEARNING_PATH_REPORT
    if keys & {"course slug", "course id", "course"} or (
        "course name" in keys and keys & {"overall progress", "completed", "course grade"}
    ):
        return COURSE_REPORT
    if keys & {"specialization slug", "specialization", "specialization name"}:
        return SPECIALIZATION_REPORT
    if "member state" in keys or ("program slug" in keys and "join date" in keys):
        return PROGRAM_REPORT
    return None


def other_coursera_tab(header: Iterable[str]) -> str | None:
    """The name of a Coursera tab Sanad does not read ('Skills report'), or None."""
    keys = {header_key(h) for h in header}
    for names, label in _OTHER_TABS:
        if keys & names:
            return label
    if len(keys & _COURSERA_MARKERS) >= 2:
        return "Coursera enterprise report of a kind Sanad does not read"
    return None


def sniff_report(path: Path) -> str:
    """Open the table just for its header: which report Sanad reads it is, or a clear refusal."""
    with TableFile(path) as table:
        header, line = table.header, table.header_line
    kind = report_kind(header)
    if kind is None:
        refuse_other_tab(path.name, header, line)
        raise ValidationError(
            f"{path.name}, line {line} (the header): this is not a Coursera report Sanad can "
            f"read; {READS}; nothing was imported.",
            nothing_changed=True,
        )
    return kind


def refuse_other_tab(file_name: str, header: list[str], line: int) -> None:
    """Raise the clear refusal for another Coursera tab; return if the header is not one."""
    tab = other_coursera_tab(header)
    if tab is not None:
        raise ValidationError(
            f"{file_name}, line {line} (the header): this is Coursera's {tab}; {READS}. "
            "Download one of those from Coursera's admin export; nothing was imported.",
            nothing_changed=True,
        )
