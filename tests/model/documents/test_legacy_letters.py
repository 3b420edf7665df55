"""A Sanad 0.1 database (HMAC codes, no signing key) upgrades: its letters keep verifying, the
key made afterwards seals the intact ones, and the HMAC secret that anyone could forge with is
gone."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from pathlib import Path

from advisor.model.services import open_services
from tests.conftest import TEST_PASSPHRASE, seat_admin
from tests.model.test_migrations import _make_at_revision

SECRET = "ab" * 32


def _code(content: str) -> str:
    digest = hmac.new(bytes.fromhex(SECRET), content.encode(), hashlib.sha256).hexdigest()
    digest = digest.upper()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def _content(reference: str, credits: int) -> str:
    content = {
        "format": "sanad-letter/1",
        "reference": reference,
        "issued_on": "2026-01-20",
        "student": {
            "roll_no": "fa23-bcs-001",
            "name": "Ayesha Khan",
            "father_name": "Imran Khan",
            "gender": "F",
            "cnic": "35202-1234567-2",
            "degree": "BSCS",
            "degree_title": "BS Computer Science",
            "intake": "Fall 2023",
        },
        "policy_year": 2023,
        "lines": [
            {
                "program_slug": "google-it-support",
                "program": "Google IT Support",
                "provider": "Google",
                "completed_on": "2025-03-14",
                "certificate": "ABC123",
                "slot": "CERT-CORE",
                "slot_title": "Core",
                "credits": credits,
            }
        ],
        "total_credits": credits,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _old_database(path: Path) -> tuple[str, str]:
    """A 0.1 database with one intact letter and one whose credits were edited by hand."""
    _make_at_revision(path, "0002")
    good, edited = _content("DIST/CERT/2026/0001", 3), _content("DIST/CERT/2026/0002", 3)
    good_code, edited_code = _code(good), _code(edited)
    edited = edited.replace('"total_credits":3', '"total_credits":9')
    with sqlite3.connect(path) as c:
        c.execute("INSERT INTO settings VALUES ('letter_hmac_key', ?)", (SECRET,))
        c.execute(
            "INSERT INTO institution (id, code, name, address, letter_prefix, created_at, "
            "created_by) VALUES (1, 'DIST', 'Demo Institute', 'Lahore', 'DIST/CERT', "
            "'2026-01-01', 'local')"
        )
        c.execute(
            "INSERT INTO degrees (id, code, title, total_credits, created_at, created_by) "
            "VALUES (1, 'BSCS', 'BS Computer Science', 130, '2026-01-01', 'local')"
        )
        c.execute(
            "INSERT INTO students (id, roll_no, name, father_name, gender, cnic, email, "
            "degree_id, intake_term, intake_year, semester, advisor_notes, updated_at, "
            "created_at, created_by) VALUES (1, 'fa23-bcs-001', 'Ayesha Khan', 'Imran Khan', 'F', "
            "'35202-1234567-2', '', 1, 'Fall', 2023, 5, '', '2026-01-01', '2026-01-01', 'local')"
        )
        c.execute("INSERT INTO letter_series VALUES ('DIST/CERT', 2026, 2)")
        for serial, (content, code) in enumerate(((good, good_code), (edited, edited_code)), 1):
            c.execute(
                "INSERT INTO letters (id, reference, prefix, year, serial, student_id, issued_on, "
                "credits, content, verification_code, status, duplicate_count, created_at, "
                "created_by) VALUES (?, ?, 'DIST/CERT', 2026, ?, 1, '2026-01-20', 3, ?, ?, "
                "'issued', 0, '2026-01-20', 'local')",
                (serial, f"DIST/CERT/2026/000{serial}", serial, content, code),
            )
            c.execute(
                "INSERT INTO letter_events (letter_id, kind, at, by, note) VALUES "
                "(?, 'issued', '2026-01-20', 'local', '3 credit hours')",
                (serial,),
            )
    return good_code, edited_code


def test_an_old_register_upgrades_and_the_new_key_seals_its_intact_letters(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    good_code, edited_code = _old_database(path)
    services = open_services(str(path), create=False)
    seat_admin(services)  # the administrator the upgrade made
    try:
        assert services.db.migration.previous == "0002"
        # before the Controller makes the key, the old codes still check against the register
        assert services.letters.verify(good_code).status == "valid"
        assert services.letters.verify(edited_code).status == "invalid"
        assert [r.status for r in services.letters.list()] == ["issued", "issued"]

        made = services.keys.create(TEST_PASSPHRASE)
        assert made.letters_sealed == 1 and made.letters_refused == ("DIST/CERT/2026/0002",)
        answer = services.letters.verify(good_code)
        assert answer.status == "valid" and answer.fingerprint == made.key.fingerprint
        assert services.letters.verify(edited_code).status == "invalid"
        copy = services.letters.reprint("DIST/CERT/2026/0001")
        assert copy.document.qr_payload.startswith("SD1:")
        assert services.letters.verify(copy.document.qr_payload).status == "valid"
    finally:
        services.close()
    with sqlite3.connect(path) as c:  # the secret anyone with a copy could forge with is gone
        assert c.execute(
            "SELECT count(*) FROM settings WHERE key = 'letter_hmac_key'"
        ).fetchone() == (0,)
