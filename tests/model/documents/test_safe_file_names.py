"""Names that are not safe as file names (issue 16, item 3): any roll number makes a working,
unique file name, and no letter is numbered before its file can be written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from advisor.model.errors import ValidationError
from advisor.model.file_names import MAX_STEM, safe_file_name, unique_in
from advisor.model.schema import Student
from advisor.model.services import Services
from tests.model.documents.conftest import TODAY, add_students


@pytest.mark.parametrize(
    "text", ["2019/CS/123", "..\\x:y", "CON", "a" * 300, "ٹیسٹ", "", ".hidden", "a\nb\x00c"]
)
def test_any_text_makes_a_file_name_that_works(tmp_path: Path, text: str) -> None:
    name = safe_file_name(text, ".pdf")
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert len(name) <= MAX_STEM + 4
    (tmp_path / name).write_bytes(b"ok")
    assert (tmp_path / name).parent == tmp_path


def test_names_stay_unique_within_a_folder(tmp_path: Path) -> None:
    taken: set[str] = set()
    first = unique_in(tmp_path, safe_file_name("2019/CS/123", ".pdf"), taken)
    second = unique_in(tmp_path, safe_file_name("2019-CS-123", ".pdf"), taken)
    assert first != second


def _rename(services: Services, old: str, new: str) -> None:
    with services.db.begin() as session:
        session.execute(update(Student).where(Student.roll_no == old).values(roll_no=new))


def test_a_batch_writes_letters_for_rolls_with_slashes(
    department: Services, tmp_path: Path
) -> None:
    rolls = add_students(department, 2)
    _rename(department, rolls[0], "2019/CS/123")
    _rename(department, rolls[1], "../../etc/passwd")
    out = tmp_path / "letters"
    result = department.letters.issue_batch(
        degree="BSCS", intake=None, today=TODAY, output=out, per_student=True
    )
    assert len(result.issued) == 2
    assert sorted(p.parent for p in result.files) == [out, out]
    assert all(p.is_file() for p in result.files)


def test_no_letter_is_numbered_when_the_folder_cannot_take_files(
    department: Services, tmp_path: Path
) -> None:
    add_students(department, 1)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(ValidationError, match="No letter was numbered"):
        department.letters.issue_batch(
            degree="BSCS", intake=None, today=TODAY, output=blocker / "letters", per_student=True
        )
    assert department.letters.list() == []
