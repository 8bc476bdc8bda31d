"""Which characters a certificate can print: the embedded font has no glyph for some rare
characters (an extension-B ideograph in a firm's name, say), and a certificate must never print
a blank where a name should be. Services call `unprintable()` before issuing and refuse with a
clear message instead.

The font is the one documents/ embeds (resources/fonts, face 0 of the collection); its
character map is read once per process with reportlab's TrueType reader (no drawing here).
"""

from functools import cache

from reportlab.pdfbase.ttfonts import TTFontFile

from db.bundle import resource_path

FONT_FILE = "wqy-microhei.ttc"  # TrueType collection; face 0 is the regular face
FONT_FACE_INDEX = 0


@cache
def _printable_code_points() -> frozenset[int]:
    face = TTFontFile(str(resource_path("fonts", FONT_FILE)), subfontIndex=FONT_FACE_INDEX)
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


def _ignored(char: str) -> bool:
    return char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` the certificate font cannot draw, in the order they
    first occur; whitespace and control characters are not counted. [] when all print."""
    printable = _printable_code_points()
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) not in printable and not _ignored(char):
            missing.setdefault(char, None)
    return list(missing)
