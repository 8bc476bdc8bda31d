"""Printing a PDF made by documents/ on a QPrinter (a real printer, or a PDF file in tests).

Qt draws no PDF on a printer by itself: each page is rendered with QtPdf to an image at the
printer's resolution (at most MAX_DPI, enough for text and QR codes at a fraction of the memory
of 1200 dpi) and painted on the paper at its true size. QtPdf renders onto a transparent image;
it is flattened onto white first, so that no printer driver or PDF viewer shows a dark page.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


class PrintingError(RuntimeError):
    """The document could not be read, or the printer refused to start."""


def load_pdf(pdf: bytes, parent: object = None) -> tuple[QPdfDocument, QBuffer]:
    """The document read from memory; keep the buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintingError(f"the PDF could not be read ({document.error().name})")
    return document, buffer


def page_on_white(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """The page as an opaque image at `dpi`."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def fitted(target: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of the page's proportions inside `target`, centred."""
    scale = min(target.width() / width, target.height() / height)
    w, h = width * scale, height * scale
    return QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h)


def print_pdf(pdf: bytes, printer: QPrinter, *, progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Prints every page of `pdf`, one sheet each; returns the number of pages printed.

    Runs on the UI thread or on a worker (Qt paints on a QPrinter in any one thread at a time).
    `progress(done, total)` after each page; `cancelled()` polled before each page: a cancelled
    job is aborted (the printer drops it, a PDF file is not written) and 0 returned."""
    document, buffer = load_pdf(pdf)
    try:
        pages = document.pageCount()
        if pages == 0:
            return 0
        if cancelled is not None and cancelled():
            return 0  # nothing started: the printer never hears of it
        printer.setFullPage(True)  # the PDF has its own margins: print it at its true size
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintingError("the printer could not be started")
        try:
            paper = printer.pageRect(QPrinter.Unit.DevicePixel)
            target = QRectF(0, 0, paper.width(), paper.height())
            for page in range(pages):
                if cancelled is not None and cancelled():
                    printer.abort()
                    painter.end()
                    _discard_file(printer)
                    return 0
                if page:
                    printer.newPage()
                image = page_on_white(document, page, dpi)
                painter.drawImage(fitted(target, image.width(), image.height()), image)
                if progress is not None:
                    progress(page + 1, pages)
        finally:
            if painter.isActive():
                painter.end()
        return pages
    finally:
        document.close()
        buffer.close()


def _discard_file(printer: QPrinter) -> None:
    """A print to a PDF file that was cancelled leaves no half file behind (a real printer's
    job is dropped by abort())."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        Path(printer.outputFileName()).unlink(missing_ok=True)
