"""Errors a person can act on. Anything else is a bug and is logged with its traceback."""

from dataclasses import dataclass


class AdvisorError(Exception):
    """Base of every error whose message is meant for the user."""


@dataclass(frozen=True)
class Problem:
    """One bad cell of a file: its line, where on the line (e.g. 'column E (CNIC)'), and why.
    A refused import carries these so a clerk can list them in a spreadsheet and fix the file."""

    line: int
    where: str
    message: str


class ValidationError(AdvisorError):
    """Input that breaks a rule: a bad file, a bad value, a request that makes no sense."""

    def __init__(
        self,
        message: str,
        problems: list[str] | None = None,
        located: tuple[Problem, ...] = (),
    ) -> None:
        self.problems = list(problems or [])
        self.located = located  # the same problems as data (all of them, not only the first)
        if self.problems:
            shown = self.problems[:10]
            more = len(self.problems) - len(shown)
            message = message + "\n" + "\n".join(f"  {p}" for p in shown)
            if more > 0:
                message += f"\n  … and {more} more"
        super().__init__(message)


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
