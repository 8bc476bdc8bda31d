"""The import window: a clerk checks a firms file, reads why rows are refused, saves them with
their reasons, fixes the file and imports it; a month's bills land in the bill sheet as drafts;
a row waiting for a decision is imported only once ticked; Cancel during the import writes
nothing; a whole-file refusal is shown under the file."""

import re
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton
from shiboken6 import isValid
from sqlalchemy import text

from db import uscc
from db.importing.verdicts import Verdict
from desktop import modals
from desktop.background import Task
from desktop.bill_sheet.bill_sheet_model import FEN_ROLE, STATUS_ROLE, column_of
from desktop.bill_sheet.bill_sheet_pane import BillSheetPane
from desktop.enterprises.enterprises_pane import EnterprisesPane
from desktop.importing.import_dialog import ImportDialog
from desktop.importing.import_preview_model import (
    COL_DECISION,
    COL_DETAIL,
    COL_FIRM,
    COL_VERDICT,
    ImportPreviewTableModel,
)
from desktop.importing.import_words import refused_file_for
from desktop.importing.import_work import EVERY_CATEGORY_SHEET, judge, read_chosen
from tests.conftest import valid_uscc
from tests.import_files import FIRM_HEADER, firm_row, write_csv, write_xlsx

GOOD = (firm_row(valid_uscc(6001), "上海北辰量子科技有限公司"),
        firm_row(valid_uscc(6002), "上海南湖生物医药有限公司", sector="生物医药", unit="B栋202室"))
BAD = (firm_row(9.14403e17, "上海科学计数法有限公司"),
       firm_row(valid_uscc(6004), "上海东岸造船有限公司", industry="造船"),
       firm_row(valid_uscc(6005), "上海西岸材料有限公司", area="-3"))
FIXED = (firm_row(valid_uscc(6003), "上海科学计数法有限公司"),
         firm_row(valid_uscc(6004), "上海东岸造船有限公司", industry="工业"),
         firm_row(valid_uscc(6005), "上海西岸材料有限公司", area="3"))


def _count(db, sql: str) -> int:  # noqa: ANN001
    with db.reading() as uow:
        return uow.session.connection().execute(text(sql)).scalar_one()


def _wrong_check(n: int) -> str:
    """A well-formed credit code whose check character fails (an early pilot code)."""
    code = valid_uscc(n)
    return code[:-1] + next(c for c in uscc.ALPHABET if c != code[-1])


def _open(dialog: ImportDialog, qtbot, monkeypatch, path: Path) -> None:  # noqa: ANN001
    monkeypatch.setattr(modals, "choose_open_path", lambda *_args: path)
    qtbot.mouseClick(dialog.bar.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.bar.sheet.count() > 0)


def _check(dialog: ImportDialog, qtbot) -> None:  # noqa: ANN001
    dialog.checked = None
    qtbot.mouseClick(dialog.bar.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.checked is not None, timeout=10_000)


def _column(model: ImportPreviewTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _firm_dialog(qtbot, context) -> ImportDialog:  # noqa: ANN001
    dialog = ImportDialog(context, "firms")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.bar.zone.count() > 1)  # the clerk's zones are in
    return dialog


