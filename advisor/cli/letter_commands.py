"""`letter issue | reprint | batch | verify | revoke | list | history`: the letter register."""

from __future__ import annotations

import argparse
import signal
import sys
from datetime import date
from pathlib import Path

from advisor.cli.context import CommandContext
from advisor.cli.key_passphrase import add_key_file_option, unlock_signing_key
from advisor.cli.report_commands import pdf_target
from advisor.model.errors import ValidationError
from advisor.model.services.letter_verification import VERDICT_WORDS, Verification


def register(commands: argparse._SubParsersAction) -> None:
    letter = commands.add_parser("letter", help="credit-eligibility letters and their register")
    sub = letter.add_subparsers(dest="letter_command", metavar="ACTION", required=True)

    issue = sub.add_parser("issue", help="issue a numbered letter for a student's verified credits")
    issue.add_argument("roll_no")
    issue.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    add_key_file_option(issue)
    issue.set_defaults(handler=issue_letter)

    reprint = sub.add_parser("reprint", help="print a registered letter again, marked DUPLICATE")
    reprint.add_argument("reference")
    reprint.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    add_key_file_option(reprint)
    reprint.set_defaults(handler=reprint_letter)

    batch = sub.add_parser(
        "batch", help="issue letters to a cohort: one PDF, or one file per student"
    )
    batch.add_argument("--degree", metavar="CODE")
    batch.add_argument("--intake", metavar="TEXT", help="e.g. 'Fall 2023' or '2023'")
    batch.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.pdf|DIR",
        help="a .pdf file for the printer, or a folder for one file per student",
    )
    batch.add_argument(
        "--resume",
        action="store_true",
        help="print, as originals, the letters of a batch into FILE.pdf that stopped before its "
        "PDF was written",
    )
    add_key_file_option(batch)
    batch.set_defaults(handler=batch_letters)

    verify = sub.add_parser(
        "verify",
        help="is a letter genuine? (exit 0 valid, 1 otherwise)",
        description="Check a letter from its printed code, the text of its QR code, a scan or "
        "photo of it, or its PDF.",
    )
    verify.add_argument("code", nargs="?", metavar="CODE_OR_QR_TEXT")
    verify.add_argument("--image", type=Path, metavar="FILE", help="a scan or photo (PNG, JPEG)")
    verify.add_argument("--pdf", type=Path, metavar="FILE", help="a letter PDF Sanad wrote")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=verify_letter)

    revocations = sub.add_parser("revocations", help="the signed list of revoked letters")
    rsub = revocations.add_subparsers(dest="revocations_command", metavar="ACTION", required=True)
    export = rsub.add_parser("export", help="write the signed list for other offices")
    export.add_argument("file", type=Path, metavar="FILE")
    add_key_file_option(export)
    export.set_defaults(handler=export_revocations)

    revoke = sub.add_parser(
        "revoke", help="revoke a letter (the register keeps it, with the reason)"
    )
    revoke.add_argument("reference")
    revoke.add_argument("--reason", required=True, metavar="TEXT")
    revoke.set_defaults(handler=revoke_letter)

    lst = sub.add_parser("list", help="the register of issued letters")
    lst.add_argument("--roll-no", metavar="ROLL_NO")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_letters)

    history = sub.add_parser("history", help="a letter's events: issued, duplicates, revoked")
    history.add_argument("reference")
    history.set_defaults(handler=letter_history)


def issue_letter(args: argparse.Namespace, ctx: CommandContext) -> int:
    target = pdf_target(args.output)
    unlock_signing_key(args, ctx)
    issued = ctx.services().letters.issue(args.roll_no, today=date.today(), output=target)
    r = issued.record
    ctx.print(
        f"Letter {r.reference} issued to {r.roll_no} ({r.name}) for {r.credits} credit hours; "
        f"verification code {r.code}; written to {target}."
    )
    return 0


def reprint_letter(args: argparse.Namespace, ctx: CommandContext) -> int:
    target = pdf_target(args.output)
    unlock_signing_key(args, ctx)
    copy = ctx.services().letters.reprint(args.reference, output=target)
    ctx.print(
        f"Duplicate {copy.record.duplicate_count} of {copy.record.reference} written to {target}."
    )
    return 0


def batch_letters(args: argparse.Namespace, ctx: CommandContext) -> int:
    per_student = args.output.suffix.lower() != ".pdf"
    if not per_student and not args.output.parent.exists():
        raise ValidationError(f"The folder {args.output.parent} does not exist.")
    from advisor.model.services.letter_service import StopFlag

    unlock_signing_key(args, ctx)
    if args.resume:
        resumed = ctx.services().letters.resume_batch(args.output)
        ctx.print(
            f"{len(resumed.issued)} letter(s) of the stopped batch printed as originals to "
            f"{args.output}."
            if resumed.issued
            else "The stopped batch had registered no letter."
        )
        return 0
    stop = StopFlag()

    def show(done: int, total: int, message: str) -> None:
        if sys.stderr.isatty():  # a live counter for a person; nothing in a log or a pipe
            print(f"\r[{done}/{total}] {message:<60}", end="", file=sys.stderr, flush=True)

    # Ctrl-C (or a SIGTERM, as a service manager or `kill` sends) stops between letters: every
    # letter issued so far stays registered and is printed.
    previous = signal.signal(signal.SIGINT, lambda *_: stop.cancel())
    previous_term = signal.signal(signal.SIGTERM, lambda *_: stop.cancel())
    try:
        result = ctx.services().letters.issue_batch(
            degree=args.degree,
            intake=args.intake,
            today=date.today(),
            output=args.output,
            per_student=per_student,
            progress=show,
            cancel=stop,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, previous_term)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    if result.cancelled:
        ctx.print(
            f"Stopped after {len(result.issued) + len(result.skipped)} of {result.total} students."
        )
    for record in result.issued:
        ctx.print(
            f"  {record.reference}  {record.roll_no:<16} {record.credits:>3} credit hours  "
            f"{record.code}"
        )
    for skip in result.skipped:
        ctx.print(f"  skipped {skip.roll_no:<16} {skip.name}: {skip.reason}")
    where = f"{len(result.files)} file(s) in {args.output}" if per_student else str(args.output)
    ctx.print(
        f"{len(result.issued)} letter(s) issued, {len(result.skipped)} student(s) skipped"
        + (f"; written to {where}." if result.files else "; nothing to print.")
    )
    return 0


