"""Signed letters, attacked as an outsider would: a second database that only trusts the
public key, altered QR text, a copy of the database without the passphrase, plain sqlite3 edits,
revocation lists, PDF signatures."""

from __future__ import annotations

import io
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import create_engine
from sqlalchemy.exc import DBAPIError

from advisor.model.errors import KeyLockedError, ValidationError
from advisor.model.services import Services, open_services
from advisor.model.signing import base45
from advisor.model.signing.sealed_text import DICTIONARY, read_seal
from tests.conftest import TEST_PASSPHRASE, seat_admin
from tests.model.documents.conftest import TODAY


@pytest.fixture
def other(tmp_path: Path, _fresh_store: Path) -> Iterator[Services]:
    """Database B: another institution's (or another PC's), which holds nothing of A's."""
    from advisor.model.database import backup_sqlite

    path = tmp_path / "other.db"
    backup_sqlite(_fresh_store, path)
    opened = open_services(str(path), create=True)
    seat_admin(opened)
    yield opened
    opened.close()


@pytest.fixture
def issued(certified: Services):  # type: ignore[no-untyped-def]
    return certified.letters.issue("fa23-bcs-001", today=TODAY)


def trust_a(certified: Services, other: Services, tmp_path: Path) -> None:
    certified.keys.export_public(tmp_path / "a.sanadkey")
    other.trust.add(tmp_path / "a.sanadkey")


def test_a_letter_verifies_in_another_database_that_only_trusts_the_public_key(
    certified: Services, other: Services, issued, tmp_path: Path
) -> None:
    seal = issued.document.qr_payload
    untrusted = other.letters.verify(seal)
    assert untrusted.status == "untrusted"
    assert issued.record.code not in untrusted.message
    assert certified.keys.current().fingerprint in untrusted.message  # whose key it is

    trust_a(certified, other, tmp_path)
    answer = other.letters.verify(seal)
    assert answer.status == "valid", answer.message
    assert answer.institution == "Demo Institute of Science & Technology"
    assert answer.fingerprint == certified.keys.current().fingerprint
    assert answer.register is None  # B does not hold A's register
    assert (answer.reference, answer.roll_no, answer.name, answer.credits) == (
        issued.record.reference,
        "fa23-bcs-001",
        "Ayesha Khan",
        issued.record.credits,
    )
    assert [line.program for line in answer.lines] == [
        line.program for line in issued.document.lines
    ]
    # a keyboard-wedge scanner may type it in lower case, with a newline
    assert other.letters.verify(seal.lower() + "\n").status == "valid"
    # the printed code alone only finds letters in this register
    assert other.letters.verify(issued.record.code).status == "unknown"


