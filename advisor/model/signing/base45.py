"""Base45 (RFC 9285): bytes as text in QR's alphanumeric alphabet, as the EU DCC carries its
payload — a QR code in alphanumeric mode holds it more compactly than Base64 in byte mode."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def encode(data: bytes) -> str:
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out += [ALPHABET[c], ALPHABET[d], ALPHABET[e]]
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += [ALPHABET[c], ALPHABET[d]]
    return "".join(out)


def decode(text: str) -> bytes:
    """The bytes, or ValueError naming the first character that cannot be Base45."""
    values = []
    for position, char in enumerate(text):
        if char not in _VALUE:
            raise ValueError(f"character {position + 1} ({char!r}) is not Base45")
        values.append(_VALUE[char])
    if len(values) % 3 == 1:
        raise ValueError("the text is cut short (its length cannot be Base45)")
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i : i + 3]
        n = chunk[0] + chunk[1] * 45 + (chunk[2] * 45 * 45 if len(chunk) == 3 else 0)
        if len(chunk) == 3:
            if n > 0xFFFF:
                raise ValueError(f"characters {i + 1}-{i + 3} are not a Base45 group")
            out += bytes((n >> 8, n & 0xFF))
        else:
            if n > 0xFF:
                raise ValueError(f"characters {i + 1}-{i + 2} are not a Base45 group")
            out.append(n)
    return bytes(out)
