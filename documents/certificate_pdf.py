"""Certificates as PDF: A4 portrait, one certificate on one page (a long subsidy table continues
on further pages), many certificates in one document.

A page: a thin double border; the copy mark top left on a reprint and the number top right; the
issuing centre in red over a red double rule, the title; the text in formal wording (2 characters
of indent, justified); a subsidy's table; at the bottom of the last page, the QR code on the
left with how to verify it under it and, on the right, the issuer and the date under a dashed
circle left for the seal. A revoked certificate carries a diagonal watermark on every page;
one printed from a demo database, the demo's mark (documents/demo_mark.py).

A certificate is laid out first (certificate_layout.py) so it knows its page count, then drawn.
"""

from collections.abc import Iterable
from io import BytesIO
from typing import NamedTuple

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from db.certificates.content import PrintedCertificate
from documents import certificate_layout as layout
from documents.certificate_layout import MM, Line, Page, Row
from documents.certificate_texts import Wording, wording
from documents.demo_mark import draw_demo_mark
from documents.fonts import REGULAR, register_fonts, text_width
from documents.qr import draw_qr, qr_version

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT, RIGHT = layout.LEFT, PAGE_WIDTH - layout.LEFT
RED = (0.72, 0.08, 0.08)
GREY = (0.45, 0.45, 0.45)
QR_SIZE = 35 * MM
SEAL_RADIUS = 20 * MM
SEAL_CENTRE_Y = 40 * MM

# Page streams are compressed; reportlab would also wrap them in ASCII85 (a text-safe PDF) with
# a pure-Python encoder that costs about 1.5 ms a page. Binary streams are standard and smaller.
rl_config.useA85 = 0


def _fit(text: str, size: float, width: float) -> float:
    """`size`, made smaller if `text` would be wider than `width`."""
    natural = text_width(text, size)
    return size if natural <= width else size * width / natural


class LaidOut(NamedTuple):
    cert: PrintedCertificate
    words: Wording
    pages: list[Page]


class CertificateBook:
    """One PDF that certificates are added to as they are issued (a batch prints as one
    document); `finish()` gives its bytes. An empty book gives b"" (nothing to print).
    `demo`: printed from a demo database, every page says so."""

    def __init__(self, *, language: str = "zh_CN", demo: bool = False) -> None:
        register_fonts()
        self.language, self.demo = language, demo
        self._buffer = BytesIO()
        self._canvas = Canvas(self._buffer, pagesize=A4, pageCompression=1,
                              initialFontName=REGULAR, initialFontSize=14)
        self._canvas.setCreator("Zone Desk")
        self._canvas.setTitle("证明书" if language == "zh_CN" else "Certificates")
        self._pages = 0
        self._certificates = 0
        self._result: bytes | None = None

    @property
    def pages(self) -> int:
        return self._pages

    @property
    def certificates(self) -> int:
        return self._certificates

    def add(self, cert: PrintedCertificate) -> int:
        """Draw `cert` on new pages; returns how many pages it took. ValueError (nothing drawn)
        when a fact its wording needs is missing, its lines do not add up to its amount, or its
        code is too long for a QR code on paper."""
        return self.draw(self.lay_out(cert))

    def lay_out(self, cert: PrintedCertificate) -> "LaidOut":
        """`cert` laid out, to be drawn next (`draw`): what add() refuses is refused here."""
        words = wording(cert, self.language)
        pages = layout.paginate(cert, words, self.language)
        qr_version(cert.qr_text)  # a code too long is refused before anything is drawn
        return LaidOut(cert, words, pages)

    def draw(self, laid_out: "LaidOut") -> int:
        """Draw a certificate laid out by lay_out() on new pages; returns how many it took."""
        if self._result is not None:
            raise RuntimeError("the book is finished: start another one")
        cert, words, pages = laid_out
        for page in pages:
            _draw_page(self._canvas, cert, words, page, len(pages))
            if self.demo:
                draw_demo_mark(self._canvas, language=self.language)
            self._canvas.showPage()
        self._pages += len(pages)
        self._certificates += 1
        return len(pages)

    def finish(self) -> bytes:
        if self._result is None:
            if self._pages:
                self._canvas.save()
                self._result = self._buffer.getvalue()
            else:
                self._result = b""
        return self._result


def render_certificates(certificates: Iterable[PrintedCertificate], *,
                        language: str = "zh_CN", demo: bool = False) -> bytes:
    """All `certificates` in one PDF, in order (`demo`: marked as printed from a demo)."""
    book = CertificateBook(language=language, demo=demo)
    for cert in certificates:
        book.add(cert)
    return book.finish()


