"""Reading a JSON file a person brought (policy, catalog bundle) so that every way it can be
wrong is a ValidationError naming the file and the place: not UTF-8 (UTF-16 and UTF-32 told
apart), a syntax error (line and column), nesting too deep, a number too large or not a number
(NaN, Infinity), text with a lone surrogate (`\\ud800`) that no file or database can hold.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from pathlib import Path
from typing import Any

from advisor.model.errors import ValidationError
from advisor.model.importing.special_files import refuse_special_file

MAX_DEPTH = 40  # Sanad's own files nest five levels; deeper is damage (or an attack)
MAX_JSON_BYTES = 100 * 1024 * 1024  # Sanad's own bundle is well under 1 MB
MAX_DIGITS = 18  # every number Sanad reads fits in 64 bits with room to spare
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters no typed text holds (tab, newlines and form feed excepted): a NUL cuts a
# name short in C code and PDFs, an ESC recolours the terminal that lists it.
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def control_character(text: str) -> str | None:
    """'a NUL byte' or 'the control character U+001B', for the first one `text` holds."""
    found = CONTROL.search(text)
    if found is None:
        return None
    code = ord(found.group())
    return "a NUL byte" if code == 0 else f"the control character U+{code:04X}"


BOMS = (  # longest first: a UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def text_encoding_problem(raw: bytes) -> str | None:
    """The name of a Unicode encoding that is not UTF-8, from its byte-order mark or its NULs."""
    for bom, name in BOMS:
        if raw.startswith(bom):
            return name
    head = raw[:64]
    if len(head) >= 8 and head[1:4] == b"\x00\x00\x00" or head[:3] == b"\x00\x00\x00":
        return "UTF-32"
    if len(head) >= 4 and (head[1:2] == b"\x00" or head[:1] == b"\x00"):
        return "UTF-16"
    return None


class _NotAllowed:
    """A value the JSON text holds that Sanad refuses; reported with its path after parsing."""

    def __init__(self, why: str) -> None:
        self.why = why


def _parse_int(text: str) -> int | _NotAllowed:
    if len(text.lstrip("-")) > MAX_DIGITS:
        return _NotAllowed(f"a number with {len(text.lstrip('-')):,} digits is far too large")
    return int(text)


def _parse_float(text: str) -> float | _NotAllowed:
    value = float(text)
    if not math.isfinite(value):
        return _NotAllowed(f"{text[:20]} is too large to be a number Sanad can use")
    return value


def _parse_constant(name: str) -> _NotAllowed:
    return _NotAllowed(f"{name} is not a number (write a number, or leave the field out)")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object; a key written twice is refused (json keeps the last silently, and a pasted
    second "degrees" would hide the first)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        twice = key in result
        result[key] = (
            _NotAllowed("written twice in one object; keep one of them") if twice else value
        )
    return result


def _walk(value: Any, path: str, depth: int, problems: list[str]) -> None:
    if len(problems) >= 20:
        return
    if depth > MAX_DEPTH:
        problems.append(f"{path or 'the file'}: nested more than {MAX_DEPTH} levels deep")
        return
    if isinstance(value, _NotAllowed):
        problems.append(f"{path}: {value.why}")
    elif isinstance(value, str):
        if LONE_SURROGATE.search(value):
            problems.append(
                f"{path}: the text holds an invalid character (a lone \\ud800-style escape)"
            )
        elif control := control_character(value):
            problems.append(f"{path}: the text holds {control}, which no typed text holds")
    elif isinstance(value, dict):
        for key, item in value.items():
            if LONE_SURROGATE.search(key):
                problems.append(f"{path}: a key holds an invalid character (a lone surrogate)")
            _walk(item, f"{path}.{key}" if path else key, depth + 1, problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]", depth + 1, problems)


def load_json_file(path: Path, what: str) -> Any:
    """Read a JSON file; every problem names the file and its line and column or JSON path."""
    refuse_special_file(path)
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise ValidationError(
                f"{path.name}: the {what} is {path.stat().st_size / 1e6:,.0f} MB, far larger than "
                "any policy or catalog bundle; it is not one."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read the {what} {path}: {exc.strerror or exc}.") from exc
    encoding = text_encoding_problem(raw)
    if encoding is not None:
        raise ValidationError(
            f"{path.name}: the {what} is saved as {encoding}; save it as UTF-8 and import it again."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"{path.name}: the {what} is not UTF-8 text (byte {exc.start + 1} is not valid)."
        ) from exc
    try:
        data = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{path.name}, line {exc.lineno}, column {exc.colno}: the {what} is not valid JSON "
            f"({exc.msg})."
        ) from exc
    except RecursionError as exc:
        raise ValidationError(
            f"{path.name}: the {what} is nested far too deeply (more than {MAX_DEPTH} levels); "
            "the file is damaged."
        ) from exc
    problems: list[str] = []
    _walk(data, "", 0, problems)
    if problems:
        raise ValidationError(
            f"{path.name}: the {what} was not imported; nothing changed:",
            problems,
            nothing_changed=True,
        )
    return data
