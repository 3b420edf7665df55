"""Passwords, kept only as scrypt hashes: memory-hard, so a stolen database file does not give
up its passwords to a graphics card. Standard library only (hashlib.scrypt)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# OWASP's scrypt floor (N=2^17 needs 128 MiB; 2^14 with r=8 is 16 MiB, ~50 ms on an office PC,
# so signing in stays instant while each guess still costs the attacker the same).
N, R, P = 2**14, 8, 1
MIN_LENGTH = 4


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = _scrypt(password, salt, N, R, P)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
