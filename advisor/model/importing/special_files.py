"""A path picked to import that is a device, a pipe or a socket rather than a file: reading
/dev/zero never ends and opening a pipe waits for a writer, so such a path is refused before it
is opened. Missing, unreadable paths and folders are left to the open that reports them."""

from __future__ import annotations

import stat
from pathlib import Path

from advisor.model.errors import ValidationError


def refuse_special_file(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise ValidationError(
            f"{path} is not a file but a device or a pipe: pick the file to import."
        )
