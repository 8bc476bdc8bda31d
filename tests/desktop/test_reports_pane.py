"""The Reports pane on a real temp database (tests/ledger_data.py's book): a zone report
previewed in a PdfPreviewDialog and read back with pdftotext, a workbook saved through the
patched save dialog and read back with openpyxl, the city report by the Enter key, a firm's
statement through the firm picker, and what is refused or missing shown, not hidden."""

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from db.money.words import amount_in_words
from desktop import modals
from desktop.reports.reports_pane import CITY, STATEMENT, ZONE, ReportsPane
from desktop.widgets.pdf_preview_dialog import PdfPreviewDialog
from tests.ledger_data import YEAR


@pytest.fixture
def open_pane(show_pane):  # noqa: ANN001, ANN201
    return lambda actor: show_pane(ReportsPane, actor, (900, 600), lambda pane: pane.loaded)


def choose(pane: ReportsPane, report: str, kind: str = "year", year: int = YEAR, number: int | None = None,
           zone_id: int | None = None) -> None:
    pane.report.setCurrentIndex(pane.report.findData(report))
    pane.period_kind.setCurrentIndex(pane.period_kind.findData(kind))
    pane.year.setValue(year)
    if number is not None:
        pane.number.setCurrentIndex(pane.number.findData(number))
    if zone_id is not None:
        pane.zone.setCurrentIndex(pane.zone.findData(zone_id))


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "preview.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def wait_for_preview(qtbot, pane: ReportsPane) -> PdfPreviewDialog:  # noqa: ANN001
    qtbot.waitUntil(lambda: pane.preview is not None, timeout=10_000)
    assert isinstance(pane.preview, PdfPreviewDialog) and pane.preview.isVisible()
    return pane.preview


def test_a_zone_report_is_previewed(qtbot, open_pane, people, book, tmp_path):
    pane = open_pane(people.clerk)
    assert pane.zone.count() == 1 and pane.zone.currentData() == 1  # the clerk's zone only
    choose(pane, ZONE, "quarter", number=1)
    assert pane.number.isEnabled() and pane.zone.isEnabled() and not pane.firm.isEnabled()
    with qtbot.waitSignal(pane.made, timeout=10_000) as made:
        qtbot.mouseClick(pane.preview_button, Qt.MouseButton.LeftButton)
    assert made.args == ["pdf"]
    preview = wait_for_preview(qtbot, pane)
    assert preview.page_count >= 2
    assert preview.suggested_name.startswith("Z01") and "2026-Q1" in preview.suggested_name
    text = pdf_text(preview.pdf, tmp_path)
    assert "2026年第1季度" in text and "Z01" in text
    assert "1,650.00" in text and amount_in_words(165_000) in text  # 人民币壹仟陆佰伍拾元整
    preview.close()


def test_a_zone_report_is_saved_as_a_workbook(qtbot, monkeypatch, open_pane, people, book, tmp_path):
    asked = []

    def choose_save_path(_parent, title, suggested, file_filter):  # noqa: ANN001, ANN202
        asked.append((suggested, file_filter))
        return tmp_path / "zone-report"  # typed without the extension

    monkeypatch.setattr(modals, "choose_save_path", choose_save_path)
    pane = open_pane(people.clerk)
    choose(pane, ZONE, "year")
    with qtbot.waitSignal(pane.made, timeout=10_000) as made:
        qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    assert made.args == ["xlsx"]
    assert asked == [("Z01 2026 zone report.xlsx", "Excel (*.xlsx)")]
    path = tmp_path / "zone-report.xlsx"
    assert pane.status.text() == f"Saved as {path}."
    book_ = load_workbook(path)
    rows = {row[0].value: row for row in book_["分类汇总"].iter_rows(min_row=2)}
    assert rows["土地"][3].data_type == "n" and Decimal(str(rows["土地"][3].value)) == Decimal(150_000) / 100
    assert Decimal(str(rows["合计"][3].value)) == Decimal(10_165_000) / 100  # with the award
    assert pane.preview_button.isEnabled() and pane.save_button.isEnabled()


def test_a_cancelled_save_writes_nothing(qtbot, monkeypatch, open_pane, people, book, tmp_path):
    monkeypatch.setattr(modals, "choose_save_path", lambda *_args: None)
    pane = open_pane(people.clerk)
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    assert list(tmp_path.glob("*.xlsx")) == [] and pane.save_button.isEnabled()
    assert not pane.context.runner.busy


def test_the_city_report_previews_on_enter(qtbot, open_pane, people, book, tmp_path):
    pane = open_pane(people.admin)
    assert pane.zone.count() == 55
    choose(pane, CITY, "month", number=3)
    assert not pane.zone.isEnabled()
    pane.year.setFocus()
    with qtbot.waitSignal(pane.made, timeout=10_000):
        qtbot.keyClick(pane.year, Qt.Key.Key_Return)
    text = pdf_text(wait_for_preview(qtbot, pane).pdf, tmp_path)
    assert "2026年3月全市" in text and "4,650.00" in text  # zones 1 and 2 in March
    assert amount_in_words(465_000) in text


def test_a_firm_statement_through_the_firm_picker(qtbot, open_pane, people, book, firms, tmp_path):
    pane = open_pane(people.clerk)
    choose(pane, STATEMENT)
    assert pane.firm.isEnabled() and not pane.period_kind.isEnabled() and not pane.zone.isEnabled()
    qtbot.mouseClick(pane.preview_button, Qt.MouseButton.LeftButton)
    assert pane.preview is None and "Choose a firm" in pane.status.text()
    pane.firm.setFocus()
    qtbot.keyClicks(pane.firm, firms.xinghe.uscc)  # the whole code: chosen without the popup
    qtbot.waitUntil(lambda: pane.firm.firm is not None, timeout=5000)
    with qtbot.waitSignal(pane.made, timeout=10_000):
        qtbot.mouseClick(pane.preview_button, Qt.MouseButton.LeftButton)
    text = pdf_text(wait_for_preview(qtbot, pane).pdf, tmp_path)
    assert firms.xinghe.name in text and firms.xinghe.uscc in text
    assert amount_in_words(150_000) in text  # land 1,500.00; the electricity reversed


def test_a_file_that_cannot_be_written_is_said_so(qtbot, monkeypatch, open_pane, people, book, tmp_path,
                                                  modal_log):
    monkeypatch.setattr(modals, "choose_save_path", lambda *_args: tmp_path / "missing" / "report.xlsx")
    pane = open_pane(people.clerk)
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(modal_log.errors), timeout=10_000)
    assert modal_log.errors[0].startswith("The file could not be saved")
    assert pane.save_button.isEnabled() and pane.status.text() == "The report could not be made."
