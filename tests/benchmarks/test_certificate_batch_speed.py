"""A batch of 1,000 subsidy confirmations for one zone, issued and printed into one PDF, as the
clerk's batch dialog runs it (documents/issuing.py: chunks of 25, each issued in its own
transaction, then drawn), against its floor: a bare reportlab loop drawing the same pages.

The floor: the pages of those 1,000 certificates are recorded once (every canvas call the
program makes, with what it draws), then replayed onto a fresh canvas: the same fonts, texts,
rules and tables, each QR code encoded (zxing-cpp) and drawn as one path, the same page count,
saved as one PDF. No database, no wording, no layout. Target (issue 14): within 1.3x, and flat
from the city file (about 530,000 entries) to the stress file (about 5.8 M), so that what grows
with the entries shows as a ratio.

Each scale works on its own copy of the file; each round issues 1,000 new certificates for the
same firms (serials go on), so the rounds are alike.
"""

import io
import re
import shutil
from pathlib import Path

import pytest
import zxingcpp
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from db.demo.accounts import DEMO_PASSWORD
from db.engine import Database
from db.queries.certificates import candidates
from db.queries.demo_data import is_demo
from db.services import auth
from db.services.certificates import CertificateRequest, issue_many
from documents import certificate_layout as layout
from documents import certificate_pdf
from documents.certificate_texts import wording
from documents.demo_mark import draw_demo_mark
from documents.fonts import REGULAR, register_fonts
from documents.issuing import issue_and_print
from tests.benchmarks import ratios
from tests.benchmarks.conftest import bench_database

BATCH = 1_000
FIRST, LAST = "2026-01", "2026-10"


def _stress_files() -> list[tuple[str, Path]]:
    return [("stress 5.8 M", bench_database("stress"))]


class _Recorder:
    """A canvas that records what is drawn on it (text objects with their own calls)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []

    def beginText(self, *args: object) -> "_Recorder":  # noqa: N802 (reportlab's name)
        text = _Recorder()
        text.calls.append(("begin", args, {}))
        return text

    def drawText(self, text: "_Recorder") -> None:  # noqa: N802
        self.calls.append(("drawText", (text.calls,), {}))

    def __getattr__(self, name: str):  # noqa: ANN204
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def _recorded(printed: list, demo: bool) -> list[tuple[str, tuple, dict]]:
    """Every canvas call the program makes for `printed` (the QR code as one call)."""
    register_fonts()
    canvas = _Recorder()
    real = certificate_pdf.draw_qr
    certificate_pdf.draw_qr = lambda c, text, x, y, size: c.calls.append(("qr", (text, x, y, size), {}))
    try:
        for cert in printed:
            words = wording(cert, "zh_CN")
            pages = layout.paginate(cert, words, "zh_CN")
            for page in pages:
                certificate_pdf._draw_page(canvas, cert, words, page, len(pages))
                if demo:
                    draw_demo_mark(canvas, language="zh_CN")
                canvas.showPage()
    finally:
        certificate_pdf.draw_qr = real
    return canvas.calls


_DARK = re.compile(b"\x00+")  # in zxing's image a dark module is 0


def _bare_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    image = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
        scale=1, add_quiet_zones=False)
    side = image.shape[0]
    pixels, module = bytes(memoryview(image)), size / (side + 8)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.translate(x + 4 * module, y + size - 4 * module)
    canvas.scale(module, -module)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral(" ".join(
        f"{m.start()} {row} {m.end() - m.start()} 1 re" for row in range(side)
        for m in _DARK.finditer(pixels, row * side, (row + 1) * side)) + " f")
    canvas.restoreState()


def _replay(calls: list[tuple[str, tuple, dict]]) -> bytes:
    """The floor: the recorded pages drawn onto a real canvas by a bare loop."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=REGULAR,
                    initialFontSize=14)
    for name, args, kwargs in calls:
        if name == "drawText":
            (_begin, begin_args, _), *text_calls = args[0]
            text = canvas.beginText(*begin_args)
            for text_name, text_args, text_kwargs in text_calls:
                getattr(text, text_name)(*text_args, **text_kwargs)
            canvas.drawText(text)
        elif name == "qr":
            _bare_qr(canvas, *args)
        else:
            getattr(canvas, name)(*args, **kwargs)
    canvas.save()
    return buffer.getvalue()


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def _working_copy(source: Path, folder: Path) -> Path:
    path = folder / source.name
    shutil.copyfile(source, path)
    return path


def _measure(scale: str, source: Path, folder: Path) -> ratios.Ratio:
    copy = _working_copy(source, folder)
    database = Database(copy)
    try:
        actor = auth.log_in(database, username="clerk01", password=DEMO_PASSWORD)
        found = candidates(database, actor=actor, zone_id=1, kind="subsidy", period_from=FIRST,
                           period_to=LAST)
        if len(found) < BATCH:
            pytest.fail(f"Z01 has {len(found)} firms with approved subsidies, fewer than {BATCH}")
        requests = [CertificateRequest("subsidy", c.enterprise_id, 1, FIRST, LAST)
                    for c in found[:BATCH]]
        printed = [i.printed for start in range(0, BATCH, 25) for i in issue_many(
            database, actor=actor, requests=requests[start:start + 25])]
        calls = _recorded(printed, is_demo(database))
        pdf = issue_and_print(database, actor=actor, requests=requests).pdf
        assert _pages(pdf) == _pages(_replay(calls)) >= BATCH
        return ratios.paired(f"1,000 certificates issued and printed ({scale})",
                             lambda: issue_and_print(database, actor=actor, requests=requests),
                             lambda: _replay(calls), rounds=3, target=1.3)
    finally:
        database.dispose()
        for made in folder.glob(copy.name + "*"):  # the stress file's copy is 6 GB
            made.unlink()


def test_a_batch_of_1000_subsidy_confirmations_against_a_bare_reportlab_loop(tmp_path, capsys):
    scales = [("city", bench_database("city")), *_stress_files()]
    with capsys.disabled():
        print()
        measured = [_measure(scale, source, tmp_path) for scale, source in scales]
        if len(measured) > 1:
            print(f"flatness: ratio {measured[0].ratio:.2f} (city) → {measured[-1].ratio:.2f} "
                  f"({scales[-1][0]}); issuing {measured[0].seconds:.1f} s → "
                  f"{measured[-1].seconds:.1f} s")
