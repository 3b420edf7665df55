"""Adversarial files made from good ones: bytes flipped, cut, re-encoded; cells and JSON values
replaced by what breaks parsers (deep nesting, lone surrogates, huge or non-finite numbers,
digits that are not ASCII, wrong types, very long names). Deterministic for a seed."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from typing import Any

BAD_CELLS = [
    "",
    " ",
    "²",
    "٣",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "-1",
    "1e309",
    "9" * 5000,
    "x" * 250,
    "\ud800",
    '=HYPERLINK("x")',
    "9223372036854775808",
    "0x10",
    "\n",
    '"',
    "\x00",
    "1" * 40,
    "2026-13-45",
    "Fall 99999",
    "Spring 2024",
    "100%",
    "101",
    "-0",
    "1.5",
    "00000000000001",
    "𝟙𝟚",
    "Ⅻ",
    "\u200f",
    "a,b",
    "ＦＡ２３",
]
BAD_VALUES: list[Any] = [
    None,
    True,
    False,
    [],
    {},
    "",
    "²",
    "x" * 300,
    -1,
    0,
    1.5,
    2**63,
    -(2**63),
    10**20,
    float("nan"),
    float("inf"),
    "\ud800",
    "NaN",
    [[[]]],
    {"a": 1},
    "9" * 50,
    1e308,
]


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def byte_mutation(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(7)
    buf = bytearray(data)
    if kind == 0 and buf:  # flip a few bits
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
    elif kind == 1:  # cut off
        buf = buf[: rng.randrange(len(buf) + 1)]
    elif kind == 2:  # random bytes inserted
        i = rng.randrange(len(buf) + 1)
        buf[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    elif kind == 3 and buf:  # a chunk repeated
        i = rng.randrange(len(buf))
        buf[i:i] = buf[i : i + rng.randint(1, 4096)]
    elif kind == 4:  # another encoding
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return bytes(buf)
        encoding = rng.choice(["utf-16", "utf-16-le", "utf-32", "utf-32-be", "cp1252", "latin-1"])
        return text.encode(encoding, "replace")
    elif kind == 5 and buf:  # a NUL or a lone byte
        buf.insert(rng.randrange(len(buf)), rng.choice([0, 0xFF, 0xC3, 0x80]))
    else:
        buf = buf + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(buf)


def csv_mutation(rng: random.Random, data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if not rows:
        return data
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(5)
        r = rng.randrange(len(rows))
        if kind <= 2 and rows[r]:
            rows[r][rng.randrange(len(rows[r]))] = rng.choice(BAD_CELLS)
        elif kind == 3 and rows[0]:  # a column gone
            c = rng.randrange(len(rows[0]))
            rows = [row[:c] + row[c + 1 :] for row in rows]
        else:  # a row repeated or dropped
            if rng.random() < 0.5:
                rows.insert(r, list(rows[r]))
            elif len(rows) > 1:
                rows.pop(r)
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return _encode(out.getvalue())


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*path, i))
    return found


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = root
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return root


def json_mutation(rng: random.Random, data: bytes) -> bytes:
    root = json.loads(data.decode("utf-8-sig"))
    special = rng.randrange(10)
    paths = _paths(root)
    target = rng.choice(paths[1:] or paths)
    if special == 0:  # nesting deeper than any parser's recursion
        depth = rng.choice([200, 5_000, 100_000])
        text = json.dumps(_set(root, target, "@@DEEP@@"))
        return _encode(text.replace('"@@DEEP@@"', "[" * depth + "]" * depth, 1))
    if special == 1:  # an integer with thousands of digits
        text = json.dumps(_set(root, target, "@@BIG@@"))
        return _encode(text.replace('"@@BIG@@"', "1" + "0" * rng.choice([30, 4400, 20_000]), 1))
    for _ in range(rng.randint(1, 3)):
        root = _set(root, rng.choice(paths[1:] or paths), rng.choice(BAD_VALUES))
        paths = _paths(root)
    return _encode(json.dumps(root, ensure_ascii=rng.random() < 0.5))


Mutator = Callable[[random.Random, bytes], bytes]


def mutate(rng: random.Random, data: bytes, structured: Mutator | None) -> bytes:
    if structured is not None and rng.random() < 0.6:
        try:
            return structured(rng, data)
        except (ValueError, RecursionError, UnicodeError):
            pass
    return byte_mutation(rng, data)