def _draw_page(canvas: Canvas, cert: PrintedCertificate, words: Wording, page: Page,
               page_count: int) -> None:
    _draw_border(canvas)
    _draw_top_line(canvas, words)
    if page.number == 1:
        _draw_heading(canvas, words)
    else:
        canvas.setFont(REGULAR, 16)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 33 * MM,
                                 words.title + words.continued)
    for line, top in page.items:
        if isinstance(line, Line):  # a Gap only takes room
            _draw_line(canvas, line, top)
    rows = [(item, top) for item, top in page.items if isinstance(item, Row)]
    if rows:
        _draw_table(canvas, rows)
    if page.number == page_count:
        _draw_verification(canvas, cert, words)
        _draw_seal_block(canvas, words)
    if page_count > 1:
        canvas.setFont(REGULAR, 9)
        canvas.drawRightString(RIGHT, 14 * MM, words.page.format(page=page.number,
                                                                 pages=page_count))
    if cert.revoked:
        _draw_watermark(canvas, words.revoked_watermark)


def _draw_border(canvas: Canvas) -> None:
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(1.0)
    canvas.rect(10 * MM, 10 * MM, PAGE_WIDTH - 20 * MM, PAGE_HEIGHT - 20 * MM)
    canvas.setLineWidth(0.4)
    canvas.rect(11.4 * MM, 11.4 * MM, PAGE_WIDTH - 22.8 * MM, PAGE_HEIGHT - 22.8 * MM)
    canvas.setStrokeColorRGB(0, 0, 0)


def _draw_top_line(canvas: Canvas, words: Wording) -> None:
    baseline = PAGE_HEIGHT - 20 * MM
    canvas.setFont(REGULAR, 10.5)
    canvas.drawRightString(RIGHT, baseline, words.serial)
    if words.copy_mark:
        width = text_width(words.copy_mark, 11)
        canvas.setStrokeColorRGB(*RED)
        canvas.setFillColorRGB(*RED)
        canvas.setLineWidth(0.8)
        canvas.roundRect(LEFT - 2 * MM, baseline - 2 * MM, width + 4 * MM, 6.5 * MM, 1 * MM)
        canvas.setFont(REGULAR, 11)
        canvas.drawString(LEFT, baseline, words.copy_mark)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setStrokeColorRGB(0, 0, 0)


def draw_letterhead(canvas: Canvas, issuer: str) -> None:
    """The issuing office's name in red over a red double rule, as on official documents
    (the certificates and the audit chain-head statement)."""
    canvas.setFillColorRGB(*RED)
    canvas.setFont(REGULAR, _fit(issuer, 20, RIGHT - LEFT))
    canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 35 * MM, issuer)
    canvas.setStrokeColorRGB(*RED)
    canvas.setLineWidth(1.6)
    canvas.line(LEFT, PAGE_HEIGHT - 40 * MM, RIGHT, PAGE_HEIGHT - 40 * MM)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, PAGE_HEIGHT - 41 * MM, RIGHT, PAGE_HEIGHT - 41 * MM)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)


def _draw_heading(canvas: Canvas, words: Wording) -> None:
    width = RIGHT - LEFT
    draw_letterhead(canvas, words.issuer)
    _draw_bold_centred(canvas, words.title, PAGE_HEIGHT - 56 * MM, 24, width)
    if words.revoked_notice:
        canvas.setFillColorRGB(*RED)
        canvas.setFont(REGULAR, 13)
        canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 64 * MM, words.revoked_notice)
        canvas.setFillColorRGB(0, 0, 0)


def _draw_bold_centred(canvas: Canvas, text: str, baseline: float, size: float,
                       width: float) -> None:
    """The collection has no bold face: fill and stroke the outlines (render mode 2)."""
    # 入 驻 证 明: a short title is spaced out, as such titles are set
    spacing = size * (0.5 if len(text) <= 5 else 0.25 if len(text) <= 8 else 0.0)
    size = _fit(text, size, width - spacing * len(text))
    natural = text_width(text, size) + spacing * (len(text) - 1)
    canvas.saveState()  # the render mode and the char spacing stay in the graphics state
    canvas.setLineWidth(size / 40)
    text_object = canvas.beginText(PAGE_WIDTH / 2 - natural / 2, baseline)
    text_object.setFont(REGULAR, size)
    text_object.setCharSpace(spacing)
    text_object.setTextRenderMode(2)
    text_object.textOut(text)
    canvas.drawText(text_object)
    canvas.restoreState()


def _draw_line(canvas: Canvas, line: Line, top: float) -> None:
    baseline = top - line.height / 2 - line.size * 0.36
    if len(line.segments) == 1:
        canvas.setFont(REGULAR, line.size)
        text, spacing = line.segments[0]
        canvas.drawString(LEFT + line.indent, baseline, text, charSpace=spacing)
        return
    text_object = canvas.beginText(LEFT + line.indent, baseline)
    text_object.setFont(REGULAR, line.size)
    for text, spacing in line.segments:
        text_object.setCharSpace(spacing)
        text_object.textOut(text)
    text_object.setCharSpace(0)  # the spacing stays in the graphics state otherwise
    canvas.drawText(text_object)