def test_a_clerk_fixes_the_refused_rows_and_imports_the_file(qtbot, show_pane, people, db, modal_log,
                                                             monkeypatch, tmp_path) -> None:  # noqa: ANN001
    pane = show_pane(EnterprisesPane, people.clerk, (1280, 700), lambda p: p.references is not None)
    assert pane.import_button.isVisible()
    qtbot.mouseClick(pane.import_button, Qt.MouseButton.LeftButton)
    dialog = pane.import_dialog
    qtbot.waitUntil(lambda: dialog.bar.zone.count() > 1)
    path = write_xlsx(tmp_path / "园区企业.xlsx", [FIRM_HEADER, *GOOD, *BAD])
    _open(dialog, qtbot, monkeypatch, path)
    assert dialog.bar.sheet.currentText() == "Sheet1"
    _check(dialog, qtbot)

    model = dialog.model
    assert _column(model, COL_VERDICT) == ["New", "New", "Refused", "Refused", "Refused"]
    reasons = _column(model, COL_DETAIL)[2:]
    assert reasons[0] == ("统一社会信用代码: The credit code 9.14403e+17 was saved as a number and has "
                          "lost digits. Format the column as text and type the codes again.")
    assert reasons[1].startswith("所属行业: “造船” is not one of the words this column takes")
    assert reasons[2] == "面积（平方米）: -3 is below zero. Type the number without a minus sign."
    assert "5 rows: New 2, Refused 3" in dialog.preview.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.preview.filter.setCurrentIndex(dialog.preview.filter.findData(Verdict.REFUSED.value))
    labels = _column(model, COL_FIRM)
    assert len(labels) == 3 and labels[0] == "上海科学计数法有限公司"  # its code could not be read
    assert labels[1:] == [f"{valid_uscc(6004)} 上海东岸造船有限公司", f"{valid_uscc(6005)} 上海西岸材料有限公司"]

    asked = []
    out = tmp_path / "refused.xlsx"

    def choose_save_path(_parent, _title, suggested, _filter):  # noqa: ANN001, ANN202
        asked.append(suggested)
        return out
    monkeypatch.setattr(modals, "choose_save_path", choose_save_path)
    qtbot.mouseClick(dialog.preview.save_refused, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and not dialog.busy)
    assert asked == [str(refused_file_for(path))]
    assert "3 row(s) written" in dialog.status.text()
    saved = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert len(saved) == 4
    assert saved[0][:2] == FIRM_HEADER[:2] and saved[0][-2:] == ("Reason", "Row in the file")
    assert [row[1] for row in saved[1:]] == ["上海科学计数法有限公司", "上海东岸造船有限公司", "上海西岸材料有限公司"]
    assert [row[-2:] for row in saved[1:]] == [(reasons[0], 4), (reasons[1], 5), (reasons[2], 6)]

    write_xlsx(path, [FIRM_HEADER, *GOOD, *FIXED])  # the office fixes its file
    _check(dialog, qtbot)
    assert _column(model, COL_VERDICT) == ["New"] * 5  # the filter "Refused" has gone with them
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    assert modal_log.messages and modal_log.messages[0].startswith("园区企业.xlsx imported.")
    assert _count(db, "SELECT count(*) FROM enterprise") == 5
    qtbot.waitUntil(lambda: pane.model.rowCount() == 5)
    shown = {pane.model.index(row, 0).data() for row in range(pane.model.rowCount())}
    assert "上海东岸造船有限公司" in shown and "上海北辰量子科技有限公司" in shown


