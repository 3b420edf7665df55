"""Letters benchmark (DESIGN.md §9), run by hand:

    .venv/bin/python bench/bench_letters.py [--letters 1000] [--office 20] [--profile]

1. Sanad renders N credit-eligibility letters, each with its QR code, into one PDF
   (budget: 1,000 letters in under 5 s on a 2-core machine).
2. In the same run, when LibreOffice is installed (`soffice`), the same letters are written as
   flat OpenDocument files (.fodt) and converted to PDF by `soffice --headless` in one batch,
   the way an office suite's mail merge would; the per-letter times are compared
   (budget: Sanad at least 10x faster per letter).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advisor.reports.documents import LetterData, LetterLine  # noqa: E402
from advisor.reports.letter_renderer import render_letter, render_letters  # noqa: E402
from tests.reports.sample_documents import HEAD, LINES, STUDENT, letter  # noqa: E402

FIRST_NAMES = (
    "Ayesha",
    "Muhammad",
    "Fatima",
    "Hassan",
    "Zainab",
    "Bilal",
    "Hira",
    "Usman",
    "Sana",
    "Ahmed",
)
LAST_NAMES = ("Khan", "Ali", "Zahra", "Raza", "Hussain", "Ahmed", "Shah", "Tariq", "Iqbal", "Nawaz")
EXTRA = LetterLine(
    "Google Data Analytics Professional Certificate",
    "Google",
    date(2025, 11, 3),
    "GDA-55XK12",
    "CERT-ELEC-2",
    "Certification elective II",
    3,
)


def cohort(count: int) -> list[LetterData]:
    """Distinct students and references, with one to three certifications each."""
    out = []
    for i in range(count):
        name = f"{FIRST_NAMES[i % 10]} {LAST_NAMES[(i // 10) % 10]}"
        student = replace(
            STUDENT,
            roll_no=f"fa23-bcs-{i:04d}",
            name=name,
            gender="FM"[i % 2],
            father_name=f"{FIRST_NAMES[(i + 3) % 10]} {LAST_NAMES[i % 10]}",
            cnic=f"35202-{1000000 + i}-{i % 10}",
        )
        lines = (LINES + (EXTRA,))[: 1 + i % 3]
        out.append(letter(i + 1, student=student, lines=lines))
    return out


def time_sanad(letters: list[LetterData]) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds (the CPU time shows the cost when other work shares the cores)."""
    render_letter(letters[0], HEAD)  # fonts registered, code paths warm: measure the steady state
    start, cpu = time.perf_counter(), time.process_time()
    pdf = render_letters(letters, HEAD)
    return time.perf_counter() - start, time.process_time() - cpu, len(pdf)


def fodt(data: LetterData) -> str:
    """The same letter as a flat OpenDocument text, as a mail merge would produce it."""
    st = data.student
    rows = "".join(
        "<table:table-row>"
        + "".join(
            f"<table:table-cell><text:p>{escape(str(v))}</text:p></table:table-cell>"
            for v in (
                i,
                ln.program,
                ln.provider,
                ln.completed_on,
                ln.certificate,
                f"{ln.slot} {ln.slot_title}",
                ln.credits,
            )
        )
        + "</table:table-row>"
        for i, ln in enumerate(data.lines, 1)
    )
    signatures = "".join(
        f"<text:p>{escape(s.name)}, {escape(s.title)}</text:p>" for s in HEAD.signatories
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="DejaVu Sans"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles><style:style style:name="Standard" style:family="paragraph">
<style:text-properties style:font-name="DejaVu Sans" fo:font-size="9.5pt"/></style:style></office:styles>
<office:body><office:text>
<text:h>{escape(HEAD.name)}</text:h><text:p>{escape(HEAD.address)}</text:p>
<text:p>Ref. No. {escape(data.reference)}   Date: {data.issued_on:%d %B %Y}</text:p>
<text:p>To, The Controller of Examinations, {escape(HEAD.name)}.</text:p>
<text:p>Subject: Credit-eligibility of industry certifications — {escape(st.name)} ({escape(st.roll_no)})</text:p>
<text:p>This is to certify that {escape(st.name)} {escape(st.parentage)}, Roll No. {escape(st.roll_no)},
CNIC {escape(st.cnic)}, a student of {escape(st.degree_title)} ({escape(st.intake)} intake), has completed the
following industry certifications ... eligible for {data.total_credits} credit hours.</text:p>
<table:table table:name="Lines"><table:table-column table:number-columns-repeated="7"/>{rows}</table:table>
<text:p>Total credit hours: {data.total_credits}</text:p>
<text:p>Conditions: recorded as transferred credit (TR); does not enter the CGPA; granted under the
department's credit policy.</text:p>
{signatures}
<text:p>Verification code {escape(data.verification_code)}</text:p>
</office:text></office:body></office:document>
"""


def time_office(letters: list[LetterData]) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        profile = folder / "profile"
        sources = []
        for data in letters:
            path = folder / f"{data.reference.replace('/', '-')}.fodt"
            path.write_text(fodt(data), encoding="utf-8")
            sources.append(str(path))
        command = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            *sources,
        ]
        # One warm-up start so the first-run profile set-up is not billed to the conversion.
        subprocess.run([*command[:4], "--terminate_after_init"], capture_output=True, timeout=300)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=600, check=True)
        elapsed = time.perf_counter() - start
        made = len(list((folder / "out").glob("*.pdf")))
        if made != len(letters):
            raise SystemExit(f"LibreOffice made {made} of {len(letters)} PDFs")
        return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument(
        "--office", type=int, default=20, help="letters to convert with LibreOffice"
    )
    parser.add_argument("--profile", action="store_true", help="print where Sanad's time goes")
    args = parser.parse_args()

    letters = cohort(args.letters)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(render_letters, letters, HEAD)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return
    load = os.getloadavg()[0]
    seconds, cpu, size = time_sanad(letters)
    per_letter = seconds / len(letters)
    verdict = "within" if seconds < 5 * len(letters) / 1000 else "OVER"
    print(f"Machine: {os.cpu_count()} cores, load average {load:.1f} at the start")
    print(
        f"Sanad: {len(letters)} letters with QR codes in one PDF: {seconds:.2f} s wall, "
        f"{cpu:.2f} s CPU ({per_letter * 1000:.1f} ms a letter, {size / 1024:.0f} KB) — "
        f"{verdict} the 5 s per 1,000 budget"
    )
    office = time_office(cohort(args.office)) if args.office > 0 else None
    if office is None:
        print(
            "LibreOffice: not measured (--office 0, or not installed: apt-get install "
            "libreoffice-writer-nogui)."
        )
        return
    office_per_letter = office / args.office
    ratio = office_per_letter / per_letter
    print(
        f"LibreOffice headless: {args.office} .fodt letters to PDF in one batch: {office:.2f} s "
        f"({office_per_letter * 1000:.0f} ms a letter)"
    )
    print(
        f"Ratio: Sanad is {ratio:.0f}x faster per letter — "
        f"{'meets' if ratio >= 10 else 'MISSES'} the 10x budget"
    )


if __name__ == "__main__":
    main()
