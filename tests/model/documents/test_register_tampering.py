"""The register edited behind Sanad's back (triggers dropped, plain sqlite3): the letter's own
seal stays genuine, but this register can no longer vouch for it — `letter verify` says INVALID
and names the entry, and `log verify` (Check the record) lists every altered entry."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from tests.model.documents.conftest import TODAY, certify

pytestmark = pytest.mark.sqlite_only


def tamper(services: Services, *statements: str) -> None:
    with sqlite3.connect(services.db.file) as connection:
        for (name,) in connection.execute("select name from sqlite_master where type='trigger'"):
            connection.execute(f"drop trigger {name}")
        for statement in statements:
            connection.execute(statement)


def test_edited_credit_hours_make_the_entry_invalid_and_the_record_check_names_it(
    certified: Services,
) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    reference = issued.record.reference
    tamper(certified, "update letters set credits = 30", "update letter_lines set credits = 15")
    by_code = certified.letters.verify(issued.record.code)
    by_qr = certified.letters.verify(issued.document.qr_payload)
    for answer in (by_code, by_qr):
        assert answer.status == "invalid"
        assert f"entry of {reference} was altered" in answer.message
        assert "credit hours differ" in answer.message
    assert by_qr.credits == issued.record.credits  # still the sealed facts, never the live row
    check = certified.history.verify()
    assert not check.ok and check.problem == ""
    assert check.register == (f"{reference}: its credit hours differ from its sealed content",)


def test_a_seal_copied_onto_another_entry_is_not_taken_for_that_letter(
    certified: Services,
) -> None:
    certify(certified, "fa23-bcs-003", "google-it-support")
    first = certified.letters.issue("fa23-bcs-001", today=TODAY)
    second = certified.letters.issue("fa23-bcs-003", today=TODAY)
    tamper(
        certified,
        "update letter_seals set sealed = (select sealed from letter_seals where letter_id = "
        f"(select id from letters where reference = '{second.record.reference}')) "
        f"where letter_id = (select id from letters where reference = '{first.record.reference}')",
    )
    answer = certified.letters.verify(first.record.code)
    assert answer.status == "invalid" and answer.reference == first.record.reference
    assert f"seal of another letter ({second.record.reference}" in answer.message
    assert [x.split(":")[0] for x in certified.history.verify().register] == [
        first.record.reference
    ]


def test_a_deleted_revocation_does_not_put_the_letter_back_in_force(
    certified: Services,
) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    certified.letters.revoke(issued.record.reference, reason="issued in error")
    tamper(certified, "delete from letter_events where kind = 'revoked'")
    answer = certified.letters.verify(issued.document.qr_payload)
    assert answer.status == "invalid"
    assert "the change log records its revocation" in answer.message
    assert certified.history.verify().register == (
        f"{issued.record.reference}: the change log records its revocation, but the register "
        "holds none (one of the two was edited)",
    )


def test_a_deleted_supersession_does_not_put_the_old_letter_back_in_force(
    certified: Services,
) -> None:
    first = certified.letters.issue("fa23-bcs-001", today=TODAY)
    certify(certified, "fa23-bcs-001", "google-data-analytics", on=date(2025, 9, 1))
    second = certified.letters.issue("fa23-bcs-001", today=TODAY)
    tamper(certified, "delete from letter_events where kind = 'superseded'")
    answer = certified.letters.verify(first.record.code)
    assert answer.status == "invalid"
    assert f"{second.record.reference} superseded it" in answer.message
    assert certified.letters.verify(second.record.code).status == "valid"


def test_an_untouched_register_and_a_renamed_student_still_verify(certified: Services) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    certified.letters.revoke(issued.record.reference, reason="issued in error")
    certify(certified, "fa23-bcs-001", "google-data-analytics", on=date(2025, 9, 1))
    again = certified.letters.issue("fa23-bcs-001", today=TODAY)
    assert certified.history.verify().ok
    tamper(certified, "update students set name = 'Someone Else'")  # live data, not the seal
    answer = certified.letters.verify(again.record.code)
    assert answer.status == "valid" and answer.name == "Ayesha Khan"
    assert certified.history.verify().ok


def test_a_public_key_swapped_in_the_key_table_is_caught_and_never_exported(
    certified: Services, tmp_path: Path
) -> None:
    from advisor.model.signing.institution_key import new_private_key, public_der

    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    stranger = public_der(new_private_key().public_key())
    tamper(certified, f"update signing_keys set public_key = x'{stranger.hex()}'")
    with pytest.raises(ValidationError, match="no longer matches its public key"):
        certified.keys.export_public(tmp_path / "a.sanadkey")
    assert not (tmp_path / "a.sanadkey").exists()
    assert certified.letters.verify(issued.record.code).status == "invalid"
    check = certified.history.verify()
    assert "not the institution's" in check.problem


def test_the_record_check_names_the_first_altered_entries_and_counts_the_rest() -> None:
    from advisor.model.change_log import ChainCheck

    check = ChainCheck(3, 0, 0, None, "", register=tuple(f"L/{i}: edited" for i in range(8)))
    assert not check.ok
    assert check.altered_letters() == "L/0: edited; L/1: edited; L/2: edited; L/3: edited; " + (
        "L/4: edited; and 3 more"
    )


def test_a_letter_deleted_from_the_register_is_named_by_the_record_check(
    certified: Services,
) -> None:
    issued = certified.letters.issue("fa23-bcs-001", today=TODAY)
    reference = issued.record.reference
    tamper(
        certified,
        f"delete from letter_events where letter_id = (select id from letters where reference = "
        f"'{reference}')",
        f"delete from letter_lines where letter_id = (select id from letters where reference = "
        f"'{reference}')",
        f"delete from letter_seals where letter_id = (select id from letters where reference = "
        f"'{reference}')",
        f"delete from letters where reference = '{reference}'",
    )
    assert certified.letters.verify(issued.document.qr_payload).status == "invalid"
    assert certified.history.verify().register == (
        f"{reference}: the change log records its issue, but the register holds no such letter "
        "(it was deleted)",
    )


def test_a_series_wound_back_never_hands_out_a_number_already_printed(
    certified: Services,
) -> None:
    # With its triggers dropped the series could be set back: the next letter then took a number
    # the register already held, and the clerk met "something went wrong".
    certify(certified, "fa23-bcs-003", "google-it-support")
    first = certified.letters.issue("fa23-bcs-001", today=TODAY)
    second = certified.letters.issue("fa23-bcs-003", today=TODAY)
    tamper(certified, "update letter_series set last_serial = 0")
    certified.letters.revoke(second.record.reference, reason="issued again")
    again = certified.letters.issue("fa23-bcs-003", today=TODAY)
    serials = [int(r.record.reference.rsplit("/", 1)[1]) for r in (first, second, again)]
    assert serials == [1, 2, 3]
