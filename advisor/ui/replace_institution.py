"""A policy file of another institution: ask before it replaces the one set up (the command
line refuses it and names `--replace-institution`)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from advisor.model.services.policy_service import InstitutionMismatch
from advisor.ui import confirm


def ask_replace_institution(parent: QWidget | None, mismatch: InstitutionMismatch) -> bool:
    return confirm.confirm(
        parent,
        "Another institution",
        f"This policy file is for {mismatch.incoming_name} ({mismatch.incoming}), but Sanad is "
        f"set up for {mismatch.existing_name} ({mismatch.existing}).\n\n"
        f"Replace {mismatch.existing} by {mismatch.incoming}? Its name, address, letter prefix "
        "and signatories come from the file; letters already issued stay in the register. "
        "Cancel imports nothing.",
    )
