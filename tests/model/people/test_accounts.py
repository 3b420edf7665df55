"""Signing in and the administrator's account actions: each bad input gets one clear error,
changes nothing, and is itself logged."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from advisor.model.errors import ConflictError, NotFoundError, SignInError, ValidationError
from advisor.model.passwords import check_password, hash_password
from advisor.model.roles import Role, mask_cnic
from advisor.model.services import Services
from tests.conftest import ADMIN, ADMIN_PASSWORD

T0 = datetime(2026, 3, 1, 9, 0, 0)


def test_passwords_are_kept_only_as_scrypt_hashes() -> None:
    stored = hash_password("correct horse")
    assert stored.startswith("scrypt$16384$8$1$") and "correct horse" not in stored
    assert check_password("correct horse", stored)
    assert not check_password("correct hors", stored)
    assert hash_password("correct horse") != stored  # a fresh salt each time
    assert not check_password("x", "bcrypt$whatever")


def test_sign_in_seats_the_account_and_records_the_time(services: Services) -> None:
    services.accounts.sign_out()
    actor = services.accounts.sign_in(ADMIN.upper(), ADMIN_PASSWORD, now=T0)
    assert (actor.user_name, actor.role) == (ADMIN, Role.ADMINISTRATOR)
    assert services.accounts.current() == actor
    [me] = services.accounts.list()
    assert me.last_sign_in == T0 and me.has_password


def test_unknown_user_wrong_password_disabled_each_refused_and_logged(services: Services) -> None:
    services.accounts.add("clerk", "office", "clerk-pass")
    services.accounts.set_enabled("clerk", False)
    for name, password, message in (
        ("nobody", "x", "There is no account 'nobody'"),
        (ADMIN, "wrong", "Wrong password"),
        ("clerk", "clerk-pass", "'clerk' is disabled"),
    ):
        with pytest.raises(SignInError, match=message):
            services.accounts.sign_in(name, password, now=T0)
    assert services.accounts.current() is not None  # the seat kept who was there
    failed = services.history.events()[:3]
    assert [e.action for e in failed] == ["sign-in.failed"] * 3
    assert [e.user for e in failed] == ["clerk", ADMIN, "nobody"]


def test_growing_delay_after_five_failures_then_a_fifteen_minute_lock(services: Services) -> None:
    services.accounts.add("clerk", "office", "clerk-pass")
    now = T0
    for _attempt in range(1, 5):
        with pytest.raises(SignInError, match=r"^Wrong password\.$"):
            services.accounts.sign_in("clerk", "bad", now=now)
    with pytest.raises(SignInError, match="wait 1 second before the next try"):
        services.accounts.sign_in("clerk", "bad", now=now)  # the 5th
    with pytest.raises(SignInError, match="wait 1 second before trying again"):
        services.accounts.sign_in("clerk", "clerk-pass", now=now)  # too soon: not even checked
    delays = []
    for _ in range(4):  # the 6th to 9th: 2, 4, 8, 16 s
        now += timedelta(seconds=30)
        with pytest.raises(SignInError, match="wait") as refused:
            services.accounts.sign_in("clerk", "bad", now=now)
        delays.append(str(refused.value))
    assert ["2 seconds" in delays[0], "16 seconds" in delays[3]] == [True, True]
    now += timedelta(seconds=30)
    with pytest.raises(SignInError, match="locked for 15 minutes after 10 wrong passwords"):
        services.accounts.sign_in("clerk", "bad", now=now)
    with pytest.raises(SignInError, match="is locked after 10 wrong passwords"):
        services.accounts.sign_in("clerk", "clerk-pass", now=now + timedelta(minutes=14))
    actor = services.accounts.sign_in("clerk", "clerk-pass", now=now + timedelta(minutes=16))
    assert actor.role == Role.OFFICE


def test_the_last_enabled_administrator_stays(services: Services) -> None:
    with pytest.raises(ConflictError, match="last enabled administrator"):
        services.accounts.set_enabled(ADMIN, False)
    with pytest.raises(ConflictError, match="last enabled administrator"):
        services.accounts.set_role(ADMIN, "controller")
    services.accounts.add("second", "administrator", "second-pass")
    assert services.accounts.set_role(ADMIN, "controller").role == "controller"
    with pytest.raises(ConflictError, match="'second' is the last enabled administrator"):
        services.accounts.set_enabled("second", False)


def test_bad_account_requests(services: Services) -> None:
    with pytest.raises(ValidationError, match="There is no role 'dean'. Roles: viewer, advisor"):
        services.accounts.add("x", "dean", "pass1234")
    assert services.history.events(limit=1)[0].action == "refused"  # the failure is logged
    with pytest.raises(ValidationError, match="cannot be a user name"):
        services.accounts.add("two words", "viewer", "pass1234")
    with pytest.raises(ValidationError, match="at least 4 characters"):
        services.accounts.add("short", "viewer", "abc")
    with pytest.raises(ConflictError, match="already an account 'admin'"):
        services.accounts.add("Admin", "viewer", "pass1234")
    with pytest.raises(NotFoundError, match="no account 'ghost'"):
        services.accounts.set_role("ghost", "viewer")
    with pytest.raises(ConflictError, match="already has accounts"):
        services.accounts.create_administrator("boss", "pass1234")
    assert [r.user_name for r in services.accounts.list()] == [ADMIN]


def test_everyone_may_change_their_own_password_only(services: Services) -> None:
    services.accounts.add("clerk", "office", "clerk-pass")
    services.accounts.sign_in("clerk", "clerk-pass")
    services.accounts.set_password("clerk", "new-pass")
    with pytest.raises(Exception, match="needs the administrator role"):
        services.accounts.set_password(ADMIN, "taken-over")
    services.accounts.sign_in("clerk", "new-pass")


def test_cnic_is_masked_for_roles_that_do_not_need_it(department: Services) -> None:
    from tests.conftest import seat_as

    full = department.students.show("fa23-bcs-001").cnic
    assert mask_cnic("35202-1234567-2") == "35202-*******-2"
    for role, masked in (("viewer", True), ("advisor", True), ("office", False)):
        seat_as(department, role, role)
        detail = department.students.show("fa23-bcs-001")
        assert detail.cnic_masked is masked
        assert detail.cnic == (mask_cnic(full) if masked else full)
