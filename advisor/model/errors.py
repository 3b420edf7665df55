"""Errors a person can act on. Anything else is a bug and is logged with its traceback."""

from collections.abc import Iterable
from dataclasses import dataclass


class AdvisorError(Exception):
    """Base of every error whose message is meant for the user. `nothing_changed` says the
    message itself tells the person that nothing was changed (a screen that would say so adds
    nothing then)."""

    nothing_changed = False

    def __init__(self, message: str = "", *, nothing_changed: bool = False) -> None:
        super().__init__(message)
        if nothing_changed:
            self.nothing_changed = True


PathPart = str | int


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, as data: where it is and why. A table's problem has its
    `line` and `column` ('column E (CNIC)'); a JSON document's has its `path`
    (('degrees', 0, 'policies', 1) is `degrees[0].policies[1]`). The CLI prints `str(problem)`;
    screens use the parts (the Imports screen marks the line, the Policy screen selects the
    entry) and never parse the text back."""

    message: str
    line: int | None = None
    column: str = ""
    path: tuple[PathPart, ...] = ()

    @property
    def place(self) -> str:
        if self.line is not None:
            return f"line {self.line}, {self.column}" if self.column else f"line {self.line}"
        return self.column or dotted_path(self.path)

    def __str__(self) -> str:
        if not self.place:
            return self.message
        return f"{self.place}: {self.message}" + ("" if self.message[-1:] in ".!?" else ".")


def dotted_path(path: tuple[PathPart, ...]) -> str:
    """('degrees', 0, 'policies', 1, 'from') → 'degrees[0].policies[1].from'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class ValidationError(AdvisorError):
    """Input that breaks a rule: a bad file, a bad value, a request that makes no sense.
    `problems` lists every problem found (a plain string becomes a Problem with no place);
    the message shows the first ten; `headline` is the message without the list."""

    def __init__(
        self,
        message: str,
        problems: Iterable[Problem | str] = (),
        *,
        nothing_changed: bool = False,
    ) -> None:
        self.headline = message
        self.problems: tuple[Problem, ...] = tuple(
            p if isinstance(p, Problem) else Problem(p) for p in problems
        )
        if self.problems:
            shown = self.problems[:10]
            more = len(self.problems) - len(shown)
            message = message + "\n" + "\n".join(f"  {p}" for p in shown)
            if more > 0:
                message += f"\n  … and {more} more"
        super().__init__(message, nothing_changed=nothing_changed)

    @property
    def texts(self) -> list[str]:
        """The problems as the sentences the CLI prints."""
        return [str(p) for p in self.problems]


class NotEligibleError(ValidationError):
    """Nothing a letter can certify yet; `reason` is the audit's why, which a batch lists
    beside the student it skipped."""

    def __init__(self, roll_no: str, name: str, reason: str) -> None:
        self.reason = reason
        super().__init__(f"No letter for {roll_no} ({name}): {reason}.")


class NotFoundError(AdvisorError):
    """A roll number, slug, reference or file that is not there."""


class ConflictError(AdvisorError):
    """The request contradicts what is already recorded."""


class DatabaseError(AdvisorError):
    """The database cannot be opened, is damaged, or was written by a newer Sanad."""


class ServerUnreachableError(DatabaseError):
    """The department's database server does not answer (stopped, restarting, network down).
    What the interrupted action wrote is rolled back; the window offers to reconnect."""

    def __init__(self, message: str, server: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.server = server  # host:port/database
        self.reason = reason  # the driver's first line: "Connection refused", …


class ServerBusyError(DatabaseError):
    """Another user's change held what this action needed for too long (a lock on the server)."""


class KeyLockedError(AdvisorError):
    """Signing needs the institution key, and this session has not unlocked it yet: the UI asks
    for the passphrase and tries again; the command line reads ADVISOR_KEY_PASSPHRASE or asks."""

    def __init__(self, message: str, key_id: str) -> None:
        super().__init__(message)
        self.key_id = key_id


class SignInError(AdvisorError):
    """No one is signed in, or a sign-in failed: unknown user, wrong password, locked, disabled."""


class PermissionDenied(AdvisorError):
    """The signed-in account's role does not allow the action. Nothing was changed."""

    def __init__(self, doing: str, needed: str, current: str) -> None:
        self.doing = doing
        self.needed = needed
        self.current = current
        super().__init__(f"{doing} needs the {needed} role; you are signed in as {current}.")