def test_one_altered_character_of_the_qr_text_is_invalid(certified: Services, issued) -> None:
    seal = issued.document.qr_payload
    for position in (10, len(seal) // 2, len(seal) - 3):
        swapped = "A" if seal[position] != "A" else "B"
        altered = seal[:position] + swapped + seal[position + 1 :]
        assert certified.letters.verify(altered).status == "invalid", position
    for broken in (seal[:-1], seal[: len(seal) // 2], "SD1:", "SD1:@@@", seal + "00"):
        assert certified.letters.verify(broken).status == "invalid"
    assert certified.letters.verify("https://example.org").status == "not_sanad"


def test_re_signing_altered_content_with_another_key_is_untrusted(
    certified: Services, issued
) -> None:
    from advisor.model.signing.institution_key import new_private_key
    from advisor.model.signing.sealed_text import make_seal

    content = read_seal(issued.document.qr_payload).content
    content["total_credits"] = 9
    forged = make_seal(content, new_private_key()).text
    assert certified.letters.verify(forged).status == "untrusted"


def test_a_strangers_key_in_this_institutions_name_is_neither_imported_nor_believed(
    certified: Services, issued, tmp_path: Path
) -> None:
    """A key file naming DIST with someone else's key: DIST's own database refuses it, and one
    that trusted such a key before still checks DIST letters against its own register."""
    from advisor.model.schema import TrustedKey
    from advisor.model.services.trust_file import KeyEntry, write_trust_file
    from advisor.model.signing.institution_key import key_id, new_private_key, public_der
    from advisor.model.signing.sealed_text import make_seal

    stranger = new_private_key()
    content = read_seal(issued.document.qr_payload).content
    content["total_credits"] = 30
    forged = make_seal(content, stranger).text
    code, name = content["institution"]["code"], content["institution"]["name"]
    write_trust_file(tmp_path / "dist.sanadkey", [KeyEntry(code, name, stranger.public_key())])
    with pytest.raises(ValidationError, match="not one of its own"):
        certified.trust.add(tmp_path / "dist.sanadkey")
    assert certified.letters.verify(forged).status == "untrusted"
    with certified.db.begin() as session:  # trusted before this refusal existed
        session.add(
            TrustedKey(
                key_id=key_id(stranger.public_key()),
                institution_code=code,
                institution_name=name,
                public_key=public_der(stranger.public_key()),
                created_by="admin",
            )
        )
    answer = certified.letters.verify(forged)
    assert answer.status == "invalid" and "holds another letter" in answer.message
    assert certified.letters.verify(issued.document.qr_payload).status == "valid"


def test_the_seal_is_compact_base45_with_the_pinned_dictionary(issued) -> None:
    import hashlib

    seal = issued.document.qr_payload
    assert seal.startswith("SD1:") and set(seal[4:]) <= set(base45.ALPHABET)
    assert len(seal) < 900  # a two-line letter: a QR code a 150-dpi scan reads
    # the preset dictionary is part of the SD1 format: changing it breaks every printed seal
    assert hashlib.sha256(DICTIONARY).hexdigest()[:16] == "1f226302a74c0985"


def test_verify_from_a_150_dpi_scan_and_from_the_pdf(
    certified: Services, other: Services, issued, tmp_path: Path
) -> None:
    trust_a(certified, other, tmp_path)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(issued.pdf())
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "scan")], check=True)
    pages = sorted(tmp_path.glob("scan*.png"))
    answers = [a for page in pages for a in _quietly(other.letters.verify_image, page)]
    assert [a.status for a in answers] == ["valid"]
    checked = other.letters.verify_pdf(pdf.read_bytes())
    assert checked.pdf_signature is True
    assert [a.status for a in checked.letters] == ["valid"]


def _quietly(verify, page: Path):  # type: ignore[no-untyped-def]
    try:
        return verify(page.read_bytes(), name=page.name)
    except ValidationError:  # a page without the QR code
        return []


def test_the_pdf_signature_validates_with_pyhanko_and_one_changed_byte_breaks_it(
    certified: Services, issued
) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    data = issued.pdf()
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    context = ValidationContext(trust_roots=[signature.signer_cert], allow_fetching=False)
    status = validate_pdf_signature(signature, context)
    assert status.intact and status.valid and status.coverage.name == "ENTIRE_FILE"
    assert "Demo Institute" in signature.signer_cert.subject.human_friendly

    name = data.find(b"Ayesha Khan") if b"Ayesha Khan" in data else data.find(b"/Producer")
    position = data.find(b"/Creator")
    changed = data[:position] + b"/Creatos" + data[position + 8 :]
    assert name != -1 or position != -1
    assert certified.letters.verify_pdf(changed).pdf_signature is False
    assert certified.letters.verify_pdf(data).pdf_signature is True


