"""QR code symbols (ISO/IEC 18004, error correction level M, one fixed mask) built from
ReportLab's own tables, at the speed a batch of a thousand sealed letters needs.

A sealed letter's QR code carries 500–1,000 characters (version 13–20): ReportLab's encoder
spends ~10 ms on each, bit by bit in Python. Here every step works on whole numbers or bytes:
- the data bits are one Python integer; a version's capacity and Reed-Solomon block structure
  come from ReportLab's tables (`QRRSBlock`), so the symbols are the ones ReportLab would draw;
- Reed-Solomon remainders use a per-generator table of 256 precomputed products, one XOR of
  integers per data codeword;
- each version's function patterns and the order of its data modules are computed once (by
  ReportLab) and cached; a symbol is then one gather (`itemgetter`) from template and data bits.
Every mask gives a standard, decodable symbol; one fixed mask avoids scoring all eight.
"""

from __future__ import annotations

import re
from functools import cache
from operator import itemgetter

from reportlab.graphics.barcode import qrencoder

LEVEL = qrencoder.QRErrorCorrectLevel.M
FIXED_MASK = 0
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_ALPHANUMERIC_VALUE = {c: i for i, c in enumerate(ALPHANUMERIC)}
_NUMERIC = re.compile(r"[0-9]*")
_ALPHANUMERIC = re.compile(r"[-0-9A-Z $%*+./:]*")
_TO_BITS = bytes.maketrans(b"01", b"\x00\x01")
_TO_TEXT = bytes.maketrans(b"\x00\x01", b"01")


def _count_bits(mode: str, version: int) -> int:
    """Bits of the character count for the mode and version (ISO/IEC 18004 table 3)."""
    size = 0 if version < 10 else 1 if version < 27 else 2
    return {"numeric": (10, 12, 14), "alphanumeric": (9, 11, 13), "byte": (8, 16, 16)}[mode][size]


def _segment(payload: str) -> tuple[str, int, int, int, int]:
    """(mode, mode indicator, character count, data bits, their length) — in the mode
    ReportLab's encoder picks for the whole text: numeric, alphanumeric, else UTF-8 bytes."""
    value = length = 0
    if _NUMERIC.fullmatch(payload):
        for i in range(0, len(payload), 3):
            group = payload[i : i + 3]
            width = (4, 7, 10)[len(group) - 1]
            value, length = (value << width) | int(group), length + width
        return "numeric", 0b0001, len(payload), value, length
    if _ALPHANUMERIC.fullmatch(payload):
        for i in range(0, len(payload) - 1, 2):
            pair = 45 * _ALPHANUMERIC_VALUE[payload[i]] + _ALPHANUMERIC_VALUE[payload[i + 1]]
            value, length = (value << 11) | pair, length + 11
        if len(payload) % 2:
            value, length = (value << 6) | _ALPHANUMERIC_VALUE[payload[-1]], length + 6
        return "alphanumeric", 0b0010, len(payload), value, length
    data = payload.encode("utf-8")
    return "byte", 0b0100, len(data), int.from_bytes(data, "big"), 8 * len(data)


@cache
def _blocks(version: int) -> tuple[tuple[int, int], ...]:
    """(total, data) codewords of each Reed-Solomon block of the version at level M."""
    return tuple(
        (b.totalCount, b.dataCount) for b in qrencoder.QRRSBlock.getRSBlocks(version, LEVEL)
    )


def _data_codewords(payload: str) -> tuple[int, bytes]:
    mode, indicator, count, value, length = _segment(payload)
    for version in range(1, 41):
        capacity = 8 * sum(data for _, data in _blocks(version))
        header = 4 + _count_bits(mode, version)
        if header + length <= capacity:
            break
    else:
        raise ValueError(f"{len(payload)} characters do not fit in a QR code")
    bits = (indicator << _count_bits(mode, version)) | count
    bits = (bits << length) | value
    used = header + length
    terminator = min(4, capacity - used)
    bits, used = bits << terminator, used + terminator
    pad = -used % 8
    bits, used = bits << pad, used + pad
    codewords = bits.to_bytes(used // 8, "big")
    filler = bytes((0xEC, 0x11)) * (capacity // 16 + 1)
    return version, codewords + filler[: capacity // 8 - len(codewords)]


@cache
def _remainder_table(degree: int) -> tuple[int, ...]:
    """For each codeword value f: f times the generator polynomial (less its leading term), as
    one integer of `degree` bytes — a Reed-Solomon step is then a shift and an XOR."""
    generator = qrencoder.QRUtil.getErrorCorrectPolynomial(degree)
    terms = [generator.get(i) for i in range(1, degree + 1)]
    log, exp = qrencoder.LOG_TABLE, qrencoder.EXP_TABLE
    table = [0]
    for f in range(1, 256):
        products = bytes(exp[(log[f] + log[t]) % 255] if t else 0 for t in terms)
        table.append(int.from_bytes(products, "big"))
    return tuple(table)


def _error_correction(data: bytes, degree: int) -> bytes:
    table, top, mask = _remainder_table(degree), 8 * (degree - 1), (1 << (8 * degree)) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & mask) ^ table[byte ^ (remainder >> top)]
    return remainder.to_bytes(degree, "big")


def _interleaved(version: int, data: bytes) -> bytes:
    pieces, ec_pieces, offset = [], [], 0
    for total, count in _blocks(version):
        block = data[offset : offset + count]
        offset += count
        pieces.append(block)
        ec_pieces.append(_error_correction(block, total - count))
    out = bytearray()
    for group in (pieces, ec_pieces):
        for i in range(max(len(p) for p in group)):
            out += bytes(p[i] for p in group if i < len(p))
    return bytes(out)


@cache
def _layout(version: int) -> tuple[bytes, bytes, itemgetter]:
    """The version's function patterns (as 0/1 bytes, data modules 0), the mask bits of its data
    modules in placement order, and a gather from template + data bits to the whole symbol."""
    code = qrencoder.QRCode(version, LEVEL)
    code.dataCache = [0] * sum(total for total, _ in _blocks(version))
    code.makeImpl(False, FIXED_MASK)
    size = code.moduleCount
    positions = code.dataPosIterator()  # (column, row) in placement order
    mask = qrencoder.QRUtil.getMask(FIXED_MASK)
    where = {row * size + column: i for i, (column, row) in enumerate(positions)}
    template = bytearray(1 if dark else 0 for row in code.modules for dark in row)
    for cell in where:
        template[cell] = 0
    gather = itemgetter(*(size * size + where[c] if c in where else c for c in range(size * size)))
    mask_bits = bytes(1 if mask(row, column) else 0 for column, row in positions)
    return bytes(template), mask_bits, gather


def qr_rows(payload: str) -> list[str]:
    """The symbol as text rows of '1' (dark) and '0' (light), top row first."""
    version, data = _data_codewords(payload)
    codewords = _interleaved(version, data)
    template, mask_bits, gather = _layout(version)
    count = len(mask_bits)
    bits = bin(int.from_bytes(codewords, "big"))[2:].zfill(8 * len(codewords))[:count]
    data_bits = bits.ljust(count, "0").encode("ascii").translate(_TO_BITS)
    masked = (int.from_bytes(data_bits, "big") ^ int.from_bytes(mask_bits, "big")).to_bytes(
        count, "big"
    )
    cells = bytes(gather(template + masked)).translate(_TO_TEXT)
    size = 4 * version + 17
    text = cells.decode("ascii")
    return [text[i : i + size] for i in range(0, size * size, size)]