def _draw_table(canvas: Canvas, rows: list[tuple[Row, float]]) -> None:
    """The rows of a table on one page: one text object for every cell and one path for each
    weight of rule (a year's table has 300 cells; each drawn alone costs ten times more)."""
    edges = layout.column_edges()
    first, first_top = rows[0]
    bottom = rows[-1][1] - rows[-1][0].height
    if first.header:
        canvas.setFillColorRGB(0.9, 0.9, 0.9)
        canvas.rect(LEFT, first_top - first.height, RIGHT - LEFT, first.height, stroke=0, fill=1)
        canvas.setFillColorRGB(0, 0, 0)
    cells = canvas.beginText()
    cells.setFont(REGULAR, first.size)
    font_size = first.size
    for row, top in rows:
        baseline = top - row.height / 2 - row.size * 0.36
        for index, text in enumerate(row.cells):
            if not text:
                continue
            left, right = edges[index], edges[3 if row.total and index == 0 else index + 1]
            size, width = row.size, text_width(text, row.size)
            if width > right - left - 2 * MM:  # shrunk to fit its cell
                size, width = size * (right - left - 2 * MM) / width, right - left - 2 * MM
            if size != font_size:
                cells.setFont(REGULAR, size)
                font_size = size
            amount = index in layout.AMOUNT_COLUMNS and not row.header
            x = right - 1.5 * MM - width if amount else (left + right - width) / 2
            cells.setTextOrigin(x, baseline)
            cells.textOut(text)
    canvas.drawText(cells)
    total_top = next((top for row, top in rows if row.total), bottom)
    thin = [_segment(LEFT, top, RIGHT, top) for row, top in rows[1:]]
    thin += [_segment(x, first_top, x, total_top if n < 2 else bottom)
             for n, x in enumerate(edges[1:-1])]
    canvas.setLineWidth(0.4)
    canvas.addLiteral(" ".join(thin) + " S")
    thick = [_segment(LEFT, first_top, LEFT, bottom), _segment(RIGHT, first_top, RIGHT, bottom),
             _segment(LEFT, bottom, RIGHT, bottom)]
    if first.header:
        thick.append(_segment(LEFT, first_top, RIGHT, first_top))
    canvas.setLineWidth(0.9)
    canvas.addLiteral(" ".join(thick) + " S")


def _segment(x1: float, y1: float, x2: float, y2: float) -> str:
    return f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l"


def _draw_verification(canvas: Canvas, cert: PrintedCertificate, words: Wording) -> None:
    draw_qr(canvas, cert.qr_text, LEFT - 1.5 * MM, 20 * MM, QR_SIZE)
    canvas.setFillColorRGB(*GREY)
    canvas.setFont(REGULAR, _fit(words.verify_hint, 8.5, 95 * MM))
    canvas.drawString(LEFT, 16.5 * MM, words.verify_hint)
    canvas.setFillColorRGB(0, 0, 0)


def _draw_seal_block(canvas: Canvas, words: Wording) -> None:
    room = RIGHT - 4 * MM - (LEFT + QR_SIZE + 10 * MM)
    size = min(_fit(words.issuer, 14, room), _fit(words.issued_on, 14, room))
    block = max(text_width(words.issuer, size),
                text_width(words.issued_on, size))
    centre = min(RIGHT - 4 * MM - block / 2, RIGHT - 4 * MM - SEAL_RADIUS - 6 * MM)
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.setLineWidth(0.6)
    canvas.setDash(3, 2)
    canvas.circle(centre, SEAL_CENTRE_Y, SEAL_RADIUS)
    canvas.setDash()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setFillColorRGB(0.6, 0.6, 0.6)
    canvas.setFont(REGULAR, 10.5)
    canvas.drawCentredString(centre, SEAL_CENTRE_Y + 10 * MM, words.seal)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(REGULAR, size)
    canvas.drawCentredString(centre, SEAL_CENTRE_Y - 1 * MM, words.issuer)
    canvas.drawCentredString(centre, SEAL_CENTRE_Y - 10 * MM, words.issued_on)


def _draw_watermark(canvas: Canvas, text: str) -> None:
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    canvas.setFillColorRGB(*RED)
    canvas.setFillAlpha(0.22)
    size = _fit(text, 110, 150 * MM)
    canvas.setFont(REGULAR, size)
    canvas.drawCentredString(0, -size * 0.35, text, charSpace=size * 0.15)
    canvas.restoreState()

