"""The two files institutions exchange, as JSON text: a trust file (public keys, one institution's
or an HEC bundle of many) and a signed revocation list."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from advisor.model.errors import ValidationError
from advisor.model.services.letter_files import write_atomically
from advisor.model.signing.institution_key import (
    fingerprint,
    from_der,
    is_signed_by,
    key_id,
    public_der,
    sign,
)
from advisor.model.signing.sealed_text import canonical_json

TRUST_FORMAT = "sanad-trust/1"
REVOCATIONS_FORMAT = "sanad-revocations/1"
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class KeyEntry:
    institution_code: str
    institution_name: str
    public_key: ec.EllipticCurvePublicKey
    retired: bool = False

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class RevokedEntry:
    reference: str
    revoked_on: date
    reason: str


@dataclass(frozen=True)
class RevocationList:
    institution_code: str
    institution_name: str
    public_key: ec.EllipticCurvePublicKey
    entries: tuple[RevokedEntry, ...]
    genuine: bool  # the signature matches the list under its public key


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def write_trust_file(target: Path, entries: list[KeyEntry]) -> None:
    document = {
        "format": TRUST_FORMAT,
        "keys": [
            {
                "institution_code": e.institution_code,
                "institution_name": e.institution_name,
                "key_id": e.key_id,
                "fingerprint": e.fingerprint,
                "public_key": _b64(public_der(e.public_key)),
                "retired": e.retired,
            }
            for e in entries
        ],
    }
    write_atomically(target, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())


def write_revocation_list(
    target: Path,
    *,
    institution_code: str,
    institution_name: str,
    key: ec.EllipticCurvePrivateKey,
    entries: list[RevokedEntry],
) -> None:
    body = {
        "format": REVOCATIONS_FORMAT,
        "institution_code": institution_code,
        "institution_name": institution_name,
        "public_key": _b64(public_der(key.public_key())),
        "revocations": [
            {"reference": e.reference, "revoked_on": e.revoked_on.isoformat(), "reason": e.reason}
            for e in entries
        ],
    }
    document = {**body, "signature": _b64(sign(key, canonical_json(body)))}
    write_atomically(target, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode())


def _load(path: Path, what: str) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError(f"{path.name} is too large to be a {what}.")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValidationError(f"There is no file {path}.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{path.name} is not a {what} (it is not UTF-8 text).") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{path.name} is not a {what}: line {exc.lineno}, column {exc.colno}: {exc.msg}."
        ) from exc
    except RecursionError as exc:
        raise ValidationError(f"{path.name} is not a {what}: it is nested too deeply.") from exc
    if not isinstance(document, dict):
        raise ValidationError(f"{path.name} is not a {what}.")
    return document


def _text(value: Any, where: str, *, limit: int = 300) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ValueError(f"{where} must be text of 1 to {limit} characters")
    return value.strip()


def _public_key(value: Any, where: str) -> ec.EllipticCurvePublicKey:
    try:
        return from_der(base64.b64decode(_text(value, where, limit=400), validate=True))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"{where} is not an ECDSA P-256 public key") from exc


def read_trust_file(path: Path) -> list[KeyEntry]:
    what = "Sanad trust file (from `institution key export`)"
    document = _load(path, what)
    if document.get("format") != TRUST_FORMAT:
        raise ValidationError(f"{path.name} is not a {what}: its format is not {TRUST_FORMAT}.")
    keys = document.get("keys")
    if not isinstance(keys, list) or not keys:
        raise ValidationError(f"{path.name} holds no keys (keys[] is empty or missing).")
    entries, problems = [], []
    for i, item in enumerate(keys):
        where = f"keys[{i}]"
        try:
            if not isinstance(item, dict):
                raise ValueError(f"{where} is not an object")
            public = _public_key(item.get("public_key"), f"{where}.public_key")
            entry = KeyEntry(
                _text(item.get("institution_code"), f"{where}.institution_code", limit=40),
                _text(item.get("institution_name"), f"{where}.institution_name"),
                public,
                bool(item.get("retired", False)),
            )
            printed = item.get("fingerprint")
            if printed is not None and str(printed).replace(" ", "").upper() != (
                entry.fingerprint.replace(" ", "")
            ):
                raise ValueError(f"{where}.fingerprint does not match its public key")
            entries.append(entry)
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise ValidationError(
            f"{path.name} cannot be trusted; nothing was imported:", problems, nothing_changed=True
        )
    return entries


def read_revocation_list(path: Path) -> RevocationList:
    what = "Sanad revocation list (from `letter revocations export`)"
    document = _load(path, what)
    if document.get("format") != REVOCATIONS_FORMAT:
        raise ValidationError(
            f"{path.name} is not a {what}: its format is not {REVOCATIONS_FORMAT}."
        )
    try:
        public = _public_key(document.get("public_key"), "public_key")
        signature = base64.b64decode(str(document.get("signature", "")), validate=True)
        body = {k: v for k, v in document.items() if k != "signature"}
        revocations = document.get("revocations")
        if not isinstance(revocations, list):
            raise ValueError("revocations must be a list")
        entries = []
        for i, item in enumerate(revocations):
            where = f"revocations[{i}]"
            if not isinstance(item, dict):
                raise ValueError(f"{where} is not an object")
            entries.append(
                RevokedEntry(
                    _text(item.get("reference"), f"{where}.reference", limit=100),
                    date.fromisoformat(_text(item.get("revoked_on"), f"{where}.revoked_on")),
                    str(item.get("reason", ""))[:2000],
                )
            )
        return RevocationList(
            _text(document.get("institution_code"), "institution_code", limit=40),
            _text(document.get("institution_name"), "institution_name"),
            public,
            tuple(entries),
            is_signed_by(public, canonical_json(body), signature),
        )
    except (ValueError, binascii.Error) as exc:
        raise ValidationError(f"{path.name} is not a {what}: {exc}.") from exc
