"""Accounts: signing in (with a growing delay and a lock after repeated wrong passwords), the
first administrator, and the administrator's account actions. Every outcome is logged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from advisor.model.change_log import record_change
from advisor.model.errors import ConflictError, NotFoundError, SignInError, ValidationError
from advisor.model.passwords import MIN_LENGTH, check_password, hash_password
from advisor.model.roles import Actor, Role
from advisor.model.schema import Account, utcnow
from advisor.model.services.service_base import Service

FREE_ATTEMPTS = 5  # wrong passwords before each further try must wait
LOCK_AFTER = 10  # wrong passwords before the account is locked
LOCK_MINUTES = 15
USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


@dataclass(frozen=True)
class AccountRecord:
    user_name: str
    full_name: str
    role: str
    enabled: bool
    has_password: bool
    last_sign_in: datetime | None
    locked_until: datetime | None


@dataclass(frozen=True)
class SignInState:
    """What the sign-in dialog needs before asking: is there such an account, does its first
    sign-in choose the password."""

    exists: bool
    needs_password: bool


class AccountService(Service):
    # --- signing in -----------------------------------------------------------------------

    def has_accounts(self) -> bool:
        with self._db.read() as session:
            return bool(session.scalar(select(func.count()).select_from(Account)))

    def sign_in_state(self, user_name: str) -> SignInState:
        with self._db.read() as session:
            row = _find(session, user_name)
            return SignInState(row is not None, row is not None and row.password_hash is None)

    def sign_in(self, user_name: str, password: str, *, now: datetime | None = None) -> Actor:
        """Check the password and seat the account. An account made by the upgrade of a 0.1
        database has no password yet: its first sign-in chooses it."""
        now = now or utcnow()
        if self._db.read_only:  # a read-only file is shown, never written: nothing to record
            return self._sign_in_read_only(user_name, password, now)
        with self._db.begin() as session:
            row = _find(session, user_name)
            failure = _refusal(row, user_name, now)
            if failure is None and row is not None:
                if row.password_hash is None:
                    row.password_hash = _new_hash(password)
                    record_change(
                        session,
                        "account.password",
                        row.user_name,
                        actor=row.user_name,
                        summary="password chosen at the first sign-in",
                    )
                elif not check_password(password, row.password_hash):
                    failure = _wrong_password(row, now)
            if failure is not None:
                record_change(
                    session,
                    "sign-in.failed",
                    user_name.strip(),
                    summary=failure,
                    actor=row.user_name if row else user_name.strip()[:80] or "?",
                )
            else:
                assert row is not None
                # a success is not an event of the record, only the account's last sign-in
                row.failed_attempts, row.retry_after, row.last_sign_in = 0, None, now
                actor = _actor(row)
        if failure is not None:  # raised after the commit: the failure itself stays logged
            raise SignInError(failure)
        self._db.seat.sit(actor)
        return actor

    def _sign_in_read_only(self, user_name: str, password: str, now: datetime) -> Actor:
        with self._db.read() as session:
            row = _find(session, user_name)
            failure = _refusal(row, user_name, now)
            if (
                failure is None
                and row is not None
                and (row.password_hash is None or not check_password(password, row.password_hash))
            ):
                failure = "The user name or password is not right."
            if failure is not None or row is None:
                raise SignInError(failure or "The user name or password is not right.")
            actor = _actor(row)
        self._db.seat.sit(actor)
        return actor

    def sign_out(self) -> None:
        self._db.seat.sit(None)

    def current(self) -> Actor | None:
        """Who is signed in (None: no one)."""
        return self._db.seat.actor

    def create_administrator(self, user_name: str, password: str, full_name: str = "") -> Actor:
        """The first run: a database with no accounts gets its administrator, who is signed in."""
        with self._db.begin() as session:
            if session.scalar(select(func.count()).select_from(Account)):
                raise ConflictError(
                    "This database already has accounts; an administrator adds more."
                )
            row = _new_account(session, user_name, Role.ADMINISTRATOR, password, full_name)
            row.last_sign_in = utcnow()
            record_change(
                session,
                "account.create",
                row.user_name,
                actor=row.user_name,
                summary="first administrator",
            )
            actor = _actor(row)
        self._db.seat.sit(actor)
        return actor

    # --- the administrator's actions ------------------------------------------------------

    def list(self) -> list[AccountRecord]:
        self._require_role(Role.ADMINISTRATOR, "listing accounts")
        with self._db.read() as session:
            rows = session.scalars(select(Account).order_by(Account.user_name))
            return [_record(r) for r in rows]

    def add(
        self, user_name: str, role: str, password: str, *, full_name: str = ""
    ) -> AccountRecord:
        self._require_role(Role.ADMINISTRATOR, "adding an account")
        chosen = self._role_named(role, user_name)
        with self._db.begin() as session:
            row = _new_account(session, user_name, chosen, password, full_name)
            self._record(session, "account.create", row.user_name, summary=f"role {chosen.label}")
            return _record(row)

    def _role_named(self, role: str, user_name: str) -> Role:
        """The role, or the refusal, logged in a transaction of its own."""
        try:
            return Role.named(role)
        except ValidationError as exc:
            with self._db.begin() as session:
                self._record(session, "refused", user_name.strip(), summary=str(exc))
            raise

    def set_enabled(self, user_name: str, enabled: bool) -> AccountRecord:
        self._require_role(
            Role.ADMINISTRATOR, "enabling an account" if enabled else "disabling an account"
        )
        with self._db.begin() as session:
            row = _require_account(session, user_name)
            if not enabled:
                _keep_an_administrator(session, row, "disabled")
            before, row.enabled = row.enabled, enabled
            if enabled:
                row.failed_attempts, row.retry_after = 0, None  # enabling also unlocks
            self._record(
                session,
                "account.enable" if enabled else "account.disable",
                row.user_name,
                summary=_onoff(before, enabled),
            )
            return _record(row)

    def set_role(self, user_name: str, role: str) -> AccountRecord:
        self._require_role(Role.ADMINISTRATOR, "changing an account's role")
        chosen = self._role_named(role, user_name)
        with self._db.begin() as session:
            row = _require_account(session, user_name)
            if chosen != Role.ADMINISTRATOR:
                _keep_an_administrator(session, row, "demoted")
            before, row.role = row.role, chosen.label
            self._record(
                session, "account.role", row.user_name, summary=f"role {before} → {chosen.label}"
            )
            return _record(row)

    def set_password(self, user_name: str, password: str) -> AccountRecord:
        """An administrator sets anyone's password; everyone else only their own."""
        actor = self._db.seat.current()
        if actor.user_name.lower() != user_name.strip().lower():
            self._require_role(Role.ADMINISTRATOR, "setting another account's password")
        with self._db.begin() as session:
            row = _require_account(session, user_name)
            row.password_hash = _new_hash(password)
            row.failed_attempts, row.retry_after = 0, None
            self._record(session, "account.password", row.user_name, summary="password changed")
            return _record(row)


