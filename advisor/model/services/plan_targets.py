"""What a plan may aim at: programs that would fill an open requirement (suggestions), every
other catalog program, and the ones the student has already completed (marked, not offered)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from advisor.model.planner import needed_courses

if TYPE_CHECKING:
    from advisor.model.services.plan_service import PlanContext


@dataclass(frozen=True)
class PlanSuggestion:
    """A program that would fill one of the student's open slots."""

    slot: str
    slot_title: str
    program: str
    title: str
    provider: str
    remaining_hours: float
    courses_left: int
    credits_gained: int


@dataclass(frozen=True)
class TargetChoice:
    """One program in the planner's list: suggested (fills an open requirement), completed
    (nothing left to plan: shown marked, cannot be chosen), or just in the catalog."""

    program: str
    title: str
    provider: str
    suggestion: PlanSuggestion | None = None
    completed: bool = False


def suggestions(ctx: PlanContext, today: date) -> list[PlanSuggestion]:
    """Programs that would fill the student's open slots, fewest remaining hours first."""
    now = ctx.audit(today)
    done = ctx.completed_courses(today)
    earned = now.eligible_credits + now.pending_credits
    out: list[PlanSuggestion] = []
    for req in now.requirements:
        if req.status != "unsatisfied":
            continue
        for slug in req.options:
            program = ctx.catalog.programs.get(slug)
            standing = now.program(slug)
            if program is None or (standing and standing.status == "completed"):
                continue
            left = needed_courses(program, done)
            ahead = ctx.audit(today, {c: today for c in left})
            gained = ahead.eligible_credits + ahead.pending_credits - earned
            after = ahead.program(slug)
            if after is None or after.counted_for is None:
                continue  # blocked: an exclusive rival already counts, or no room
            out.append(
                PlanSuggestion(
                    req.id,
                    req.title,
                    slug,
                    program.title,
                    program.provider,
                    (standing.hours_total - standing.hours_done) if standing else 0.0,
                    (standing.courses_required - standing.courses_done) if standing else len(left),
                    gained,
                )
            )
    return sorted(out, key=lambda s: (s.remaining_hours, s.slot, s.program))


def completed_programs(ctx: PlanContext, today: date) -> set[str]:
    return {p.slug for p in ctx.audit(today).programs if p.status == "completed"}


def target_choices(ctx: PlanContext, today: date) -> list[TargetChoice]:
    """Suggestions first (one line per program, its quickest slot), then the rest of the
    catalog by title, then the completed programs, marked."""
    done = completed_programs(ctx, today)
    out: list[TargetChoice] = []
    seen: set[str] = set()
    for s in suggestions(ctx, today):
        if s.program not in seen:
            seen.add(s.program)
            out.append(TargetChoice(s.program, s.title, s.provider, suggestion=s))
    rest = sorted(
        (p for slug, p in ctx.catalog.programs.items() if slug not in seen),
        key=lambda p: (p.slug in done, p.title.casefold()),
    )
    out += [TargetChoice(p.slug, p.title, p.provider, completed=p.slug in done) for p in rest]
    return out
