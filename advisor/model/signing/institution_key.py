"""The institution's ECDSA P-256 key pair: made once, named by a fingerprint, and a self-issued
certificate naming the institution so that PDF readers can show who signed a letter."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.x509.oid import NameOID

CURVE = ec.SECP256R1()
SIGNATURE_BYTES = 64  # r || s, 32 bytes each: fixed size, as the QR payload needs
POINT_BYTES = 33  # a compressed P-256 public point
CERTIFICATE_YEARS = 30  # letters are checked for decades; the key, not the date, is trusted


def new_private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(CURVE)


def public_der(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)


def from_point(point: bytes) -> ec.EllipticCurvePublicKey:
    """The public key from its compressed point, or ValueError when it is not one."""
    return ec.EllipticCurvePublicKey.from_encoded_point(CURVE, point)


def from_der(der: bytes) -> ec.EllipticCurvePublicKey:
    key = serialization.load_der_public_key(der)
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != CURVE.name:
        raise ValueError("it is not an ECDSA P-256 public key")
    return key


def key_id(key: ec.EllipticCurvePublicKey) -> str:
    """A short stable name for the key: the first 16 hex digits of its fingerprint."""
    return _digest(key)[:16]


def fingerprint(key: ec.EllipticCurvePublicKey) -> str:
    """SHA-256 of the public key, 128 bits in groups of four, to compare over the phone."""
    digest = _digest(key)[:32]
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def _digest(key: ec.EllipticCurvePublicKey) -> str:
    return hashlib.sha256(public_der(key)).hexdigest().upper()


def sign(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    """A fixed-size r || s signature over SHA-256 of the data."""
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def is_signed_by(key: ec.EllipticCurvePublicKey, data: bytes, signature: bytes) -> bool:
    if len(signature) != SIGNATURE_BYTES:
        return False
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        key.verify(der, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True)
class InstitutionName:
    code: str
    name: str


def self_issued_certificate(
    key: ec.EllipticCurvePrivateKey, institution: InstitutionName, *, now: datetime | None = None
) -> bytes:
    """DER of an X.509 certificate the key issues to itself, naming the institution: what a PDF
    signature carries so that a reader shows the signer."""
    start = (now or datetime.now(UTC)).replace(microsecond=0)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, institution.name[:64] or institution.code),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, institution.name[:64] or "Sanad"),
            x509.NameAttribute(
                NameOID.ORGANIZATIONAL_UNIT_NAME, f"Sanad letters {institution.code}"[:64]
            ),
        ]
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - timedelta(days=1))
        .not_valid_after(start + timedelta(days=365 * CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.DER)
