"""The PDF preview: every page shown, printed to a real QPrinter (a PDF file here) and saved; the
printed file read back with poppler: the text is there and the pages are not blank."""

import io
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from shiboken6 import isValid

from db.bundle import resource_path
from desktop import modals
from desktop.widgets import printing
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog


def sample_pdf(pages: int = 2) -> bytes:
    """A4 pages, each with a Chinese heading and a black box (to tell a blank page apart)."""
    pdfmetrics.registerFont(TTFont("WQY", str(resource_path("fonts", "wqy-microhei.ttc")),
                                   subfontIndex=0))
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for n in range(1, pages + 1):
        page.setFont("WQY", 24)
        page.drawString(72, 760, f"补贴确认书 第{n}页 Page {n}")
        page.rect(72, 400, 200, 200, stroke=1, fill=1)
        page.showPage()
    page.save()
    return out.getvalue()


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def ink_share(image: QImage) -> float:
    """The share of the page that is not paper white (every other pixel looked at)."""
    ink = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
              if QColor(image.pixel(x, y)).lightness() < 230)
    return ink / (((image.width() + 1) // 2) * ((image.height() + 1) // 2))


def pages_as_images(pdf: Path, folder: Path) -> list[QImage]:
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", str(pdf), str(folder / "page")],
                   check=True)
    return [QImage(str(p)) for p in sorted(folder.glob("page-*.png"))]


def difference(a: QImage, b: QImage) -> tuple[float, int]:
    """Mean and largest difference of lightness (0–255) of two pages seen from afar (62 × 88
    blocks): a raster print and its vector original differ in every edge pixel, and Qt's A4
    (595 × 842 points) is not exactly reportlab's (595.28 × 841.89), but their blocks agree."""
    def blocks(image: QImage) -> QImage:
        return image.scaled(62, 88, Qt.AspectRatioMode.IgnoreAspectRatio,
                            Qt.TransformationMode.SmoothTransformation)
    a, b = blocks(a), blocks(b)
    diffs = [abs(QColor(a.pixel(x, y)).lightness() - QColor(b.pixel(x, y)).lightness())
             for y in range(88) for x in range(62)]
    return sum(diffs) / len(diffs), max(diffs)


def assert_printed_as_shown(original: bytes, printed: Path, tmp_path: Path, pages: int) -> None:
    """The printed file has the document's pages, each with ink where the original has it
    (the print is an image: poppler reads no text from it, so the pages are compared)."""
    source = tmp_path / "original.pdf"
    source.write_bytes(original)
    want, got = pages_as_images(source, tmp_path / "want"), pages_as_images(printed, tmp_path / "got")
    assert len(got) == pages == len(want)
    for page_want, page_got in zip(want, got, strict=True):
        assert abs(page_got.width() - page_want.width()) <= 1  # A4 at its true size
        assert abs(page_got.height() - page_want.height()) <= 1
        ink_want, ink_got = ink_share(page_want), ink_share(page_got)
        assert ink_got > 0.005 and 0.8 < ink_got / ink_want < 1.25  # not blank, not faded
        mean, largest = difference(page_want, page_got)
        assert mean < 4 and largest < 40  # the same page


@pytest.fixture
def open_preview(qtbot):
    def make(pdf: bytes, **options) -> PdfPreviewDialog:  # noqa: ANN003
        dialog = PdfPreviewDialog(pdf, title="补贴确认书 (2)", suggested_name="Z01-2026.pdf", **options)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog
    return make


def view_painted(dialog: PdfPreviewDialog) -> bool:
    """The view shows a page: a white sheet with something dark on it, on the grey background."""
    image = dialog.view.viewport().grab().toImage()
    colours = {image.pixel(x, y) for y in range(0, image.height(), 4)
               for x in range(0, image.width(), 4)}
    return any(QColor(c).lightness() > 250 for c in colours) \
        and any(QColor(c).lightness() < 60 for c in colours)


def test_the_preview_shows_every_page(qtbot, open_preview):
    dialog = open_preview(sample_pdf(3))
    assert dialog.windowTitle() == "补贴确认书 (2)"
    assert dialog.page_count == 3
    assert dialog.pages_label.text() == "Pages: 3"
    qtbot.waitUntil(lambda: view_painted(dialog), timeout=5000)


def test_print_sends_every_page_to_the_printer(qtbot, monkeypatch, tmp_path, open_preview):
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(modals, "choose_printer", lambda _parent: pdf_printer(out))
    dialog = open_preview(sample_pdf(2))
    with qtbot.waitSignal(dialog.printed, timeout=10_000):
        dialog.print_button.click()
    assert dialog.status.text() == "Sent 2 pages to the printer."
    assert_printed_as_shown(dialog.pdf, out, tmp_path, 2)


def test_printing_in_the_background_and_cancelling(qtbot, monkeypatch, tmp_path, runner, open_preview):
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(modals, "choose_printer", lambda _parent: pdf_printer(out))
    dialog = open_preview(sample_pdf(2), runner=runner)
    with qtbot.waitSignal(dialog.printed, timeout=10_000):
        dialog.print_button.click()
        assert not dialog.print_button.isEnabled()  # one print at a time
    assert dialog.print_button.isEnabled()
    assert_printed_as_shown(dialog.pdf, out, tmp_path, 2)

    # cancelled from the progress dialog before the first page: nothing printed, no signal
    out.unlink()
    real = printing.print_pdf

    def slow_start(pdf, printer, *, progress, cancelled):  # noqa: ANN001, ANN202
        deadline = time.monotonic() + 5
        while not cancelled() and time.monotonic() < deadline:  # the database thread waits
            time.sleep(0.01)
        return real(pdf, printer, progress=progress, cancelled=cancelled)

    monkeypatch.setattr(printing, "print_pdf", slow_start)
    emitted: list[bool] = []
    dialog.printed.connect(lambda: emitted.append(True))
    dialog.print_button.click()
    cancel_progress(dialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=5000)
    assert dialog.status.text() == "Printing cancelled: nothing was sent to the printer."
    assert emitted == [] and not out.exists()
    qtbot.waitUntil(lambda: dialog.findChild(QProgressDialog) is None)


def cancel_progress(parent: QWidget) -> None:
    """Clicks Cancel on the newest progress dialog of `parent`, as the person would."""
    progress = [p for p in parent.findChildren(QProgressDialog) if isValid(p)][-1]
    progress.findChild(QPushButton).click()


def test_save_writes_the_document_as_is(qtbot, monkeypatch, tmp_path, open_preview):
    pdf = sample_pdf(1)
    asked: list[tuple[str, str]] = []

    def choose(_parent, title, suggested, file_filter):  # noqa: ANN001, ANN202
        asked.append((suggested, file_filter))
        return tmp_path / "saved"

    monkeypatch.setattr(modals, "choose_save_path", choose)
    dialog = open_preview(pdf)
    with qtbot.waitSignal(dialog.printed):
        dialog.save_button.click()
    assert asked == [("Z01-2026.pdf", "PDF (*.pdf)")]
    assert (tmp_path / "saved.pdf").read_bytes() == pdf
    assert dialog.status.text() == "Saved as saved.pdf."


def test_cancelled_choices_do_nothing(qtbot, monkeypatch, open_preview):
    monkeypatch.setattr(modals, "choose_printer", lambda _parent: None)
    monkeypatch.setattr(modals, "choose_save_path", lambda *_args: None)
    dialog = open_preview(sample_pdf(1))
    emitted: list[bool] = []
    dialog.printed.connect(lambda: emitted.append(True))
    dialog.print_button.click()
    dialog.save_button.click()
    assert emitted == [] and dialog.status.text() == ""


def test_keys_print_save_and_close(qtbot, monkeypatch, open_preview):
    asked: list[str] = []
    monkeypatch.setattr(modals, "choose_printer", lambda _parent: asked.append("print"))
    monkeypatch.setattr(modals, "choose_save_path", lambda *_args: asked.append("save"))
    dialog = open_preview(sample_pdf(1))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: asked == ["print"])  # a shortcut clicks its button a moment later
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: asked == ["print", "save"])
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_print_cancelled_midway_leaves_no_half_file(qapp, tmp_path):
    out = tmp_path / "printed.pdf"
    reported: list[tuple[int, int]] = []
    asked = iter((False, False, True))  # polled before each page: the third is refused
    pages = printing.print_pdf(sample_pdf(3), pdf_printer(out), progress=lambda *p: reported.append(p),
                               cancelled=lambda: next(asked))
    assert pages == 0 and reported == [(1, 3)] and not out.exists()
