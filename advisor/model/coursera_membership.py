"""Membership of the university's Coursera program, in Sanad's words. No database, no Qt: the
CLI and the Students screen name the same states."""

from __future__ import annotations

from datetime import date

JOINED, INVITED, REMOVED, MISSING = "joined", "invited", "removed", "missing"
NOT_JOINED = "not joined"  # the office's chase list: invited, or never in ProgramActivity
COURSERA_FILTERS = (JOINED, INVITED, REMOVED, MISSING, NOT_JOINED)
_REMOVED_WORDS = ("remov", "left", "deactivat", "revok", "expired")
_JOINED_WORDS = ("member", "joined", "active", "enrolled", "accepted")


def membership_state(member_state: str, joined_on: date | None) -> str:
    """Coursera's Member State in Sanad's words: removed, joined or invited."""
    said = member_state.strip().casefold()
    if any(w in said for w in _REMOVED_WORDS):
        return REMOVED
    if "invit" in said or "pending" in said or said.startswith(("not", "non")):
        return JOINED if joined_on is not None else INVITED
    if joined_on is not None or any(w in said for w in _JOINED_WORDS):
        return JOINED
    return INVITED
