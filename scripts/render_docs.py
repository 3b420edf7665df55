"""Render the document pictures shown in the README (docs/*.png) from the renderers' sample
data: a 3-line and a 6-line letter, a letter for an Urdu name, a letter that supersedes an
earlier one, a draft plan.

    .venv/bin/python scripts/render_docs.py      (needs pdftoppm, from poppler-utils)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advisor.reports.letter_renderer import render_letter  # noqa: E402
from advisor.reports.plan_renderer import render_plan  # noqa: E402
from tests.reports.sample_documents import HEAD, STUDENT, letter, plan, real_lines  # noqa: E402

URDU = replace(STUDENT, name="محمد علی", father_name="عبدالرحمٰن خان", gender="M")
DOCUMENTS = {
    "letter-3-lines": lambda: render_letter(letter(1, lines=real_lines(3), signed=True), HEAD),
    "letter-6-lines": lambda: render_letter(letter(2, lines=real_lines(6), signed=True), HEAD),
    "letter-urdu-name": lambda: render_letter(
        letter(3, student=URDU, lines=real_lines(2), signed=True), HEAD
    ),
    "letter-superseding": lambda: render_letter(
        replace(letter(4, lines=real_lines(3), signed=True), supersedes=("DIST/CERT/2026/0003",)),
        HEAD,
    ),
    "plan-draft": lambda: render_plan(
        replace(plan(courses=12), status="draft", approved_by=None), HEAD
    ),
}


def main() -> None:
    out = REPO / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        for name, render in DOCUMENTS.items():
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(render())
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(out / name)],
                check=True,
            )
            print(out / f"{name}.png")


if __name__ == "__main__":
    main()
