"""What an open requirement can still be filled with: the options that would count there, and
the completed options that cannot — each with why (it counts for another requirement, it was
completed before the intake, or a rival of its exclusive group counts)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from advisor.model.audit import reasons as say
from advisor.model.audit.completion import ProgramStanding
from advisor.model.audit.inputs import Catalog, SlotSpec


class OpenOptions(NamedTuple):
    options: tuple[str, ...]  # program slugs that would count here once complete
    blocked: tuple[tuple[str, str], ...]  # (completed program slug, why it cannot count here)


def open_options(
    slot: SlotSpec,
    exclusive: tuple[tuple[str, ...], ...],
    standings: Mapping[str, ProgramStanding],
    counted_for: Mapping[str, str],
    before_intake: Callable[[ProgramStanding], str | None],
    catalog: Catalog,
) -> OpenOptions:
    """`before_intake(s)`: why a completed program is too early to count, else None."""
    options: list[str] = []
    blocked: list[tuple[str, str]] = []
    for slug in slot.programs:
        standing = standings.get(slug)
        why = _why_not_here(
            slug, slot, exclusive, standing, standings, counted_for, before_intake, catalog
        )
        if why is None:
            options.append(slug)
        elif standing is not None and standing.complete:
            blocked.append((slug, why))
        # an unfinished option that can never count here (a rival counts) is left out
    return OpenOptions(tuple(options), tuple(blocked))


def _why_not_here(
    slug: str,
    slot: SlotSpec,
    exclusive: tuple[tuple[str, ...], ...],
    standing: ProgramStanding | None,
    standings: Mapping[str, ProgramStanding],
    counted_for: Mapping[str, str],
    before_intake: Callable[[ProgramStanding], str | None],
    catalog: Catalog,
) -> str | None:
    elsewhere = counted_for.get(slug)
    if elsewhere is not None and elsewhere != slot.id:
        return f"it counts for {elsewhere}"
    if standing is not None and standing.complete:
        early = before_intake(standing)
        if early:
            return early
    for group in exclusive:
        if slug in group:
            winners = [p for p in group if p != slug and p in counted_for]
            if winners:
                winner = standings[winners[0]] if winners[0] in standings else None
                name = winner.program.title if winner else winners[0]
                return (
                    f"only one of {say.titles(group, catalog)} may earn credit, and {name} counts"
                )
    return None


def open_reason(
    slot: SlotSpec,
    head: str,
    found: OpenOptions,
    standings: Mapping[str, ProgramStanding],
    catalog: Catalog,
) -> str:
    """'Not yet satisfied: choose 1 of A, B. Completed but cannot count here: C (why).'"""
    if found.options:
        text = f"{head}: choose {slot.choose} of {say.titles(found.options, catalog)}."
    else:
        text = f"{head}: none of its options can count any more."
    if found.blocked:
        named = "; ".join(f"{standings[slug].program.title} ({why})" for slug, why in found.blocked)
        text += f" Completed but cannot count here: {named}."
    return text
