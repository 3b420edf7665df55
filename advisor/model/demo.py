"""The demo department: the sample institution, policy, roster and Coursera exports, loaded
through the same services (and checks) as a real department's files.

Idempotent: a file already imported (same checksum in the import log) is not imported again.
It refuses a database that holds students of its own, rather than mixing made-up people in.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from advisor.model import paths
from advisor.model.errors import ConflictError
from advisor.model.importing.import_log import file_sha256
from advisor.model.services import Services

DEMO_FOLDER = paths.resource("demo")
POLICY = "policy.json"
DEMO_PASSPHRASE = "demo"  # the demo institution key's passphrase (the welcome page says so)
ROSTER = "roster.csv"
EXPORTS = (  # membership first: the emails it teaches match the progress files that follow
    "ProgramActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-05-04 17-33-53 UTC.csv",
    "coursera-usage-report.csv",
    "CourseActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-01-15 09-30-00 UTC.csv",
    "coursera-specialization-report.csv",
    "LearningPathActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-05-04 17-33-53 UTC.csv",
)


def demo_roll_numbers(folder: Path = DEMO_FOLDER) -> set[str]:
    with (folder / ROSTER).open(encoding="utf-8-sig", newline="") as handle:
        return {row["Roll No"].strip().lower() for row in csv.DictReader(handle)}


def load_demo(services: Services, folder: Path = DEMO_FOLDER) -> str:
    """Load what is missing of the demo department; a one-paragraph summary of what happened."""
    others = sorted(
        s.roll_no
        for s in services.students.list()
        if s.roll_no.lower() not in demo_roll_numbers(folder)
    )
    if others:
        raise ConflictError(
            f"This database already holds {len(others)} student(s) who are not demo students "
            f"(e.g. {others[0]}); the demo is not mixed into real records. Load it into a new "
            "database instead, e.g. `advisor --db demo.db init --demo`."
        )
    imported = {entry.sha256 for entry in services.progress.import_history()}
    done: list[str] = []
    if file_sha256(folder / POLICY) not in imported:
        policy = services.policy.import_file(folder / POLICY, key_passphrase=DEMO_PASSPHRASE)
        done.append(
            f"the institution {policy.institution} with degrees "
            f"{', '.join(policy.degrees_added + policy.degrees_updated)} and {policy.policies_written} "
            "credit policies"
        )
    if file_sha256(folder / ROSTER) not in imported:
        roster = services.students.import_roster(folder / ROSTER)
        done.append(f"{len(roster.added) + len(roster.updated)} students")
    changed: Counter[str] = Counter()
    for name in EXPORTS:
        if file_sha256(folder / name) in imported:
            continue
        result = services.progress.import_export(folder / name)
        changed[result.kind] += result.records_added + result.records_changed
    if changed:
        certificates = changed["specialization report"] + changed["learning path report"]
        done.append(
            f"their Coursera progress ({changed['course report']} course records and "
            f"{certificates} program certificate(s) from the sample exports) and who joined "
            f"the university's Coursera program ({changed['program membership report']} members)"
        )
    if not done:
        return "The demo department is already loaded; nothing changed."
    return (
        "Demo department loaded: " + "; ".join(done) + ". The people are made up. Try "
        "`students show fa23-bcs-001` or `audit fa23-bcs-002` (complete, but waiting for certificates)."
    )


DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = (
    ("admin", "administrator", "Demo Administrator"),
    ("controller", "controller", "Dr. Nadia Hussain (Controller)"),
    ("office", "office", "Bilal Ahmed (Department Office)"),
    ("advisor", "advisor", "Dr. Saima Anwar (Advisor)"),
    ("viewer", "viewer", "Visiting Reviewer"),
)


def add_demo_accounts(services: Services) -> list[str]:
    """One account per role, each with the password `demo` (shown on the welcome page). On a
    database with no accounts `admin` becomes its administrator and is signed in."""
    added: list[str] = []
    if not services.accounts.has_accounts():
        name, _role, full = DEMO_ACCOUNTS[0]
        services.accounts.create_administrator(name, DEMO_PASSWORD, full)
        added.append(name)
    existing = {r.user_name for r in services.accounts.list()}
    for name, role, full in DEMO_ACCOUNTS:
        if name not in existing and name not in added:
            services.accounts.add(name, role, DEMO_PASSWORD, full_name=full)
            added.append(name)
    return added


def demo_hint(services: Services) -> str:
    """For the sign-in page of a database holding the demo department: its accounts."""
    students = services.students.list()
    if not students or any(s.roll_no.lower() not in demo_roll_numbers() for s in students):
        return ""
    return demo_accounts_text()


def demo_accounts_text() -> str:
    names = ", ".join(f"<b>{name}</b> ({role})" for name, role, _full in DEMO_ACCOUNTS)
    return f"Demo accounts, one per role, each with the password <b>{DEMO_PASSWORD}</b>: {names}."
