"""Draws the program's icon (a blue tile with 园 in the bundled font over a red band) at the
sizes the hicolor theme and Windows want: resources/icons/hicolor/NxN/apps/zonedesk.png and
resources/icons/zonedesk.ico. Run again only when the icon changes; the files are committed."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter  # noqa: E402

from db.bundle import resource_path  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256)
ICONS = resource_path("icons")


def draw(size: int, family: str) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = max(1.0, size / 32)
    tile = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1f4e8c"))
    painter.drawRoundedRect(tile, size * 0.18, size * 0.18)
    band = QRectF(tile.left(), tile.bottom() - tile.height() * 0.2, tile.width(), tile.height() * 0.2)
    painter.setClipRect(band)
    painter.setBrush(QColor("#c8102e"))
    painter.drawRoundedRect(tile, size * 0.18, size * 0.18)
    painter.setClipping(False)
    font = QFont(family)
    font.setPixelSize(round(size * 0.62))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(tile.left(), tile.top(), tile.width(), tile.height() * 0.84),
                     Qt.AlignmentFlag.AlignCenter, "园")
    painter.end()
    return image


def main() -> None:
    QGuiApplication([])
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    pngs = []
    for size in SIZES:
        folder = ICONS / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "zonedesk.png"
        draw(size, family).save(str(path))
        pngs.append(path)
    largest = Image.open(pngs[-1])
    largest.save(ICONS / "zonedesk.ico", sizes=[(s, s) for s in SIZES])
    print(f"{len(SIZES)} sizes and zonedesk.ico in {ICONS}")


if __name__ == "__main__":
    main()