def test_a_months_bills_land_in_the_bill_sheet_as_drafts(qtbot, make_context, people, db, book,
                                                        firms, modal_log, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    pane = BillSheetPane(make_context(people.clerk))
    qtbot.addWidget(pane)
    pane.resize(1280, 600)
    pane.show()
    qtbot.waitUntil(lambda: pane.model.sheet is not None)
    pane.month.setDate(QDate(2026, 6, 1))
    qtbot.waitUntil(lambda: pane.model.sheet is not None and pane.model.sheet.period == "2026-06")
    assert pane.import_button.isEnabled()
    qtbot.mouseClick(pane.import_button, Qt.MouseButton.LeftButton)
    dialog = pane.import_dialog
    header = ("信用代码", "户名", "金额", "用量")
    path = write_xlsx(tmp_path / "六月账单.xlsx", {
        "电费": [header, (firms.xinghe.uscc, "", "¥2,345.67", 1200)],
        "水费": [header, ("", firms.lanxin.name, 1000.01, 30)],
        "说明": [("本表由供电公司导出",)]})
    _open(dialog, qtbot, monkeypatch, path)
    assert dialog.bar.sheet.currentData() == EVERY_CATEGORY_SHEET
    assert [dialog.bar.sheet.itemText(n) for n in range(dialog.bar.sheet.count())] == [
        "Every sheet named after a category", "电费", "水费", "说明"]
    _check(dialog, qtbot)
    assert _column(dialog.model, COL_VERDICT) == ["New", "New"]
    assert dialog.model.index(0, 0).data() == "电费: 2"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    assert "drafts in the bill sheet" in modal_log.messages[0]

    def amount(firm_id: int, category: str, role: int):  # noqa: ANN202
        row = next(i for i, r in enumerate(pane.model.sheet.rows) if r.enterprise_id == firm_id)
        return pane.model.index(row, column_of(category, "amount")).data(role)
    qtbot.waitUntil(lambda: amount(firms.xinghe.id, "electricity", STATUS_ROLE) == "draft")
    assert amount(firms.xinghe.id, "electricity", FEN_ROLE) == 234_567
    assert amount(firms.lanxin.id, "water", FEN_ROLE) == 100_001
    assert amount(firms.lanxin.id, "water", STATUS_ROLE) == "draft"


def test_a_row_waiting_for_a_decision_is_imported_only_once_ticked(qtbot, context, db, modal_log,
                                                                    monkeypatch, tmp_path) -> None:  # noqa: ANN001
    dialog = _firm_dialog(qtbot, context)
    path = write_csv(tmp_path / "pilot.csv", [FIRM_HEADER, GOOD[0],
                                              firm_row(_wrong_check(6101), "上海试点企业有限公司")])
    dialog.bar.path.setText(str(path))  # typed, and Check pressed at once: its sheets are read first
    _check(dialog, qtbot)
    assert not dialog.bar.sheet.isEnabled()  # a CSV has one sheet
    model = dialog.model
    assert _column(model, COL_VERDICT) == ["New", "Needs a decision"]
    assert model.index(1, COL_DECISION).data() == "Credit code checked against the licence"
    assert model.index(1, COL_DECISION).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index(0, COL_DECISION).data(Qt.ItemDataRole.CheckStateRole) is None
    assert "Read as UTF-8" in dialog.preview.summary.text()
    assert not dialog.import_button.isEnabled()
    model.setData(model.index(1, COL_DECISION), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.import_button.isEnabled()
    model.setData(model.index(1, COL_DECISION), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.preview.confirm, Qt.MouseButton.LeftButton)  # every decision shown
    assert dialog.import_button.isEnabled() and not dialog.preview.confirm.isEnabled()

    dialog.preview.table.setFocus()
    qtbot.keyClick(dialog.preview.table, Qt.Key.Key_Return)  # Enter never imports
    qtbot.wait(50)
    assert dialog.isVisible() and not dialog.busy and _count(db, "SELECT count(*) FROM enterprise") == 0
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=10_000)
    assert _count(db, "SELECT count(*) FROM enterprise") == 2
    assert _count(db, f"SELECT count(*) FROM enterprise WHERE uscc = '{_wrong_check(6101)}'") == 1


def test_cancel_during_the_import_writes_nothing(qtbot, context, db, modal_log, monkeypatch,
                                                 tmp_path) -> None:  # noqa: ANN001
    # names far apart (no two of them close: no decision to make); more rows than one progress step
    codes = [code for code in map(valid_uscc, range(7000, 7400))
             if not re.fullmatch(r"\d+E\d+", code)][:300]  # db/importing/cells.py reads 913101150E70000001 as 9.1E+71
    rows = [firm_row(code, f"上海{chr(0x4E00 + 3 * n)}{chr(0x6000 + 3 * n)}科技有限公司", unit=f"A栋{n}室")
            for n, code in enumerate(codes)]
    path = write_csv(tmp_path / "many.csv", [FIRM_HEADER, *rows], "gb18030")
    dialog = _firm_dialog(qtbot, context)
    _open(dialog, qtbot, monkeypatch, path)
    _check(dialog, qtbot)
    assert "Read as GB18030" in dialog.preview.summary.text()
    assert dialog.import_button.isEnabled()
    events = _count(db, "SELECT count(*) FROM auditevent")

    report = Task.report

    def held(task: Task, done: int, total: int) -> None:  # the import waits at its first report
        report(task, done, total)
        _wait(task)
    monkeypatch.setattr(Task, "report", held)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    progress = dialog.findChildren(QProgressDialog)[-1]  # the check's may wait for its deletion
    assert progress.labelText() == "Importing the rows…"
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.status.text() == "Cancelled: nothing was written."
    assert dialog.isVisible() and not modal_log.messages and not modal_log.errors
    assert _count(db, "SELECT count(*) FROM enterprise") == 0
    assert _count(db, "SELECT count(*) FROM auditevent") == events


def _wait(task: Task) -> None:
    """On the database thread: until the person cancels (at most five seconds)."""
    import time
    deadline = time.monotonic() + 5
    while not task.cancelled and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_file_that_cannot_be_read_is_refused_under_the_file(qtbot, context, modal_log, monkeypatch,
                                                              tmp_path) -> None:  # noqa: ANN001
    dialog = _firm_dialog(qtbot, context)
    path = tmp_path / "firms.xlsx"
    path.write_bytes(b"not a workbook at all")
    monkeypatch.setattr(modals, "choose_open_path", lambda *_args: path)
    qtbot.mouseClick(dialog.bar.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.bar.errors.message_of("file")))
    assert "firms.xlsx" in dialog.bar.errors.message_of("file")
    csv = write_csv(tmp_path / "no_header.csv", [("甲", "乙"), ("1", "2")])
    dialog.bar.set_path(csv)
    qtbot.waitUntil(lambda: not dialog.busy)
    qtbot.mouseClick(dialog.bar.check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.bar.errors.message_of("file")))
    assert dialog.checked is None and not dialog.import_button.isEnabled()
    assert not modal_log.failures
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_import_is_offered_only_to_whoever_may_register_firms(show_pane, people) -> None:  # noqa: ANN001
    pane = show_pane(EnterprisesPane, people.auditor, (1000, 600))
    assert not pane.import_button.isVisible()


