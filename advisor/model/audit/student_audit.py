"""One student's audit from loaded inputs: the degree (or a what-if degree or policy year), the
semester counted from the intake, and the engine's answer. Pure: the inputs are plain data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from advisor.model.audit.engine import audit_as_planned, run_audit
from advisor.model.audit.inputs import (
    AuditRequest,
    Catalog,
    DegreeSpec,
    StudentInput,
    choose_policy,
)
from advisor.model.audit.result import AuditResult
from advisor.model.errors import NotFoundError, ValidationError
from advisor.model.planner import current_semester


def require_degree(degrees: dict[str, DegreeSpec], code: str) -> DegreeSpec:
    wanted = code.strip().upper()
    if wanted not in degrees:
        known = ", ".join(sorted(degrees)) or "none yet (import a policy file)"
        raise NotFoundError(f"There is no degree '{code.strip()}'. Degrees: {known}.")
    return degrees[wanted]


def audit_loaded(
    student: StudentInput,
    catalog: Catalog,
    degrees: dict[str, DegreeSpec],
    *,
    today: date,
    what_if_degree: str | None = None,
    what_if_policy: int | None = None,
    planned: dict[str, date] | None = None,
    as_planned: bool = False,
) -> AuditResult:
    """With `planned`: today's audit plus projections; with `as_planned` too: the audit as if
    the planned courses were done (what plans use to say which slot a target would fill)."""
    degree = require_degree(degrees, what_if_degree or student.degree)
    # One semester rule everywhere: the semester today falls in, counted from the intake (the
    # roster's semester column goes stale; the plan's deadlines count from the intake too).
    student = replace(student, semester=current_semester(student.intake_start(), today))
    labels = []
    if what_if_degree and degree.code != student.degree:
        labels.append(f"degree {degree.code} instead of {student.degree}")
    if what_if_policy is not None:
        if not 1950 <= what_if_policy <= 2100:
            raise ValidationError(f"{what_if_policy} is not a policy year.")
        own, _ = choose_policy(degree, student.intake_year)
        other, _ = choose_policy(degree, what_if_policy)
        if other is not None and (own is None or other.catalog_year != own.catalog_year):
            labels.append(
                f"the {degree.code} policy of {other.catalog_year}"
                + (f" instead of {own.catalog_year}" if own else "")
                + f" (intake {student.intake} kept)"
            )
    request = AuditRequest(
        student,
        degree,
        catalog,
        policy_year=what_if_policy,
        planned=planned,
        what_if=("What-if: " + ", ".join(labels)) if labels else None,
    )
    return audit_as_planned(request, today=today) if as_planned else run_audit(request, today=today)
