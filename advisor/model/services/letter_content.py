"""What a letter certifies as one plain JSON value — the content its seal signs — and the letter
printed back from it. A reprint and every verification read this, never the live tables."""

from __future__ import annotations

from datetime import date
from typing import Any

from advisor.reports.documents import Letterhead, LetterLine, Signatory, StudentFacts

FORMAT = "sanad-letter/2"
LEGACY_FORMAT = "sanad-letter/1"  # letters numbered by Sanad 0.1, before the signing key


def sealed_content(
    *,
    reference: str,
    issued_on: date,
    student: StudentFacts,
    policy_year: int | None,
    lines: tuple[LetterLine, ...],
    slugs: tuple[str, ...],
    head: Letterhead,
    supersedes: tuple[str, ...] = (),
) -> dict[str, Any]:
    content: dict[str, Any] = {
        "format": FORMAT,
        "institution": {"code": head.code, "name": head.name, "address": head.address},
        "signatories": [[s.name, s.title] for s in head.signatories],
        "reference": reference,
        "issued_on": issued_on.isoformat(),
        "student": {
            "roll_no": student.roll_no,
            "name": student.name,
            "father_name": student.father_name,
            "gender": student.gender,
            "cnic": student.cnic,
            "degree": student.degree,
            "degree_title": student.degree_title,
            "intake": student.intake,
        },
        "policy_year": policy_year,
        "lines": [
            {
                "program_slug": slug,
                "program": line.program,
                "provider": line.provider,
                "completed_on": line.completed_on.isoformat() if line.completed_on else None,
                "certificate": line.certificate,
                "slot": line.slot,
                "slot_title": line.slot_title,
                "credits": line.credits,
            }
            for slug, line in zip(slugs, lines, strict=True)
        ],
        "total_credits": sum(line.credits for line in lines),
    }
    if supersedes:  # only when there is one: earlier seals keep their exact bytes
        content["supersedes"] = list(supersedes)
    return content


def supersedes_of(content: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(ref) for ref in content.get("supersedes", ()))


def endorsed_content(legacy: dict[str, Any], head: Letterhead, code: str) -> dict[str, Any]:
    """A 0.1 letter's content, countersigned when the key is made: the institution now stands
    behind it, and its old printed code still finds it."""
    return {
        **legacy,
        "format": FORMAT,
        "institution": {"code": head.code, "name": head.name, "address": head.address},
        "signatories": [[s.name, s.title] for s in head.signatories],
        "endorses": code,
    }


class UnreadableContent(ValueError):
    """Signed content that is not a Sanad letter of a format this version reads."""


def student_of(content: dict[str, Any]) -> StudentFacts:
    s = content["student"]
    return StudentFacts(
        str(s["roll_no"]),
        str(s["name"]),
        str(s.get("father_name", "")),
        str(s.get("gender", "")),
        str(s.get("cnic", "")),
        str(s["degree"]),
        str(s.get("degree_title", "")),
        str(s.get("intake", "")),
    )


def lines_of(content: dict[str, Any]) -> tuple[LetterLine, ...]:
    return tuple(
        LetterLine(
            str(line["program"]),
            str(line["provider"]),
            date.fromisoformat(line["completed_on"]) if line.get("completed_on") else None,
            str(line.get("certificate", "")),
            str(line["slot"]),
            str(line.get("slot_title", "")),
            int(line["credits"]),
        )
        for line in content["lines"]
    )


def letterhead_of(content: dict[str, Any], logo: bytes | None = None) -> Letterhead | None:
    """The institution and signatories as sealed (None for a 0.1 letter, which sealed neither)."""
    institution = content.get("institution")
    if not isinstance(institution, dict):
        return None
    return Letterhead(
        str(institution["name"]),
        str(institution.get("address", "")),
        logo,
        tuple(Signatory(str(name), str(title)) for name, title in content.get("signatories", [])),
        str(institution.get("code", "")),
    )


def check_readable(content: dict[str, Any]) -> None:
    """Raise UnreadableContent unless every field a letter prints is there with its type."""
    if content.get("format") not in (FORMAT, LEGACY_FORMAT):
        raise UnreadableContent("the sealed content is not a Sanad letter")
    try:
        student_of(content)
        lines_of(content)
        date.fromisoformat(content["issued_on"])
        str(content["reference"])
        int(content["total_credits"])
    except (KeyError, TypeError, ValueError) as exc:
        raise UnreadableContent(f"the sealed letter lacks a field ({exc})") from exc
