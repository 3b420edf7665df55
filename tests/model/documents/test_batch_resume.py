"""A batch that dies keeps its letters printable: its journal names every letter it registered,
and `--resume` prints them as originals, once — also after a SIGKILL at a random moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor.model.errors import ValidationError
from advisor.model.services import Services
from advisor.model.services.batch_journal import journal_path, stopped_batches
from tests.conftest import REPO, TEST_PASSPHRASE
from tests.model.documents.conftest import TODAY, add_students
from tests.reports.pdf_reading import pdf_pages


class Crash(Exception):
    """Stands for the process dying between two letters."""


def test_a_batch_stopped_before_its_pdf_is_resumed_as_originals_once(
    certified: Services, tmp_path: Path
) -> None:
    output = tmp_path / "batch.pdf"

    def die_after_first(done: int, total: int, message: str) -> None:
        if "issued" in message:
            raise Crash

    with pytest.raises(Crash):
        certified.letters.issue_batch(
            degree="BSCS", today=TODAY, output=output, per_student=False, progress=die_after_first
        )
    assert not output.exists() and journal_path(output).exists()
    assert stopped_batches(tmp_path) == [output]
    with pytest.raises(ValidationError, match="--resume"):
        certified.letters.issue_batch(degree="BSCS", today=TODAY, output=output, per_student=False)
    registered = [r.reference for r in certified.letters.list()]
    resumed = certified.letters.resume_batch(output)
    assert [r.reference for r in resumed.issued] == registered and len(registered) == 1
    pages = pdf_pages(output.read_bytes())
    assert registered[0] in pages[0] and "DUPLICATE" not in " ".join(pages)
    assert certified.letters.verify_pdf(output.read_bytes()).pdf_signature is True
    assert not journal_path(output).exists()
    with pytest.raises(ValidationError, match="nothing to resume"):
        certified.letters.resume_batch(output)
    assert certified.letters.list()[0].duplicate_count == 0


def kill_and_recover(db: Path, output: Path, env: dict[str, str], *, rng: random.Random) -> None:
    command = [
        sys.executable,
        str(REPO / "main.py"),
        "--db",
        str(db),
        "letter",
        "batch",
        "--degree",
        "BSCS",
        "-o",
        str(output),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not journal_path(output).exists() and process.poll() is None:
        assert time.monotonic() < deadline, "the batch never started"
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 2.5))  # somewhere among its letters, or after its PDF
    process.send_signal(signal.SIGKILL)
    process.wait()
    stopped = journal_path(output).exists()
    print(f"killed; stopped mid-batch: {stopped}; PDF: {output.exists()}")
    if stopped:
        subprocess.run([*command, "--resume"], env=env, check=True, capture_output=True)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("kills", [int(os.environ.get("SANAD_BATCH_KILLS", "2"))])
def test_killed_batches_leave_every_registered_letter_printable_once(
    certified: Services, tmp_path: Path, kills: int
) -> None:
    """Each round kills a batch at a random moment, resumes it if it stopped, and checks that
    every registered letter was printed as an original exactly once (30 rounds by hand:
    SANAD_BATCH_KILLS=30)."""
    add_students(certified, 40)
    db = Path(certified.db.file)
    env = {**os.environ, "ADVISOR_KEY_PASSPHRASE": TEST_PASSPHRASE}
    rng = random.Random(7)
    printed: list[str] = []
    for round_ in range(kills):
        output = tmp_path / f"batch-{round_}.pdf"
        kill_and_recover(db, output, env, rng=rng)
        if output.exists():
            printed += [
                page.split("Ref. No. ")[1].split()[0]
                for page in pdf_pages(output.read_bytes())
                if "Ref. No. " in page
            ]
        # new students for the next round, so a batch always has letters to issue
        add_students(certified, 5, first=600 + 5 * round_)
    registered = [r.reference for r in certified.letters.list()]
    assert sorted(printed) == sorted(registered), "every registered letter printed once"
    serials = sorted(int(ref.rsplit("/", 1)[1]) for ref in registered)
    assert serials == list(range(1, len(serials) + 1))