@pytest.mark.sqlite_only
def test_a_copy_of_the_database_and_its_backups_cannot_sign_without_the_passphrase(
    certified: Services, issued, tmp_path: Path
) -> None:
    from advisor.model.database import backup_sqlite
    from advisor.model.signing.keychain import Keychain

    backup = tmp_path / "copy.sanad"
    certified.backup.backup(backup)
    stolen = tmp_path / "stolen.db"
    backup_sqlite(Path(certified.db.file), stolen)
    private = certified.letters._keychain.get(certified.keys.current().key_id)  # type: ignore[attr-defined]
    assert private is not None
    scalar = private.private_numbers().private_value.to_bytes(32, "big")
    clear = private.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    live = Path(certified.db.file)
    for file in (stolen, backup, live, live.with_name(live.name + "-wal")):
        raw = Path(file).read_bytes() if Path(file).exists() else b""
        assert scalar not in raw and clear not in raw
    thief = open_services(str(stolen), create=False)
    seat_admin(thief)  # even signed in as the administrator, the copy cannot sign
    try:
        with pytest.raises(KeyLockedError, match="passphrase"):
            thief.letters.issue("fa23-bcs-001", today=TODAY)
        with pytest.raises(ValidationError, match="does not open"):
            thief.keys.unlock("guess 1234")
        assert isinstance(thief.letters._keychain, Keychain)  # type: ignore[attr-defined]
    finally:
        thief.close()


@pytest.mark.parametrize(
    "edit",
    [
        "update letters set credits = 9",
        "update letters set content = replace(content, 'Ayesha', 'Aysha')",
        "delete from letter_events where kind = 'revoked'",
        "delete from letters",
        "update letter_seals set sealed = 'SD1:'",
        "update letter_lines set credits = 9",
        "update letter_series set last_serial = 0",
        "delete from letter_series",
        "update signing_keys set public_key = x'00'",
    ],
)
def test_plain_sql_edits_of_the_register_are_refused(
    certified: Services, issued, edit: str
) -> None:
    """Triggers refuse it: SQLite's, and on a server the plpgsql ones of the same migrations."""
    certified.letters.revoke(issued.record.reference, reason="issued in error")
    if not certified.db.is_sqlite:
        edit = edit.replace("x'00'", "'\\x00'::bytea")
    engine = create_engine(certified.db.url)  # a plain connection, not Sanad's services
    try:
        with pytest.raises(DBAPIError, match="cannot|never|kept"), engine.begin() as connection:
            connection.exec_driver_sql(edit)
    finally:
        engine.dispose()


@pytest.mark.sqlite_only
def test_edits_behind_the_triggers_back_never_change_what_verify_reports(
    certified: Services, issued
) -> None:
    """Someone drops the triggers and edits the live columns: verify shows the sealed letter,
    and calls an entry that no longer matches its seal altered (test_register_tampering.py)."""
    with sqlite3.connect(certified.db.file) as connection:
        for (name,) in connection.execute("select name from sqlite_master where type='trigger'"):
            connection.execute(f"drop trigger {name}")
        connection.execute("update students set name = 'Someone Else'")
    answer = certified.letters.verify(issued.record.code)
    assert answer.status == "valid" and answer.credits == issued.record.credits
    assert answer.name == "Ayesha Khan"
    with sqlite3.connect(certified.db.file) as connection:
        connection.execute("update letters set credits = 9")
    answer = certified.letters.verify(issued.document.qr_payload)
    assert answer.status == "invalid" and answer.credits == issued.record.credits
    with sqlite3.connect(certified.db.file) as connection:
        seal = connection.execute("select sealed from letter_seals").fetchone()[0]
        raw = bytearray(base45.decode(seal[4:]))
        raw[-5] ^= 1
        connection.execute(
            "update letter_seals set sealed = ?", ("SD1:" + base45.encode(bytes(raw)),)
        )
    assert certified.letters.verify(issued.record.code).status == "invalid"


def test_a_revoked_letter_reads_revoked_in_another_database_after_its_list_is_imported(
    certified: Services, other: Services, issued, tmp_path: Path
) -> None:
    trust_a(certified, other, tmp_path)
    certified.letters.revoke(issued.record.reference, reason="issued in error")
    assert certified.letters.verify(issued.document.qr_payload).status == "revoked"
    certified.trust.export_revocations(tmp_path / "revoked.json")
    assert other.letters.verify(issued.document.qr_payload).status == "valid"
    result = other.trust.import_revocations(tmp_path / "revoked.json")
    assert result.added == 1
    answer = other.letters.verify(issued.document.qr_payload)
    assert answer.status == "revoked" and "issued in error" in answer.message
    assert other.trust.import_revocations(tmp_path / "revoked.json").already_known == 1


