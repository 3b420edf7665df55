"""PDF digital signatures (PAdES baseline, by pyHanko) with the institution key, so that a PDF
reader shows the letter as signed and any change to the file breaks it; and the letters' seals
read back out of a PDF (each letter page carries its seal in a hidden annotation)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from advisor.model.signing.sealed_text import PREFIX

FIELD_NAME = "SanadInstitutionSignature"


def sign_pdf(
    pdf: bytes, key: ec.EllipticCurvePrivateKey, certificate_der: bytes, *, reason: str
) -> bytes:
    """The PDF with an incremental PAdES signature by the key, carrying its certificate."""
    from asn1crypto import keys, x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    certificate = x509.Certificate.load(certificate_der)
    clear = key.private_bytes(  # in memory only, for the signer's one use
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=keys.PrivateKeyInfo.load(clear),
        cert_registry=SimpleCertificateStore.from_certs([certificate]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    signed = signers.sign_pdf(writer, meta, signer=signer)
    return bytes(signed.getbuffer())


def pdf_signature_intact(pdf: bytes, trusted_public_keys: set[bytes]) -> bool | None:
    """True when the PDF carries a signature, by one of these public keys (SubjectPublicKeyInfo
    DER), that still covers the whole file unchanged; False when the file was changed after
    signing or the signer is not trusted; None when the PDF carries no signature at all."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    if not reader.embedded_signatures:
        return None
    for signature in reader.embedded_signatures:
        certificate = signature.signer_cert
        if certificate.public_key.dump() not in trusted_public_keys:
            continue
        context = ValidationContext(trust_roots=[certificate], allow_fetching=False)
        status = validate_pdf_signature(signature, context)
        if (
            status.intact
            and status.valid
            and status.coverage is not None
            and (status.coverage.name == "ENTIRE_FILE")
        ):
            return True
    return False


def seals_in_pdf(pdf: bytes) -> list[str]:
    """Each letter's seal text, in page order (ValueError if the bytes are not a PDF)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        found: list[str] = []
        for page in _pages(reader.root["/Pages"]):
            for annotation in page.get("/Annots", ()):
                text = str(annotation.get_object().get("/Contents", ""))
                if text.startswith(PREFIX) and text not in found:
                    found.append(text)
        return found
    except (PdfError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError("it is not a PDF Sanad can read") from exc


def _pages(node: Any, depth: int = 0) -> Iterator[Any]:
    """The page dictionaries under a page-tree node, in order (a malformed tree ends early)."""
    node = node.get_object()
    if node.get("/Type") == "/Page":
        yield node
    elif depth < 32:  # the tree of a 1,000-letter batch is a few levels deep
        for kid in node.get("/Kids", ()):
            yield from _pages(kid, depth + 1)
