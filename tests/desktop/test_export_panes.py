"""Export… on the list panes: the file holds what the pane shows (its filter, the columns shown,
in the order shown, with the header texts shown), within the person's zones, written on the
database thread; a cancel leaves no file."""

import csv
import sqlite3
import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton

from db.export.firms import firms_table
from db.export.table import ExportTable
from db.queries.demo_data import mark_as_demo
from db.queries.enterprises import EnterpriseFilter
from desktop import modals
from desktop.approvals.approvals_pane import ApprovalsPane
from desktop.awards.awards_pane import AwardsPane
from desktop.certificates.certificates_pane import CertificatesPane
from desktop.enterprises.enterprise_table_model import COL_NAME, COL_SECTOR, COL_USCC
from desktop.enterprises.enterprises_pane import EnterprisesPane
from desktop.ledger.ledger_pane import LedgerPane
from desktop.staff.staff_pane import StaffPane
from desktop.zones.zones_pane import ZonesPane


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN201
    """save_to(name): the save dialog answers tmp_path / name; the questions asked are kept."""
    asked: list[tuple[str, str]] = []

    def choose(name: str) -> Path:
        path = tmp_path / name
        monkeypatch.setattr(modals, "choose_save_path", lambda _parent, _title, suggested, file_filter: (
            asked.append((suggested, file_filter)), path)[1])
        return path
    choose.asked = asked
    return choose


def export(qtbot, pane, path: Path) -> None:  # noqa: ANN001
    button = pane.findChild(QPushButton, "export")
    assert button is not None and button.isVisible()
    button.click()
    qtbot.waitUntil(lambda: str(path) in pane.status.text(), timeout=10_000)


def sheet_rows(path: Path) -> list[list[object]]:
    return [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]


def firms_pane(show_pane, actor):  # noqa: ANN001, ANN201
    return show_pane(EnterprisesPane, actor, (1280, 640),
                     lambda p: p.references is not None and p.model.count is not None)


def test_firms_export_follows_the_filter_and_the_columns_shown(qtbot, show_pane, people, firms, save_to) -> None:  # noqa: ANN001
    pane = firms_pane(show_pane, people.admin)
    pane.search.setText("星")
    qtbot.waitUntil(lambda: pane.model.filter.text == "星" and pane.model.count is not None)
    shown = [pane.model.index(r, COL_NAME).data() for r in range(pane.model.rowCount())]
    assert 0 < len(shown) < len(firms.all)
    header = pane.table.horizontalHeader()
    header.moveSection(header.visualIndex(COL_USCC), 0)  # the credit code first
    header.setSectionHidden(COL_SECTOR, True)
    path = save_to("firms.xlsx")
    export(qtbot, pane, path)
    assert pane.status.text() == f"{len(shown)} row(s) written to {path}."
    rows = sheet_rows(path)
    expected = [pane.model.headerData(header.logicalIndex(v), header.orientation())
                for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]
    assert rows[0] == expected and rows[0][:2] == ["Credit code", "Name"] and "Sector" not in rows[0]
    assert [r[1] for r in rows[1:]] == shown
    assert all(isinstance(r[0], str) and len(r[0]) == 18 for r in rows[1:])
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    assert save_to.asked[0][0].endswith(".xlsx") and "*.csv" in save_to.asked[0][1]