def test_a_revocation_list_signed_by_another_key_or_altered_is_refused(
    certified: Services, other: Services, issued, tmp_path: Path
) -> None:
    import json

    certified.letters.revoke(issued.record.reference, reason="wrong")
    certified.trust.export_revocations(tmp_path / "revoked.json")
    with pytest.raises(ValidationError, match="does not trust"):
        other.trust.import_revocations(tmp_path / "revoked.json")
    trust_a(certified, other, tmp_path)
    listed = json.loads((tmp_path / "revoked.json").read_text())
    listed["revocations"][0]["reference"] = "DIST/CERT/2026/0099"
    (tmp_path / "altered.json").write_text(json.dumps(listed))
    with pytest.raises(ValidationError, match="altered"):
        other.trust.import_revocations(tmp_path / "altered.json")
    (tmp_path / "junk.json").write_text('{"format": "sanad-revocations/1",\n "x": [}')
    with pytest.raises(ValidationError, match="line 2"):
        other.trust.import_revocations(tmp_path / "junk.json")
    with pytest.raises(ValidationError, match="not a Sanad trust file"):
        other.trust.add(tmp_path / "revoked.json")


def test_a_reprint_prints_the_sealed_signatories_not_todays(certified: Services, issued) -> None:
    from advisor.model.policy_file import SignatorySpec

    info = certified.institution.get()
    certified.institution.update(
        code=info.code,
        name="Renamed University",
        address=info.address,
        letter_prefix=info.letter_prefix,
        signatories=[SignatorySpec("New Person", "Registrar")],
    )
    copy = certified.letters.reprint(issued.record.reference)
    assert copy.letterhead.name == "Demo Institute of Science & Technology"
    assert "New Person" not in [s.name for s in copy.letterhead.signatories]
    assert copy.document.qr_payload == issued.document.qr_payload


def test_rotation_keeps_old_letters_verifiable_and_signs_new_ones_with_the_new_key(
    certified: Services, other: Services, issued, tmp_path: Path
) -> None:
    old = certified.keys.current()
    new = certified.keys.rotate("another passphrase").key
    assert new.key_id != old.key_id
    assert certified.letters.verify(issued.document.qr_payload).status == "valid"
    certified.letters.revoke(issued.record.reference, reason="superseded by a new key test")
    second = certified.letters.issue("fa23-bcs-001", today=TODAY)
    assert certified.letters.verify(second.record.code).fingerprint == new.fingerprint
    trust_a(certified, other, tmp_path)  # the export carries both keys
    assert other.letters.verify(issued.document.qr_payload).status == "valid"
    assert other.letters.verify(second.document.qr_payload).status == "valid"


def test_a_key_kept_in_a_key_file_is_not_in_the_database(
    department: Services, tmp_path: Path
) -> None:
    # the department fixture made a key in the database; this institution keeps it on a USB stick
    usb = tmp_path / "usb"
    usb.mkdir()
    created = department.keys.rotate("usb passphrase", key_file=usb / "institution.key")
    assert created.key.in_key_file and (usb / "institution.key").stat().st_mode & 0o077 == 0
    department.keys.lock()
    with pytest.raises(ValidationError, match="key file"):
        department.keys.unlock("usb passphrase")
    with pytest.raises(ValidationError, match="USB drive"):
        department.keys.unlock("usb passphrase", key_file=tmp_path / "missing" / "institution.key")
    with pytest.raises(ValidationError, match="does not open"):
        department.keys.unlock("wrong passphrase", key_file=usb / "institution.key")
    assert department.keys.unlock("usb passphrase", key_file=usb / "institution.key").unlocked


