"""Signed letters on the command line, as a Controller and another office use them: the key made
at policy import, issuing with and without the passphrase, trust between two databases, verify
from the QR text, a scan and the PDF, revocation lists — and one clear error for each bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.test_import_cli import Cli

EXPORTS = (
    "coursera-usage-report.csv",
    "CourseActivity dist-coursera-2023 - CourseraEnterpriseExport 2026-01-15 09-30-00 UTC.csv",
    "coursera-specialization-report.csv",
)


@pytest.fixture
def office_a(tmp_path: Path, capsys: pytest.CaptureFixture[str], samples: Path) -> Cli:
    a = Cli(tmp_path / "a.db", capsys)
    a.ok("init")
    out = a.ok("policy", "import", str(samples / "policy.json"))
    assert "signing key" in out
    a.ok("students", "import", str(samples / "roster.csv"))
    for name in EXPORTS:
        a.ok("progress", "import", str(samples / name))
    return a


@pytest.fixture
def office_b(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    b = Cli(tmp_path / "b.db", capsys)
    b.ok("init")
    return b


def test_policy_import_without_a_passphrase_is_refused_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], samples: Path, monkeypatch
) -> None:
    monkeypatch.delenv("ADVISOR_KEY_PASSPHRASE")
    a = Cli(tmp_path / "a.db", capsys)
    a.ok("init")
    err = a.refused("policy", "import", str(samples / "policy.json"))
    assert "ADVISOR_KEY_PASSPHRASE" in err
    assert (
        "DIST" not in a.ok("policy", "export", str(tmp_path / "p.json"))
        and json.loads((tmp_path / "p.json").read_text()).get("institution") is None
    )


def test_issuing_needs_the_passphrase(office_a: Cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ADVISOR_KEY_PASSPHRASE")
    err = office_a.refused("letter", "issue", "fa23-bcs-001", "-o", str(tmp_path / "l.pdf"))
    assert "passphrase" in err
    monkeypatch.setenv("ADVISOR_KEY_PASSPHRASE", "not the passphrase")
    err = office_a.refused("letter", "issue", "fa23-bcs-001", "-o", str(tmp_path / "l.pdf"))
    assert "does not open" in err
    assert not (tmp_path / "l.pdf").exists()
    monkeypatch.setenv("ADVISOR_KEY_PASSPHRASE", TEST_PASSPHRASE)
    assert "/0001" in office_a.ok("letter", "issue", "fa23-bcs-001", "-o", str(tmp_path / "l.pdf"))


def test_another_office_verifies_from_the_qr_text_the_scan_and_the_pdf(
    office_a: Cli, office_b: Cli, tmp_path: Path
) -> None:
    letter = tmp_path / "letter.pdf"
    office_a.ok("letter", "issue", "fa23-bcs-001", "-o", str(letter))
    office_a.ok("institution", "key", "export", str(tmp_path / "dist.sanadkey"))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(letter), str(tmp_path / "scan")], check=True
    )
    scan = sorted(tmp_path.glob("scan*.png"))[-1]  # the page with the QR code

    code, out, _ = office_b("letter", "verify", "--pdf", str(letter))
    assert code == 1 and "UNTRUSTED" in out
    assert "Trusted Demo Institute" in office_b.ok("trust", "add", str(tmp_path / "dist.sanadkey"))
    out = office_b.ok("letter", "verify", "--pdf", str(letter))
    assert "VALID" in out and "Ayesha Khan" in out and "PDF signature: intact" in out
    assert "VALID" in office_b.ok("letter", "verify", "--image", str(scan))
    seal = json.loads(office_b.ok("letter", "verify", "--pdf", str(letter), "--json"))
    assert seal["pdf_signature"] is True and seal["letters"][0]["status"] == "valid"
    listed = json.loads(office_b.ok("trust", "list", "--json"))
    assert [t["institution_code"] for t in listed] == ["DIST"]


def test_a_revocation_travels_in_a_signed_list(
    office_a: Cli, office_b: Cli, tmp_path: Path
) -> None:
    office_a.ok("letter", "issue", "fa23-bcs-001", "-o", str(tmp_path / "l.pdf"))
    reference = json.loads(office_a.ok("letter", "list", "--json"))[0]["reference"]
    office_a.ok("letter", "revoke", reference, "--reason", "issued in error")
    office_a.ok("letter", "revocations", "export", str(tmp_path / "revoked.json"))
    office_a.ok("institution", "key", "export", str(tmp_path / "dist.sanadkey"))
    err = office_b.refused("trust", "revocations", "import", str(tmp_path / "revoked.json"))
    assert "does not trust" in err
    office_b.ok("trust", "add", str(tmp_path / "dist.sanadkey"))
    office_b.ok("trust", "revocations", "import", str(tmp_path / "revoked.json"))
    code, out, _ = office_b("letter", "verify", "--pdf", str(tmp_path / "l.pdf"))
    assert code == 1 and "REVOKED" in out and "issued in error" in out


@pytest.mark.parametrize(
    "args, expected",
    [
        (["letter", "verify"], "one thing to check"),
        (["letter", "verify", "--image", "missing.png"], "no file"),
        (["letter", "verify", "--image", "roster.csv"], "not an image"),
        (["letter", "verify", "--image", "blank.png"], "No QR code"),
        (["letter", "verify", "--pdf", "roster.csv"], "not a PDF"),
        (["letter", "verify", "--pdf", "plain.pdf"], "no Sanad letter"),
        (["trust", "add", "roster.csv"], "not a Sanad trust file"),
        (["trust", "add", "missing.json"], "no file"),
        (["trust", "remove", "NOPE"], "No trusted key"),
        (
            ["letter", "issue", "fa23-bcs-001", "-o", "l.pdf", "--key-file", "/media/usb/k.key"],
            "not there",
        ),
    ],
)
def test_bad_input_gets_one_clear_error(
    office_a: Cli, tmp_path: Path, samples: Path, args: list[str], expected: str, monkeypatch
) -> None:
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.csv").write_bytes((samples / "roster.csv").read_bytes())
    Image.new("L", (200, 200), 255).save(tmp_path / "blank.png")
    canvas = Canvas(str(tmp_path / "plain.pdf"))
    canvas.drawString(100, 100, "not a letter")
    canvas.save()
    if "--key-file" in args:  # the institution keeps its key on a USB stick that is not plugged in
        office_a.ok("institution", "key", "rotate", "--key-file", str(tmp_path / "usb.key"))
    err = office_a.refused(*args)
    assert expected in err and len(err.strip().splitlines()) == 1


def test_a_letter_pdf_stripped_of_its_signature_is_not_called_genuine(
    office_a: Cli, tmp_path: Path
) -> None:
    """Sanad signs every letter PDF: one without a signature was made again (and what it prints
    may differ from its seal), so the check fails though the seal inside is genuine."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    letter = tmp_path / "letter.pdf"
    office_a.ok("letter", "issue", "fa23-bcs-001", "-o", str(letter))
    remade = PdfWriter()
    for page in PdfReader(letter).pages:
        kept = [a for a in page.get("/Annots", []) if a.get_object().get("/Subtype") != "/Widget"]
        page[NameObject("/Annots")] = ArrayObject(kept)
        remade.add_page(page)
    remade.write(tmp_path / "remade.pdf")
    code, out, _ = office_a("letter", "verify", "--pdf", str(tmp_path / "remade.pdf"))
    assert code == 1 and "VALID" in out and "PDF signature: NONE" in out
    assert office_a("letter", "verify", "--pdf", str(letter))[0] == 0