def verify_letter(args: argparse.Namespace, ctx: CommandContext) -> int:
    given = [x for x in (args.code, args.image, args.pdf) if x is not None]
    if len(given) != 1:
        raise ValidationError(
            "Give one thing to check: CODE_OR_QR_TEXT, --image FILE or --pdf FILE."
        )
    letters = ctx.services().letters
    pdf_signature: bool | None = None
    if args.image is not None:
        answers = letters.verify_image(read_input(args.image), name=args.image.name)
    elif args.pdf is not None:
        checked = letters.verify_pdf(read_input(args.pdf), name=args.pdf.name)
        answers, pdf_signature = list(checked.letters), checked.pdf_signature
    else:
        answers = [letters.verify(args.code)]
    if args.json:
        shown = [verification_json(v) for v in answers]
        ctx.print_json(
            shown[0]
            if len(shown) == 1 and args.pdf is None
            else {"pdf_signature": pdf_signature, "letters": shown}
            if args.pdf
            else shown
        )
    else:
        for v in answers:
            print_verification(ctx, v)
        if args.pdf is not None:
            ctx.print(PDF_SIGNATURE_TEXT[pdf_signature])
    # every letter PDF Sanad writes is signed: one without a signature was made again by
    # something else, so what it prints is not covered (its sealed facts above still are)
    genuine = all(v.status == "valid" for v in answers) and (
        args.pdf is None or pdf_signature is True
    )
    return 0 if genuine else 1


PDF_SIGNATURE_TEXT = {
    True: "PDF signature: intact, by a trusted institution key.",
    False: "PDF signature: BROKEN or untrusted — the file was changed after it was signed, or "
    "another key signed it.",
    None: "PDF signature: NONE — every letter PDF Sanad writes is signed, so this file was made "
    "again (printed to PDF, edited or re-saved): trust only the sealed facts shown above.",
}


def read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"There is no file {path}.") from exc
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror}.") from exc


def verification_json(v: Verification) -> dict[str, object]:
    return {
        "status": v.status,
        "message": v.message,
        "reference": v.reference,
        "roll_no": v.roll_no,
        "name": v.name,
        "credits": v.credits,
        "issued_on": v.issued_on,
        "institution": v.institution,
        "fingerprint": v.fingerprint,
        "register": v.register,
        "lines": [
            {
                "program": x.program,
                "provider": x.provider,
                "completed_on": x.completed_on,
                "certificate": x.certificate,
                "slot": x.slot,
                "credits": x.credits,
            }
            for x in v.lines
        ],
    }


def print_verification(ctx: CommandContext, v: Verification) -> None:
    ctx.print(f"{VERDICT_WORDS[v.status]}: {v.message}")
    if v.reference and v.credits is not None:
        parent = f", {v.father_name}" if v.father_name else ""
        ctx.print(
            f"  {v.reference}  {v.roll_no} ({v.name}{parent})  {v.degree or ''}  "
            f"{v.credits} credit hours, issued {v.issued_on}"
        )
        for line in v.lines:
            ctx.print(
                f"    {line.program} ({line.provider})  {line.slot}  {line.credits} ch  "
                f"certificate {line.certificate or '-'}"
            )


def export_revocations(args: argparse.Namespace, ctx: CommandContext) -> int:
    unlock_signing_key(args, ctx)
    count = ctx.services().trust.export_revocations(args.file)
    ctx.print(f"Wrote the signed list of {count} revoked letter(s) to {args.file}.")
    return 0


def revoke_letter(args: argparse.Namespace, ctx: CommandContext) -> int:
    r = ctx.services().letters.revoke(args.reference, reason=args.reason)
    ctx.print(f"Letter {r.reference} ({r.roll_no}) revoked; the register keeps it with the reason.")
    return 0


def list_letters(args: argparse.Namespace, ctx: CommandContext) -> int:
    rows = ctx.services().letters.list(roll_no=args.roll_no)
    if args.json:
        ctx.print_json(
            [
                {
                    "reference": r.reference,
                    "roll_no": r.roll_no,
                    "name": r.name,
                    "issued_on": r.issued_on,
                    "credits": r.credits,
                    "status": r.status,
                    "code": r.code,
                    "duplicates": r.duplicate_count,
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        dup = f"  {r.duplicate_count} duplicate(s)" if r.duplicate_count else ""
        ctx.print(
            f"{r.reference:<24} {r.issued_on}  {r.roll_no:<16} {r.credits:>3} ch  "
            f"{r.status:<8} {r.code}{dup}"
        )
    ctx.print(f"{len(rows)} letter(s).")
    return 0


def letter_history(args: argparse.Namespace, ctx: CommandContext) -> int:
    for kind, at, by, note in ctx.services().letters.history(args.reference):
        ctx.print(f"{at}  {kind:<10} {by:<12} {note}")
    return 0
