"""Writing a letter's PDF: whole or not at all, owner-only, with a message a clerk can act on."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from advisor.model.errors import ValidationError


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place: a reader never
    sees half a PDF, and a failure (folder in the way, file held open, full disk) leaves nothing
    — the caller's transaction rolls back, so no number is used without its letter."""
    folder = target.parent
    if target.is_dir():
        raise ValidationError(f"Cannot write {target}: a folder of that name is in the way.")
    temporary = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".sanad-", suffix=".partial")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise ValidationError(
            f"Cannot write {target}: {exc.strerror or exc}. Nothing was numbered; close the "
            "file if a PDF viewer holds it open, free some space, or choose another place.",
            nothing_changed=True,
        ) from exc
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