# --- rules ------------------------------------------------------------------------------------


def _find(session: Session, user_name: str) -> Account | None:
    return session.scalar(
        select(Account).where(func.lower(Account.user_name) == user_name.strip().lower())
    )


def _require_account(session: Session, user_name: str) -> Account:
    row = _find(session, user_name)
    if row is None:
        raise NotFoundError(f"There is no account '{user_name.strip()}'.")
    return row


def _refusal(row: Account | None, user_name: str, now: datetime) -> str | None:
    if row is None:
        return f"There is no account '{user_name.strip()}'."
    if not row.enabled:
        return f"The account '{row.user_name}' is disabled; ask an administrator to enable it."
    if row.retry_after is not None and now < row.retry_after:
        wait = row.retry_after - now
        if row.failed_attempts >= LOCK_AFTER:
            return (
                f"The account '{row.user_name}' is locked after {row.failed_attempts} wrong "
                f"passwords; try again at {row.retry_after:%H:%M} UTC ({_minutes(wait)}), "
                "or ask an administrator to enable it."
            )
        return f"Too many wrong passwords: wait {_seconds(wait)} before trying again."
    return None


def _wrong_password(row: Account, now: datetime) -> str:
    row.failed_attempts += 1
    n = row.failed_attempts
    if n >= LOCK_AFTER:
        row.retry_after = now + timedelta(minutes=LOCK_MINUTES)
        return (
            f"Wrong password. The account '{row.user_name}' is now locked for {LOCK_MINUTES} "
            f"minutes after {n} wrong passwords (until {row.retry_after:%H:%M} UTC)."
        )
    if n >= FREE_ATTEMPTS:
        delay = timedelta(seconds=2 ** (n - FREE_ATTEMPTS))  # 1, 2, 4, 8, 16 s
        row.retry_after = now + delay
        return (
            f"Wrong password ({n} in a row): wait {_seconds(delay)} before the next try; "
            f"after {LOCK_AFTER} the account is locked for {LOCK_MINUTES} minutes."
        )
    return "Wrong password."


def _keep_an_administrator(session: Session, row: Account, what: str) -> None:
    if row.role != Role.ADMINISTRATOR.label or not row.enabled:
        return
    others = session.scalar(
        select(func.count())
        .select_from(Account)
        .where(
            Account.role == Role.ADMINISTRATOR.label,
            Account.enabled.is_(True),
            Account.id != row.id,
        )
    )
    if not others:
        raise ConflictError(
            f"'{row.user_name}' is the last enabled administrator and cannot be {what}; "
            "make another account an administrator first."
        )


def _new_account(
    session: Session, user_name: str, role: Role, password: str, full_name: str
) -> Account:
    name = user_name.strip()
    if not USER_NAME.match(name):
        raise ValidationError(
            f"'{name}' cannot be a user name: use letters, digits, '.', '_' or '-' "
            "(starting with a letter or digit, at most 80)."
        )
    existing = _find(session, name)
    if existing is not None:
        raise ConflictError(f"There is already an account '{existing.user_name}'.")
    row = Account(
        user_name=name,
        full_name=full_name.strip() or name,
        role=role.label,
        password_hash=_new_hash(password),
        enabled=True,
        failed_attempts=0,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def _new_hash(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Choose a password of at least {MIN_LENGTH} characters.")
    return hash_password(password)


def _actor(row: Account) -> Actor:
    return Actor(row.user_name, row.full_name, Role.named(row.role))


def _record(row: Account) -> AccountRecord:
    locked = row.retry_after if row.failed_attempts >= LOCK_AFTER else None
    return AccountRecord(
        row.user_name,
        row.full_name,
        row.role,
        row.enabled,
        row.password_hash is not None,
        row.last_sign_in,
        locked,
    )


def _onoff(before: bool, after: bool) -> str:
    return f"{'enabled' if before else 'disabled'} → {'enabled' if after else 'disabled'}"


def _seconds(delta: timedelta) -> str:
    s = max(1, round(delta.total_seconds()))
    return f"{s} second{'s' if s != 1 else ''}"


def _minutes(delta: timedelta) -> str:
    m = max(1, round(delta.total_seconds() / 60))
    return f"{m} minute{'s' if m != 1 else ''} from now"
