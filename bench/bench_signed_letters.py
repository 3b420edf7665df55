"""Signed letters benchmark (issue 9), run by hand:

    .venv/bin/python bench/bench_signed_letters.py [--letters 1000] [--rounds 3]

Side by side in one run, the same N letters into one PDF:
- baseline: Sanad 0.1's unsigned letter — its QR code carries the reference and an HMAC code;
- signed: each letter's content sealed with the institution key (ECDSA P-256, canonical JSON,
  zlib with the preset dictionary, Base45) and carried by its QR code and a hidden annotation,
  then the whole PDF signed (PAdES, pyHanko).
Budget: signed <= 1.3x the baseline. CPU seconds are printed too, since other work may share the
cores; the best of the rounds is reported for each.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advisor.model.services.letter_content import sealed_content  # noqa: E402
from advisor.model.signing.institution_key import (  # noqa: E402
    InstitutionName,
    new_private_key,
    self_issued_certificate,
)
from advisor.model.signing.pdf_signature import sign_pdf  # noqa: E402
from advisor.model.signing.sealed_text import make_seal  # noqa: E402
from advisor.reports.documents import LetterData  # noqa: E402
from advisor.reports.letter_renderer import render_letter, render_letters  # noqa: E402
from bench.bench_letters import cohort  # noqa: E402
from tests.reports.sample_documents import HEAD  # noqa: E402

KEY = new_private_key()
CERTIFICATE = self_issued_certificate(KEY, InstitutionName("DIST", HEAD.name))


def unsigned(letters: list[LetterData]) -> bytes:
    old = [
        replace(x, qr_payload=f"SANAD {x.reference} {x.verification_code.replace('-', '')}")
        for x in letters
    ]
    return render_letters(old, HEAD)


def signed(letters: list[LetterData]) -> bytes:
    sealed = []
    for x in letters:
        content = sealed_content(
            reference=x.reference,
            issued_on=x.issued_on,
            student=x.student,
            policy_year=x.policy_year,
            lines=x.lines,
            slugs=tuple("slug" for _ in x.lines),
            head=HEAD,
        )
        seal = make_seal(content, KEY)
        sealed.append(replace(x, qr_payload=seal.text, verification_code=seal.code))
    return sign_pdf(render_letters(sealed, HEAD), KEY, CERTIFICATE, reason="bench")


def best(run, letters: list[LetterData], rounds: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    wall, cpu, size = float("inf"), float("inf"), 0
    for _ in range(rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        size = len(run(letters))
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    letters = cohort(args.letters)
    render_letter(letters[0], HEAD)  # fonts registered, code paths warm
    signed(letters[:2])
    base = best(unsigned, letters, args.rounds)
    sealed = best(signed, letters, args.rounds)
    n = args.letters
    print(f"{n} letters into one PDF (best of {args.rounds}):")
    print(
        f"  unsigned (0.1, HMAC code in the QR): {base[0]:.2f} s wall, {base[1]:.2f} s CPU, "
        f"{base[2] / 1e6:.1f} MB, {base[0] / n * 1000:.2f} ms a letter"
    )
    print(
        f"  signed (seal in the QR + PAdES):     {sealed[0]:.2f} s wall, {sealed[1]:.2f} s CPU, "
        f"{sealed[2] / 1e6:.1f} MB, {sealed[0] / n * 1000:.2f} ms a letter"
    )
    ratio = sealed[1] / base[1]
    print(f"  signed / unsigned: {ratio:.2f}x CPU, {sealed[0] / base[0]:.2f}x wall (budget 1.3x)")


if __name__ == "__main__":
    main()