def test_the_preview_model_passes_qtmodeltester(qtmodeltester, db, people, tmp_path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "mixed.csv", [FIRM_HEADER, *GOOD, *BAD,
                                              firm_row(_wrong_check(6101), "上海试点二号有限公司")])
    from desktop.importing.import_work import Choice
    choice = Choice("firms", path, None, None)
    checked = judge(db, people.clerk, choice, sources=read_chosen(choice))
    model = ImportPreviewTableModel()
    qtmodeltester.check(model)
    model.set_report(checked.report)
    qtmodeltester.check(model)
    model.setData(model.index(5, COL_DECISION), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.accepted() == [(7, model.verdict_row(5).decisions[0])]
    model.set_filter(Verdict.REFUSED)
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_hidden_sheets_are_marked_and_the_template_is_saved(qtbot, context, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    path = write_xlsx(tmp_path / "book.xlsx", {"旧表": [FIRM_HEADER], "企业": [FIRM_HEADER, GOOD[0]]})
    workbook = openpyxl.load_workbook(path)
    workbook["旧表"].sheet_state = "hidden"
    workbook.save(path)
    dialog = _firm_dialog(qtbot, context)
    assert dialog.bar.zone.currentText().startswith("Z01")  # the clerk's one zone
    _open(dialog, qtbot, monkeypatch, path)
    sheets = [dialog.bar.sheet.itemText(n) for n in range(dialog.bar.sheet.count())]
    assert sheets == ["旧表 (hidden)", "企业"] and dialog.bar.sheet.currentText() == "企业"
    _check(dialog, qtbot)
    assert "sheet 企业" in dialog.preview.summary.text()
    dialog.bar.sheet.setCurrentIndex(0)  # another sheet: the verdict shown is not its
    assert dialog.checked is None and dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()

    out = tmp_path / "template.xlsx"
    monkeypatch.setattr(modals, "choose_save_path", lambda *_args: out)
    qtbot.mouseClick(dialog.bar.template, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists() and not dialog.busy)
    assert openpyxl.load_workbook(out).sheetnames == ["企业", "说明"]
    assert "Template saved" in dialog.status.text()