@pytest.mark.sqlite_only
def test_verify_never_writes(certified: Services, issued) -> None:
    def dump() -> list[str]:
        with sqlite3.connect(certified.db.file) as connection:
            return list(connection.iterdump())

    before = dump()
    for text in (issued.record.code, issued.document.qr_payload, "junk", "SD1:AB"):
        certified.letters.verify(text)
    assert dump() == before


def test_the_passphrase_and_the_new_key_at_policy_import(services: Services, samples: Path) -> None:
    assert services.policy.sets_up_unkeyed_institution(samples / "policy.json")
    services.policy.import_file(samples / "policy.json")  # no passphrase: no key, as before
    assert services.keys.current() is None
    with pytest.raises(ValidationError, match="at least 8"):
        services.keys.create("short")
    made = services.keys.create(TEST_PASSPHRASE)
    assert made.key.unlocked and not services.policy.sets_up_unkeyed_institution(
        samples / "policy.json"
    )


def test_a_key_made_at_policy_import_names_who_made_it_in_its_row_and_the_log(
    services: Services, samples: Path
) -> None:
    from sqlalchemy import select

    from advisor.model.schema import SigningKey
    from tests.conftest import seat_as

    seat_as(services, "khalid", "controller")
    services.policy.import_file(samples / "policy.json", key_passphrase=TEST_PASSPHRASE)
    key = services.keys.current()
    assert key is not None
    with services.db.begin() as session:
        assert session.scalars(select(SigningKey.created_by)).all() == ["khalid"]
    from advisor.model.services.history_service import LogFilter

    made = services.history.events(LogFilter(action="key.create"))
    assert [(e.user, e.record) for e in made] == [("khalid", key.key_id)]


def _doctored_backup(certified: Services, tmp_path: Path, *edits: str) -> Path:
    backup = tmp_path / "doctored.sanad"
    certified.backup.backup(backup)
    with sqlite3.connect(backup) as connection:
        for (name,) in connection.execute("select name from sqlite_master where type='trigger'"):
            connection.execute(f"drop trigger {name}")
        for edit in edits:
            connection.execute(edit)
    return backup


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "edits",
    [
        ("update letters set credits = 9",),
        (
            "update letters set content = replace(content, '\"total_credits\":6', '\"total_credits\":9')",
        ),
        ("update letter_lines set credits = 9",),
        ("delete from letter_seals",),
        ("update letter_seals set sealed = substr(sealed, 1, 200)",),
    ],
)
def test_restore_refuses_a_backup_whose_register_no_longer_matches_its_seals(
    certified: Services, issued, tmp_path: Path, edits: tuple[str, ...]
) -> None:
    backup = _doctored_backup(certified, tmp_path, *edits)
    with pytest.raises(ValidationError, match="no longer matches the letters' seals"):
        certified.backup.restore(backup)
    assert certified.letters.verify(issued.record.code).status == "valid"  # nothing replaced


@pytest.mark.sqlite_only
def test_restore_refuses_letters_re_sealed_with_a_key_of_the_backups_own(
    certified: Services, issued, tmp_path: Path
) -> None:
    """The attacker re-seals raised credits with a key they made and put in the backup."""
    from advisor.model.signing.institution_key import new_private_key, public_der
    from advisor.model.signing.sealed_text import make_seal

    content = read_seal(issued.document.qr_payload).content
    content["total_credits"] = 9
    content["lines"][0]["credits"] = 6
    forger = new_private_key()
    forged = make_seal(content, forger).text
    backup = _doctored_backup(certified, tmp_path)
    with sqlite3.connect(backup) as connection:
        for (name,) in connection.execute("select name from sqlite_master where type='trigger'"):
            connection.execute(f"drop trigger {name}")
        connection.execute("update letter_seals set sealed = ?", (forged,))
        connection.execute(
            "update signing_keys set public_key = ?", (public_der(forger.public_key()),)
        )
    with pytest.raises(ValidationError, match="key this institution does not hold"):
        certified.backup.restore(backup)
    honest = tmp_path / "honest.sanad"
    certified.backup.backup(honest)
    certified.backup.restore(honest)  # an untouched backup restores
