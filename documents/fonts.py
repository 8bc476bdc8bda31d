"""The embedded font of every printed document: WenQuanYi Micro Hei (resources/fonts, Apache-2.0),
a TrueType collection whose face 0 is the regular face. Registered with reportlab once per
process; reportlab embeds only the glyphs a document uses (a subset), so a PDF stays small.

The collection has no bold face: titles are drawn filled and outlined (see `certificate_pdf`),
as word processors embolden a font that has no bold.
"""

from threading import Lock

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from db.bundle import resource_path
from db.certificates.printable import FONT_FACE_INDEX, FONT_FILE

REGULAR = "ZoneDeskSans"  # the name documents use in setFont()

_lock = Lock()


class _Advances(dict[str, float]):
    """Advance width of each character at 1 pt, read from the face the first time it is asked
    for (what reportlab's stringWidth computes, without its layers: layout measures a lot)."""

    def __init__(self, font: TTFont) -> None:
        super().__init__()
        self._widths = font.face.charWidths
        self._default = font.face.defaultWidth

    def __missing__(self, char: str) -> float:
        width = self[char] = self._widths.get(ord(char), self._default) / 1000
        return width


_advances: _Advances | None = None


def register_fonts() -> None:
    """Make REGULAR known to reportlab; reads the font file the first time only."""
    global _advances
    if _advances is not None:
        return
    with _lock:
        if _advances is None:
            path = resource_path("fonts", FONT_FILE)
            font = TTFont(REGULAR, str(path), subfontIndex=FONT_FACE_INDEX)
            pdfmetrics.registerFont(font)
            _advances = _Advances(font)


def text_width(text: str, size: float) -> float:
    """Width in points of `text` set in REGULAR at `size`."""
    if _advances is None:
        register_fonts()
    return size * sum(map(_advances.__getitem__, text))
