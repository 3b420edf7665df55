"""Who is working: the five roles, the signed-in account (`Actor`) and the seat that holds it.

The roles form a ladder: each may do everything the one below it may, and more. A service asks
for the lowest role an action needs (`Seat.require`); the UI hides what the role cannot do, but
the check is here, so the command line obeys it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from advisor.model.errors import PermissionDenied, SignInError, ValidationError


class Role(IntEnum):
    VIEWER = 1
    ADVISOR = 2
    OFFICE = 3
    CONTROLLER = 4
    ADMINISTRATOR = 5

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def named(cls, name: str) -> Role:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            known = ", ".join(r.label for r in cls)
            raise ValidationError(f"There is no role '{name.strip()}'. Roles: {known}.") from None


@dataclass(frozen=True)
class Actor:
    """The signed-in account, as the services see it."""

    user_name: str
    full_name: str
    role: Role

    def may(self, role: Role) -> bool:
        return self.role >= role

    @property
    def sees_cnic(self) -> bool:
        """Letters and the office's lists need the full CNIC; advisors and viewers do not."""
        return self.role >= Role.OFFICE


class Seat:
    """The one place that knows who is signed in. The services share it, so switching user
    (or locking) changes who every service acts for, without rebuilding them."""

    def __init__(self, actor: Actor | None = None) -> None:
        self.actor = actor

    def sit(self, actor: Actor | None) -> None:
        self.actor = actor

    def current(self) -> Actor:
        if self.actor is None:
            raise SignInError("Sign in first: no one is signed in.")
        return self.actor

    def require(self, role: Role, doing: str) -> Actor:
        """The signed-in account, if its role allows `doing` (e.g. 'revoking a letter')."""
        actor = self.current()
        if not actor.may(role):
            raise PermissionDenied(doing, role.label, actor.role.label)
        return actor


def mask_cnic(cnic: str) -> str:
    """'35202-1234567-2' -> '35202-*******-2': the district and the check digit stay."""
    if not cnic:
        return cnic
    parts = cnic.split("-")
    if len(parts) == 3:
        return f"{parts[0]}-{'*' * len(parts[1])}-{parts[2]}"
    return "*" * max(len(cnic) - 1, 0) + cnic[-1:]
