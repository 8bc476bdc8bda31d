"""The mark of a printout made from a demo database (db/queries/demo_data.py): on every page a
line at the top edge, 演示数据 and that it is for training only, and the word 演示数据 twice
across the page on a light diagonal, so that no page of made-up data passes for a real one,
whether it is cut, copied or photographed. Certificates, reports and the audit statement draw it
on each of their pages; workbooks carry it in their sheets' names and printed headers.
"""

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from db.first_look import DEMO_DATA
from documents.fonts import REGULAR, register_fonts, text_width

TOP_LINE = "演示数据 · 仅供培训使用，不是正式文件"
TOP_LINE_EN = "演示数据 DEMO DATA · for training only, not an official document"
RED = (0.72, 0.08, 0.08)
WATERMARK_PT = 72


def draw_demo_mark(canvas: Canvas, *, language: str = "zh_CN",
                   page_size: tuple[float, float] = A4) -> None:
    """The demo's mark on the page being drawn (its graphics state is left as it was)."""
    register_fonts()
    width, height = page_size
    line = TOP_LINE if language == "zh_CN" else TOP_LINE_EN
    canvas.saveState()
    canvas.setFillColorRGB(*RED)
    size = min(9.0, 9.0 * (width - 30 * mm) / text_width(line, 9.0))
    canvas.setFont(REGULAR, size)
    canvas.drawCentredString(width / 2, height - 7 * mm, line)
    canvas.setFillColorRGB(0.5, 0.5, 0.5)
    canvas.setFillAlpha(0.16)
    canvas.setFont(REGULAR, WATERMARK_PT)
    for y in (height * 0.72, height * 0.28):  # clear of the middle, where a revoked mark goes
        canvas.saveState()
        canvas.translate(width / 2, y)
        canvas.rotate(30)
        canvas.drawCentredString(0, -WATERMARK_PT * 0.35, DEMO_DATA,
                                 charSpace=WATERMARK_PT * 0.2)
        canvas.restoreState()
    canvas.restoreState()


def mark_workbook(book: Workbook) -> None:
    """Every sheet of `book` named … （演示数据） and printed under a red 演示数据 header."""
    for ws in book.worksheets:
        ws.title = f"{ws.title}（{DEMO_DATA}）"[:31]
        for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            header.center.text = TOP_LINE
            header.center.color = "B81414"
    book.properties.title = f"{book.properties.title or ''}{DEMO_DATA}"
    book.properties.keywords = DEMO_DATA
