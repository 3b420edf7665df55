from pathlib import Path

from advisor.logging_setup import rotate


def test_a_big_log_moves_aside_and_the_oldest_goes(tmp_path: Path) -> None:
    log = tmp_path / "sanad.log"
    for n in (1, 2, 3):
        (tmp_path / f"sanad.log.{n}").write_text(f"old {n}")
    log.write_text("x" * 50)
    rotate(log, max_bytes=10, keep=3)
    assert not log.exists()
    assert (tmp_path / "sanad.log.1").read_text() == "x" * 50
    assert (tmp_path / "sanad.log.2").read_text() == "old 1"
    assert (tmp_path / "sanad.log.3").read_text() == "old 2"
    log.write_text("small")
    rotate(log, max_bytes=10, keep=3)
    assert log.read_text() == "small"