def test_a_clerk_never_exports_another_zones_firm(qtbot, show_pane, people, firms, save_to) -> None:  # noqa: ANN001
    pane = firms_pane(show_pane, people.clerk)
    path = save_to("firms.csv")
    export(qtbot, pane, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    zone_column = rows[0].index("Zone")
    mine = {f.uscc for f in firms.in_zone(1)}
    assert {r[1] for r in rows[1:]} == mine
    assert len({r[zone_column] for r in rows[1:]}) == 1
    # a filter for zone 2 slipped into the model: still nothing of zone 2 leaves
    pane.model.set_filter(EnterpriseFilter(zone_id=2))
    qtbot.waitUntil(lambda: pane.model.count is not None)
    path = save_to("zone2.csv")
    pane.status.clear()
    export(qtbot, pane, path)
    assert path.read_text(encoding="utf-8-sig").count("\n") == 1  # the header alone


def test_ledger_export_has_the_filtered_rows_typed(qtbot, show_pane, people, book, save_to) -> None:  # noqa: ANN001
    pane = show_pane(LedgerPane, people.clerk, (1200, 600),
                     lambda p: p.model.totals is not None and not p.model.loading)
    pane.category_filter.setCurrentIndex(pane.category_filter.findData("land"))
    qtbot.waitUntil(lambda: pane.model.filter.category == "land" and pane.model.totals is not None
                    and not pane.model.loading)
    path = save_to("ledger.xlsx")
    export(qtbot, pane, path)
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["No.", "Month", "Zone", "Firm"]
    body = list(sheet.iter_rows(min_row=2))
    assert len(body) == pane.model.rowCount() == 2
    amount = header.index("Subsidy (yuan)")
    assert {row[amount].value for row in body} == {1500} and body[0][amount].number_format == "#,##0.00"
    assert {row[header.index("Category")].value for row in body} == {"Land"}  # the word shown
    assert {row[header.index("Zone")].value for row in body} == {"Z01"}


@pytest.mark.parametrize(("pane_class", "actor", "ready"), [
    (CertificatesPane, "clerk", lambda p: p.model.count is not None and not p.model.loading),
    (ApprovalsPane, "reviewer", lambda p: p.loaded),
    (AwardsPane, "clerk", lambda p: p.loaded),
    (StaffPane, "admin", lambda p: p.model.rowCount() > 0),
    (ZonesPane, "clerk", lambda p: p.model.rowCount() > 0),
])
def test_every_list_pane_exports_what_it_shows(qtbot, show_pane, people, book, save_to, pane_class, actor, ready) -> None:  # noqa: ANN001
    pane = show_pane(pane_class, getattr(people, actor), (1300, 700), ready)
    path = save_to(f"{pane_class.__name__}.xlsx")
    export(qtbot, pane, path)
    rows = sheet_rows(path)
    header = pane.table.horizontalHeader()
    assert rows[0] == [pane.model.headerData(header.logicalIndex(v), header.orientation())
                       for v in range(header.count())]
    assert len(rows) - 1 == pane.model.rowCount()
    if pane.model.rowCount():
        assert str(rows[1][0]) == pane.model.index(0, 0).data()


def test_a_short_list_exports_its_filtered_rows(qtbot, show_pane, people, book, save_to) -> None:  # noqa: ANN001
    pane = show_pane(ZonesPane, people.clerk, (1300, 700), lambda p: p.model.rowCount() > 0)
    pane.filter.setText("Z01")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    path = save_to("zones.csv")
    export(qtbot, pane, path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert len(rows) == 2 and rows[1][0] == "Z01"


def test_a_cancelled_export_leaves_no_file(qtbot, show_pane, people, firms, save_to, db) -> None:  # noqa: ANN001
    pane = firms_pane(show_pane, people.admin)
    go_on = threading.Event()

    def slow_source():  # noqa: ANN202
        def read() -> ExportTable:
            table = firms_table(db, actor=people.admin, flt=EnterpriseFilter())

            def rows():  # noqa: ANN202
                for row in table.rows:
                    go_on.wait(5)
                    yield row
            return ExportTable(table.name, table.columns, table.total, rows())
        return read
    pane._export_source = slow_source  # noqa: SLF001
    pane.add_export(lambda: pane._export_source(), ("name",) * 9, "firms")  # noqa: SLF001
    path = save_to("firms.xlsx")
    pane.findChildren(QPushButton, "export")[-1].click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in pane.findChildren(QProgressDialog)), timeout=5000)
    dialog = next(d for d in pane.findChildren(QProgressDialog) if d.isVisible())
    dialog.findChild(QPushButton).click()  # its Cancel button
    go_on.set()
    qtbot.waitUntil(lambda: not pane.context.runner.busy, timeout=10_000)
    assert not path.exists() and list(path.parent.glob(".firms.xlsx.*")) == []
    assert "written" not in pane.status.text()


@pytest.mark.parametrize("name", ["firms.xlsx", "firms.csv"])
def test_a_demos_export_is_named_and_marked_demo_data(qtbot, show_pane, people, firms, save_to,
                                                     db, name) -> None:  # noqa: ANN001
    pane = firms_pane(show_pane, people.admin)
    path = save_to(f"office-{name}")
    export(qtbot, pane, path)
    assert "演示数据" not in save_to.asked[-1][0]
    connection = sqlite3.connect(db.path)
    mark_as_demo(connection)  # the database is a demo from here on
    connection.commit()
    connection.close()
    path = save_to(name)
    export(qtbot, pane, path)
    assert save_to.asked[-1][0] == "firms（演示数据）.xlsx"
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        assert all("演示数据" in ws.title for ws in book.worksheets)
        assert not any("演示数据" in ws.title
                       for ws in openpyxl.load_workbook(path.with_name(f"office-{name}")).worksheets)
