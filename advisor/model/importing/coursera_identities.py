"""The emails and External IDs Coursera knows roster students by, learned from ProgramActivity."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from advisor.model.importing.progress_merge import Matcher
from advisor.model.schema import CourseraMember


def learn_identities(session: Session, matcher: Matcher) -> None:
    """Teach a matcher the emails and External IDs that ProgramActivity tied to roster students.
    The roster's own emails and roll numbers win: learned ones only fill what it does not say."""
    for sid, email, external in session.execute(
        select(CourseraMember.student_id, CourseraMember.email, CourseraMember.external_id)
    ):
        if email:
            matcher.by_email.setdefault(email.casefold(), sid)
        if external:
            matcher.by_roll.setdefault(external.casefold(), sid)
