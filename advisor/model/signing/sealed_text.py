"""A signed JSON value as one line of QR-friendly text, checkable by anyone with the key.

    SD1:<Base45( public point (33) | signature (64) | zlib(canonical JSON) )>

The signer's public point travels with the seal, so a verifier can say *who* signed a seal it
does not trust (its fingerprint) — trust itself is decided by the verifier's own list of keys.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from advisor.model.signing import base45
from advisor.model.signing.institution_key import (
    POINT_BYTES,
    SIGNATURE_BYTES,
    from_point,
    is_signed_by,
    public_point,
    sign,
)

PREFIX = "SD1:"
# A preset zlib dictionary: a letter's JSON is short, and most of it (field names, providers,
# program words, titles) recurs in every letter, so deflate refers back to these bytes instead
# of spelling them out — the QR code shrinks by about 45%. Part of the SD1 format: changing a
# single byte would make every printed SD1 seal unreadable (a test pins its hash).
DICTIONARY = (
    b"Specialization Professional Certificate IBM Meta Microsoft Amazon Web Services AWS "
    b"University of Michigan DeepLearning.AI Stanford Duke Johns Hopkins Yale Intuit Salesforce "
    b"Google Data Analytics Data Science Data Analyst Machine Learning Python for Everybody "
    b"IT Support Cybersecurity Project Management UX Design Digital Marketing Marketing Analytics "
    b"Social Media Marketing Front-End Back-End Developer Business Intelligence Deep Learning "
    b"google- ibm- meta- -analytics -data-science -professional-certificate -specialization "
    b"Certification elective I (replaces a computing elective) Mandatory industry certification "
    b"Department of Computer Science Software Engineering Business Administration "
    b"Dr. Prof. Mr. Ms. Chairperson, Controller of Examinations Registrar Dean Head of Department "
    b"University Institute of Science & Technology College Lahore Karachi Islamabad Peshawar "
    b"Quetta Punjab Sindh Khyber Pakhtunkhwa Balochistan Pakistan Road, "
    b'{"format":"sanad-letter/2","institution":{"address":"","code":"","name":""},'
    b'"issued_on":"2026-","lines":[{"certificate":"course certificates on file",'
    b'"completed_on":"2025-","credits":3,"program":"","program_slug":"","provider":"",'
    b'"slot":"CERT-ELEC-","slot_title":""},{"certificate":"","completed_on":"2024-","credits":3,'
    b'"program":"","program_slug":"","provider":"Google","slot":"CERT-CORE","slot_title":""}],'
    b'"policy_year":2025,"reference":"/CERT/2026/000","signatories":[["",""],["",""]],'
    b'"student":{"cnic":"35202-","degree":"BSCS","degree_title":"BS Computer Science",'
    b'"father_name":"","gender":"M","intake":"Fall 2025","name":"","roll_no":""},'
    b'"total_credits":'
)
MAX_CONTENT_BYTES = 64 * 1024  # a letter is ~2 KB; refuse anything that inflates past this


class NotASeal(ValueError):
    """The text is not a Sanad seal at all."""


class DamagedSeal(ValueError):
    """The text starts as a seal but cannot be read: cut short, altered or garbled."""


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


@dataclass(frozen=True)
class Seal:
    text: str  # what the QR code holds
    content: dict[str, Any]
    signed_bytes: bytes
    point: bytes
    signature: bytes

    @property
    def public_key(self) -> ec.EllipticCurvePublicKey:
        return from_point(self.point)

    def is_genuine(self) -> bool:
        """The signature matches the content under the public key the seal names."""
        return is_signed_by(self.public_key, self.signed_bytes, self.signature)

    @property
    def code(self) -> str:
        """The short code printed beside the QR: 64 bits of the seal's hash, in groups of 4."""
        return short_code(self.text)


def short_code(text: str) -> str:
    digest = hashlib.sha256(text.encode("ascii")).hexdigest().upper()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def make_seal(content: dict[str, Any], key: ec.EllipticCurvePrivateKey) -> Seal:
    signed = canonical_json(content)
    signature = sign(key, signed)
    point = public_point(key.public_key())
    deflater = zlib.compressobj(9, zdict=DICTIONARY)
    packed = deflater.compress(signed) + deflater.flush()
    text = PREFIX + base45.encode(point + signature + packed)
    return Seal(text, content, signed, point, signature)


def read_seal(text: str) -> Seal:
    """Parse a seal (the signature is not checked here: see `Seal.is_genuine`)."""
    stripped = (text or "").strip()
    if not stripped.upper().startswith(PREFIX):
        raise NotASeal("the text is not a Sanad letter seal")
    # a keyboard-wedge scanner may change the case; Base45 has upper-case letters only
    body = stripped[len(PREFIX) :].upper()
    try:
        raw = base45.decode(body)
    except ValueError as exc:
        raise DamagedSeal(f"the seal text is damaged: {exc}") from exc
    head = POINT_BYTES + SIGNATURE_BYTES
    if len(raw) <= head:
        raise DamagedSeal("the seal text is cut short")
    point, signature, packed = raw[:POINT_BYTES], raw[POINT_BYTES:head], raw[head:]
    try:
        from_point(point)
    except ValueError as exc:
        raise DamagedSeal("the seal names no valid public key") from exc
    inflater = zlib.decompressobj(zdict=DICTIONARY)
    try:
        signed = inflater.decompress(packed, MAX_CONTENT_BYTES)
    except zlib.error as exc:
        raise DamagedSeal("the sealed content is damaged (it does not decompress)") from exc
    if inflater.unconsumed_tail or not inflater.eof:
        raise DamagedSeal("the sealed content is cut short or too large")
    try:
        content = json.loads(signed.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise DamagedSeal("the sealed content is not readable text") from exc
    if not isinstance(content, dict):
        raise DamagedSeal("the sealed content is not a letter")
    return Seal(PREFIX + body, content, signed, point, signature)
