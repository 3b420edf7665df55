"""Every role × every service action: allowed from the lowest role an action needs upward,
refused below it with a message naming the role — and a refusal changes nothing but the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from advisor.model.errors import AdvisorError, PermissionDenied
from advisor.model.roles import Role
from advisor.model.services import Services
from tests.conftest import seat_as
from tests.model.conftest import USAGE, dump

TODAY = date(2026, 1, 20)
ROLL = "fa23-bcs-001"
Action = Callable[[Services, Path], object]

# (what, the lowest role, the call). Calls may fail for other reasons (an unknown reference):
# only the permission check is under test, and it comes before any lookup.
MATRIX: list[tuple[str, Role, Action]] = [
    ("list students", Role.VIEWER, lambda s, d: s.students.list()),
    ("show a student", Role.VIEWER, lambda s, d: s.students.show(ROLL)),
    ("audit a student", Role.VIEWER, lambda s, d: s.audit.audit_student(ROLL, today=TODAY)),
    ("audit a cohort", Role.VIEWER, lambda s, d: s.audit.audit_cohort(today=TODAY)),
    ("list the catalog", Role.VIEWER, lambda s, d: s.catalog.list()),
    ("read the log", Role.VIEWER, lambda s, d: s.history.events()),
    ("check the log", Role.VIEWER, lambda s, d: s.history.verify()),
    (
        "what-if",
        Role.ADVISOR,
        lambda s, d: s.audit.audit_student(ROLL, today=TODAY, what_if_degree="BBA"),
    ),
    ("write a note", Role.ADVISOR, lambda s, d: s.notes.add_note(ROLL, "met", written_on=TODAY)),
    (
        "create a plan",
        Role.ADVISOR,
        lambda s, d: s.plans.create(ROLL, ["google-data-analytics"], today=TODAY),
    ),
    ("approve a plan", Role.ADVISOR, lambda s, d: s.plans.approve(ROLL, today=TODAY)),
    (
        "propose an exception",
        Role.ADVISOR,
        lambda s, d: s.exceptions.add_waiver(ROLL, "CERT-ELEC-2", "transfer credit"),
    ),
    (
        "print a progress report",
        Role.ADVISOR,
        lambda s, d: s.documents.progress_report(ROLL, today=TODAY),
    ),
    ("print a plan", Role.ADVISOR, lambda s, d: s.documents.plan(ROLL, today=TODAY)),
    ("import a roster", Role.OFFICE, lambda s, d: s.students.import_roster(d / "roster.csv")),
    ("import progress", Role.OFFICE, lambda s, d: s.progress.import_export(d / USAGE)),
    ("import through the desk", Role.OFFICE, lambda s, d: s.imports.import_file(d / USAGE)),
    ("issue a letter", Role.OFFICE, lambda s, d: s.letters.issue(ROLL, today=TODAY)),
    (
        "issue letters",
        Role.OFFICE,
        lambda s, d: s.letters.issue_batch(today=TODAY, output=d / "out.pdf", per_student=False),
    ),
    ("reprint a letter", Role.OFFICE, lambda s, d: s.letters.reprint("X/2026/0001")),
    (
        "print a cohort report",
        Role.OFFICE,
        lambda s, d: s.documents.cohort_summary("BSCS", today=TODAY),
    ),
    ("approve an exception", Role.CONTROLLER, lambda s, d: s.exceptions.approve(999)),
    ("reject an exception", Role.CONTROLLER, lambda s, d: s.exceptions.reject(999, "no")),
    (
        "revoke a letter",
        Role.CONTROLLER,
        lambda s, d: s.letters.revoke("X/2026/0001", reason="withdrawn"),
    ),
    ("import a policy", Role.CONTROLLER, lambda s, d: s.policy.import_file(d / "policy.json")),
    ("edit the policy", Role.CONTROLLER, lambda s, d: s.policy.save_edited(s.policy.current())),
    (
        "remove a policy year",
        Role.CONTROLLER,
        lambda s, d: s.policy.remove_policy_year("BSCS", 1999),
    ),
    ("list accounts", Role.ADMINISTRATOR, lambda s, d: s.accounts.list()),
    (
        "add an account",
        Role.ADMINISTRATOR,
        lambda s, d: s.accounts.add("clerk2", "office", "pass1234"),
    ),
    ("change a role", Role.ADMINISTRATOR, lambda s, d: s.accounts.set_role("nobody", "viewer")),
    (
        "disable an account",
        Role.ADMINISTRATOR,
        lambda s, d: s.accounts.set_enabled("nobody", False),
    ),
    (
        "set another's password",
        Role.ADMINISTRATOR,
        lambda s, d: s.accounts.set_password("nobody", "pass1234"),
    ),
    ("edit the institution", Role.ADMINISTRATOR, lambda s, d: s.institution.clear_logo()),
    ("back up", Role.ADMINISTRATOR, lambda s, d: s.backup.backup(d / "backup.db")),
    ("restore", Role.ADMINISTRATOR, lambda s, d: s.backup.restore(d / "missing.db")),
    ("adopt into the catalog", Role.ADMINISTRATOR, lambda s, d: s.catalog_edits.adopt("nothing")),
    (
        "import a catalog bundle",
        Role.ADMINISTRATOR,
        lambda s, d: s.catalog.import_bundle(d / "missing.json"),
    ),
]


def _without_log(text: str) -> list[str]:
    return [line for line in text.splitlines() if '"change_log"' not in line]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.label)
def test_each_action_is_allowed_from_its_role_up_and_refused_below(
    role: Role, department: Services, samples: Path, tmp_path: Path
) -> None:
    for name in ("policy.json", "roster.csv", USAGE):
        (tmp_path / name).write_bytes((samples / name).read_bytes())
    for what, lowest, call in MATRIX:
        seat_as(department, role.label, role.label)
        if role >= lowest:
            try:
                call(department, tmp_path)
            except PermissionDenied as exc:  # pragma: no cover - the failure message
                pytest.fail(f"{role.label} was refused '{what}': {exc}")
            except AdvisorError:
                pass  # refused for another reason (no such letter): allowed by role
            continue
        before = dump(department)
        with pytest.raises(PermissionDenied) as refused:
            call(department, tmp_path)
        assert refused.value.needed == lowest.label and refused.value.current == role.label
        assert f"needs the {lowest.label} role; you are signed in as {role.label}" in str(
            refused.value
        )
        assert _without_log(dump(department)) == _without_log(before), what
        last = department.history.events(limit=1)[0]
        assert (last.action, last.user) == ("refused", role.label), what


def test_the_refusal_reads_as_the_issue_asks(department: Services) -> None:
    seat_as(department, "office", "office")
    with pytest.raises(PermissionDenied) as refused:
        department.letters.revoke("X/2026/0001", reason="withdrawn")
    assert str(refused.value) == (
        "revoking a letter needs the controller role; you are signed in as office."
    )


def test_no_one_signed_in_may_not_write(department: Services) -> None:
    department.accounts.sign_out()
    with pytest.raises(AdvisorError, match="Sign in first"):
        department.notes.add_note(ROLL, "met", written_on=TODAY)
