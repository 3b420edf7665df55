"""Coursera's 2026 admin-export tabs as Coursera writes them: every field quoted, a BOM, CRLF.

The headers are exactly those of the real files (issue 17); rows are given as dicts by header
name, and a column a test does not mention is blank.
"""

from __future__ import annotations

from pathlib import Path

LEARNING_PATH_HEADER = [
    "User Name",
    "Email",
    "Badge Title",
    "Badge Slug",
    "Badge Link",
    "Badge Last Transaction Timestamp",
    "Number of Courses",
    "Progress in Badge (%)",
    "Course Name",
    "Course Enrollment Date",
    "Is Course Completed",
    "Course Completion Timestamp",
    "Badge Completed",
    "Badge Completion Timestamp",
    "Last Activity Timestamp",
    "List of Program",
    "Collection ID",
    "Collection Name",
    "Total Estimated Learning Hours (since enrolled)",
    "Manager Name",
    "Manager Email",
    "Job Title",
    "Business Unit",
    "Business Unit 2",
    "Location City",
    "Location Region",
    "Location Country",
]
PROGRAM_ACTIVITY_HEADER = [
    "Name",
    "Email",
    "External ID",
    "Program Name",
    "Program Slug",
    "# Enrolled Courses",
    "# Completed Courses",
    "Member State",
    "Join Date",
    "Invitation Date",
    "Last Program Activity Date",
    "Contract(s)",
    "Contract ID(s)",
    "Learning Hours",
    "Manager Name",
    "Manager Email",
    "Job Title",
    "Job Type",
    "Business Unit",
    "Business Unit 2",
    "Location City",
    "Location Region",
    "Location Country",
]
LEARNING_PATH_NAME = (
    "LearningPathActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-05-04 17-33-53 UTC.csv"
)
PROGRAM_ACTIVITY_NAME = (
    "ProgramActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-05-04 17-33-53 UTC.csv"
)


def quoted(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


def write_export(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    unknown = {k for r in rows for k in r} - set(header)
    assert not unknown, unknown
    lines = [quoted(header)] + [quoted([r.get(h, "") for h in header]) for r in rows]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    return path


def badge_rows(
    email: str,
    slug: str,
    title: str,
    courses: list[str],
    *,
    done: bool,
    link: str = "",
    progress: str = "100",
    when: str = "2025-03-12T10:15:42.000Z",
    name: str = "Learner",
) -> list[dict[str, str]]:
    """One row per course of a badge, as LearningPathActivity lists them."""
    return [
        {
            "User Name": name,
            "Email": email,
            "Badge Title": title,
            "Badge Slug": slug,
            "Badge Link": link if done else "",
            "Number of Courses": str(len(courses)),
            "Progress in Badge (%)": progress,
            "Course Name": course,
            "Course Enrollment Date": "2025-01-02T09:00:00.000Z",
            "Is Course Completed": "Yes" if done else "No",
            "Course Completion Timestamp": when if done else "",
            "Badge Completed": "Yes" if done else "No",
            "Badge Completion Timestamp": when if done else "",
            "List of Program": "DIST Coursera 2023",
            "Location Country": "Pakistan",
        }
        for course in courses
    ]
