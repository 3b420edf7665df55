"""A private key encrypted under a passphrase as PKCS#8 with scrypt (PBES2, AES-256-CBC) — the
form `openssl pkcs8 -topk8 -scrypt` writes, with its parameters (N=2^14, r=8, p=1).

`cryptography` reads this form but writes only PBKDF2, so the few DER bytes of the envelope are
written here; the key bytes inside are cryptography's own PKCS#8, and reading goes back through
cryptography (OpenSSL), which checks the envelope independently.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os

from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_PBES2 = "1.2.840.113549.1.5.13"
_SCRYPT = "1.3.6.1.4.1.11591.4.11"
_AES256_CBC = "2.16.840.1.101.3.4.1.42"


class WrongPassphrase(ValueError):
    """The passphrase does not open the key (or the key bytes are damaged)."""


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes((n,))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(body),)) + body


def _tlv(tag: int, body: bytes) -> bytes:
    return bytes((tag,)) + _length(len(body)) + body


def _sequence(*parts: bytes) -> bytes:
    return _tlv(0x30, b"".join(parts))


def _integer(n: int) -> bytes:
    return _tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))


def _octets(data: bytes) -> bytes:
    return _tlv(0x04, data)


def _oid(dotted: str) -> bytes:
    first, second, *rest = (int(x) for x in dotted.split("."))
    body = bytearray((40 * first + second,))
    for arc in rest:
        chunk = [arc & 0x7F]
        while arc := arc >> 7:
            chunk.append(0x80 | (arc & 0x7F))
        body += bytes(reversed(chunk))
    return _tlv(0x06, bytes(body))


def encrypt(key: ec.EllipticCurvePrivateKey, passphrase: str) -> bytes:
    """DER of an EncryptedPrivateKeyInfo; the clear key exists only in memory here."""
    if not passphrase:
        raise ValueError("the passphrase is empty")
    clear = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    salt, iv = os.urandom(16), os.urandom(16)
    secret = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    sealed = encryptor.update(padder.update(clear) + padder.finalize()) + encryptor.finalize()
    kdf = _sequence(
        _oid(_SCRYPT),
        _sequence(
            _octets(salt), _integer(SCRYPT_N), _integer(SCRYPT_R), _integer(SCRYPT_P), _integer(32)
        ),
    )
    scheme = _sequence(_oid(_AES256_CBC), _octets(iv))
    algorithm = _sequence(_oid(_PBES2), _sequence(kdf, scheme))
    return _sequence(algorithm, _octets(sealed))


def decrypt(der: bytes, passphrase: str) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_der_private_key(der, passphrase.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        raise WrongPassphrase("the passphrase does not open the institution's key") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise WrongPassphrase("the key file does not hold an ECDSA key")
    return key


def to_pem(der: bytes) -> str:
    """The envelope as the PEM text a key file on removable media holds."""
    body = base64.encodebytes(der).decode("ascii")
    return f"-----BEGIN ENCRYPTED PRIVATE KEY-----\n{body}-----END ENCRYPTED PRIVATE KEY-----\n"


def from_pem(text: str) -> bytes:
    lines = [line.strip() for line in text.strip().splitlines()]
    if (
        len(lines) < 3
        or lines[0] != "-----BEGIN ENCRYPTED PRIVATE KEY-----"
        or lines[-1] != ("-----END ENCRYPTED PRIVATE KEY-----")
    ):
        raise ValueError("it is not an encrypted private key file")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error as exc:
        raise ValueError("its key text is damaged") from exc
