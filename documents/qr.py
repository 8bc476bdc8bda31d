"""The QR code on a certificate: the signed code (db/certificates/code.py), error correction M, at
most version 20 (97 modules a side) so that a phone reads it from 30–35 mm of paper.

Drawn as ONE filled path of horizontal runs of dark modules, on a white square that includes the
4-module quiet zone: one path has no seams between modules when a viewer anti-aliases, and it
keeps a page small and fast.

Encoded by zxing-cpp's writer (C++, about 2 ms a code with the best of the eight masks chosen
as the standard asks); a pure-Python encoder took 7–12 ms a code even with a fixed mask, a third
of the time of a batch of 1,000 certificates. The same library's reader checks printed pages in
the tests.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import zxingcpp
from reportlab.pdfgen.canvas import Canvas

MAX_VERSION = 20
QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks
_DARK_RUN = re.compile(b"\x00+")  # runs of dark modules in zxing's image (0 = dark)
_span = re.Match.span
# the figures of a run's start and length and a row's number, written once: a code has some
# 1,500 runs, and formatting their numbers anew took a third of the time of drawing them
_NUMBER = tuple(str(n) for n in range(4 * MAX_VERSION + 18))
_ROW = tuple(f" {n} " for n in range(4 * MAX_VERSION + 18))


@dataclass(frozen=True)
class Symbol:
    version: int
    side: int  # modules a side, the quiet zone left out
    pixels: bytes  # row after row, one byte a module: 0 = dark, 255 = light

    @property
    def matrix(self) -> tuple[bytes, ...]:
        """Rows of modules, 1 = dark."""
        dark = bytes.maketrans(b"\x00\xff", b"\x01\x00")
        side = self.side
        return tuple(self.pixels[row * side:(row + 1) * side].translate(dark)
                     for row in range(side))


# qr_version() when a certificate is laid out, then draw_qr(): one encoding (the batch dialog
# lays out a chunk of 25 before it draws them)
@lru_cache(maxsize=64)
def _symbol(text: str) -> Symbol:
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)  # one pixel a module, 0 = dark
    side = image.shape[0]
    version = (side - 17) // 4
    if version > MAX_VERSION:
        raise ValueError(f"the text needs a version {version} QR code; at most "
                         f"{MAX_VERSION} is printed ({len(text)} characters)")
    return Symbol(version, side, bytes(memoryview(image)))


def qr_version(text: str) -> int:
    """The QR version `text` is printed with (1–20); ValueError when it would need more."""
    return _symbol(text).version


def _runs(symbol: Symbol) -> str:
    """The path of the dark modules: "start row length 1 re" for each run of a row."""
    side, pixels, number, finditer = symbol.side, symbol.pixels, _NUMBER, _DARK_RUN.finditer
    runs: list[str] = []
    for row in range(side):
        first, middle = row * side, _ROW[row]
        runs += [number[start - first] + middle + number[end - start]
                 for start, end in map(_span, finditer(pixels, first, first + side))]
    return " 1 re ".join(runs) + " 1 re f" if runs else " f"


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size_pt: float) -> None:
    """Draw `text` as a QR code whose square, quiet zone included, has its lower left corner at
    (x, y) and sides of `size_pt` points."""
    symbol = _symbol(text)
    side = symbol.side + 2 * QUIET_ZONE
    module = size_pt / side
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size_pt, size_pt, stroke=0, fill=1)
    # module coordinates: origin at the symbol's top left corner, y growing downwards
    canvas.translate(x + QUIET_ZONE * module, y + size_pt - QUIET_ZONE * module)
    canvas.scale(module, -module)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral(_runs(symbol))  # one path, filled once
    canvas.restoreState()
