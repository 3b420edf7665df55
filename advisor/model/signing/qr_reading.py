"""QR codes read back from a scan or a photo (zxing-cpp, a maintained decoder), for verifying a
paper letter offline."""

from __future__ import annotations

import io

MAX_PIXELS = 80_000_000  # a 600-dpi A4 scan is ~35 MP; refuse decompression bombs early


def qr_texts_in_image(data: bytes) -> list[str]:
    """The text of every QR code found in the image (PNG, JPEG, …); ValueError if it is not an
    image. An image with no readable code gives an empty list."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise ValueError(f"the image is too large ({opened.width}×{opened.height} pixels)")
            image = opened.convert("L")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValueError("it is not an image Sanad can read (PNG or JPEG)") from exc
    found = zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    )
    return [code.text for code in found if code.valid and code.text]
