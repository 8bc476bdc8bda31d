"""Lists out to XLSX and CSV (db/export, documents/list_export.py): typed cells read back with
openpyxl and csv, the lists' scope and filters, and a cancel that leaves no file."""

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from db.errors import Interrupted, PermissionDenied
from db.export.certificates import certificates_table
from db.export.firms import firms_import_table, firms_table
from db.export.ledger import ledger_table
from db.export.short_lists import approvals_table, awards_table, staff_table, zones_table
from db.export.table import Column, ExportTable, Kind
from db.queries.certificates import CertificateFilter
from db.queries.enterprises import EnterpriseFilter, enterprise_page
from db.queries.ledger import LedgerFilter, ledger_page
from documents.list_export import write_csv, write_xlsx
from tests.ledger_data import make_book


@pytest.fixture
def book(db, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


def _sheet(path: Path) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_xlsx_cells_have_their_types(tmp_path: Path) -> None:
    columns = (Column("uscc", "Credit code"), Column("bill", "Bill no."),
               Column("amount", "Amount", Kind.MONEY), Column("on", "On", Kind.DATE),
               Column("at", "At", Kind.DATETIME), Column("n", "N", Kind.INTEGER, 6))
    rows = [("91440300MA5F000001", "000123", 123450, date(2026, 3, 1), datetime(2026, 3, 1, 9, 5, 7), 12),
            ("=HYPERLINK(\"x\")", "007", -5, None, None, None)]
    path = tmp_path / "list.xlsx"
    assert write_xlsx(ExportTable("firms", columns, 2, iter(rows)), path) == 2
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["Credit code", "Bill no.", "Amount", "On", "At", "N"]
    assert all(c.font.b for c in sheet[1])
    uscc, bill, amount, on, at, n = sheet[2]
    assert uscc.value == "91440300MA5F000001" and uscc.data_type == "s"
    assert bill.value == "000123" and isinstance(bill.value, str)
    assert amount.value == Decimal("1234.50") or amount.value == 1234.5
    assert amount.number_format == "#,##0.00" and amount.data_type == "n"
    assert on.is_date and on.number_format == "yyyy-mm-dd" and on.value.date() == date(2026, 3, 1)
    assert at.is_date and at.number_format == "yyyy-mm-dd hh:mm:ss" and at.value == datetime(2026, 3, 1, 9, 5, 7)
    assert n.value == 12 and n.data_type == "n"
    formula, bill2, minus = sheet[3][0], sheet[3][1], sheet[3][2]
    assert formula.data_type == "s" and formula.value.startswith("=")  # text, never a formula
    assert bill2.value == "007" and minus.value == pytest.approx(-0.05)
    assert sheet.column_dimensions["A"].width == 14 and sheet.column_dimensions["F"].width == 6


def test_csv_is_utf8_with_bom_money_plain_dates_iso(tmp_path: Path) -> None:
    columns = (Column("name", "名称"), Column("amount", "Amount", Kind.MONEY), Column("on", "On", Kind.DATE),
               Column("code", "Code"))
    path = tmp_path / "list.csv"
    write_csv(ExportTable("x", columns, 1, iter([("上海星河", 123450, date(2026, 3, 1), "000123"),
                                                 ("=1+1", -5, None, "+86 21")])), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows == [["名称", "Amount", "On", "Code"], ["上海星河", "1234.50", "2026-03-01", "000123"],
                    ["'=1+1", "-0.05", "", "+86 21"]]


@pytest.mark.parametrize(("typed", "written"), [
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),  # a sign, a digit, then a formula
    ("+1+HYPERLINK(\"http://x\")", "'+1+HYPERLINK(\"http://x\")"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("+86 21 5555-1234", "+86 21 5555-1234"),  # a phone number stays as typed
    ("-5", "-5"),
    ("(021) 5555 1234", "(021) 5555 1234"),
])
def test_csv_never_writes_a_formula(tmp_path: Path, typed: str, written: str) -> None:
    path = tmp_path / "list.csv"
    write_csv(ExportTable("x", (Column("note", "Note"),), 1, iter([(typed,)])), path)
    with path.open(encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file))[1] == [written]


@pytest.mark.parametrize("write", [write_xlsx, write_csv])
def test_a_cancel_leaves_no_file_and_keeps_an_old_one(tmp_path: Path, write) -> None:  # noqa: ANN001
    columns = (Column("n", "N", Kind.INTEGER),)
    path = tmp_path / f"list{'.xlsx' if write is write_xlsx else '.csv'}"
    path.write_bytes(b"the file of yesterday")
    seen = []

    def rows():  # noqa: ANN202
        for n in range(5_000):
            seen.append(n)
            yield (n,)

    with pytest.raises(Interrupted):
        write(ExportTable("x", columns, 5_000, rows()), path, cancelled=lambda: len(seen) > 600)
    assert path.read_bytes() == b"the file of yesterday"  # never replaced by a partial file
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    assert len(seen) < 1_000  # stopped soon after the cancel


def test_progress_is_reported(tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    write_csv(ExportTable("x", (Column("n", "N", Kind.INTEGER),), 2_500, iter([(n,) for n in range(2_500)])),
              tmp_path / "x.csv", progress=lambda done, total: reports.append((done, total)))
    assert reports[0] == (0, 2_500) and (1_000, 2_500) in reports and reports[-1] == (2_500, 2_500)


def test_firms_export_has_the_lists_rows_and_scope(db, people, book, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "firms.xlsx"
    write_xlsx(firms_table(db, actor=people.clerk, flt=EnterpriseFilter()), path)
    rows = _sheet(path)
    shown = enterprise_page(db, actor=people.clerk, flt=EnterpriseFilter())
    assert [r[1] for r in rows[1:]] == [r.uscc for r in shown]
    assert {r[2] for r in rows[1:]} == {shown[0].zone_name}  # zone 1's only
    other = enterprise_page(db, actor=people.clerk2, flt=EnterpriseFilter())[0].uscc
    assert other not in {r[1] for r in rows}
    # another zone asked by name: nothing, as the list shows nothing
    table = firms_table(db, actor=people.clerk, flt=EnterpriseFilter(zone_id=2))
    assert table.total == 0 and list(table.rows) == []
    table = firms_import_table(db, actor=people.clerk, flt=EnterpriseFilter(zone_id=2))
    assert list(table.rows) == []


def test_firms_export_follows_the_filter_and_sort(db, people, book) -> None:  # noqa: ANN001
    flt = EnterpriseFilter(text="蓝芯")
    assert [r[0] for r in firms_table(db, actor=people.admin, flt=flt).rows] == ["上海蓝芯集成电路有限公司"]
    sort = ("name", True)
    expected = [r.name for r in enterprise_page(db, actor=people.admin, flt=EnterpriseFilter(), sort=sort)]
    assert [r[0] for r in firms_table(db, actor=people.admin, flt=EnterpriseFilter(), sort=sort).rows] == expected


def test_firms_import_layout(db, people, book, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "firms.xlsx"
    table = firms_import_table(db, actor=people.admin)
    keys = [c.key for c in table.columns]
    for key in ("uscc", "name", "name_en", "legal_representative", "registered_capital", "founded_on",
                "sector", "industry", "employees", "annual_revenue", "contact_name", "contact_phone",
                "giant_level", "giant_recognised_on", "zone", "unit", "floor_area", "tenancy_start"):
        assert key in keys
    assert write_xlsx(table, path) == 4
    sheet = openpyxl.load_workbook(path).active
    row = {c.key: cell for c, cell in zip(table.columns, sheet[2], strict=True)}
    assert row["uscc"].data_type == "s" and row["employees"].value == 50
    assert row["annual_revenue"].value == 20_000_000 and row["annual_revenue"].number_format == "#,##0.00"
    assert row["tenancy_start"].value.date() == date(2024, 1, 1) and row["tenancy_start"].is_date
    assert row["unit"].value == "B栋201" and row["floor_area"].value == 100


def test_ledger_export_is_the_ledger(db, people, book, tmp_path: Path) -> None:  # noqa: ANN001
    for actor, flt in ((people.clerk, LedgerFilter()), (people.admin, LedgerFilter()),
                       (people.admin, LedgerFilter(status="approved", zone_id=1))):
        page = ledger_page(db, actor=actor, flt=flt)
        rows = list(ledger_table(db, actor=actor, flt=flt).rows)
        assert [r[0] for r in rows] == [("S" if p.kind == "subsidy_entry" else "A") + str(p.id) for p in page]
    page = ledger_page(db, actor=people.admin, flt=LedgerFilter())
    rows = list(ledger_table(db, actor=people.admin, flt=LedgerFilter()).rows)
    for shown, row in zip(page, rows, strict=True):  # the words and figures the ledger shows
        assert row[6:9] == (shown.quantity_x100 if shown.kind == "subsidy_entry" else None,
                            shown.billed_fen or None, shown.amount_fen)
        assert row[9] == ("reversed" if shown.status == "approved" and shown.reversed_by_id else shown.status)
        assert (row[12] or None) == (shown.decided_at and shown.decided_at.replace(tzinfo=None, microsecond=0)
                                     .isoformat(sep=" "))
        assert (row[13], row[14]) == (shown.reference, shown.note)
    clerk_rows = list(ledger_table(db, actor=people.clerk, flt=LedgerFilter()).rows)
    assert all(r[2] == "Z01" for r in clerk_rows)
    assert list(ledger_table(db, actor=people.clerk, flt=LedgerFilter(zone_id=2)).rows) == []
    sort = ("amount", True)
    page = ledger_page(db, actor=people.admin, flt=LedgerFilter(), sort=sort)
    rows = list(ledger_table(db, actor=people.admin, flt=LedgerFilter(), sort=sort).rows)
    assert [r[0] for r in rows] == [("S" if p.kind == "subsidy_entry" else "A") + str(p.id) for p in page]
    path = tmp_path / "ledger.xlsx"
    write_xlsx(ledger_table(db, actor=people.admin, flt=LedgerFilter(category="land")), path)
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    land = {row[header.index("Bill or document no.")].value: row for row in sheet.iter_rows(min_row=2)}
    march = land["L-0301"]
    assert march[header.index("Subsidy (yuan)")].value == 1500
    assert march[header.index("Subsidy (yuan)")].number_format == "#,##0.00"
    assert march[header.index("Reviewed at")].is_date


def test_certificates_and_short_lists_keep_scope(db, people, book) -> None:  # noqa: ANN001
    assert list(certificates_table(db, actor=people.clerk, flt=CertificateFilter(zone_id=2)).rows) == []
    queue = list(approvals_table(db, actor=people.reviewer).rows)
    assert [r[3] for r in queue] == ["land"]  # zone 1's April land bill, submitted
    assert list(approvals_table(db, actor=people.reviewer, zone_id=2).rows) == []
    # naming another zone's award by its id does not export it
    everything = list(awards_table(db, actor=people.admin).rows)
    assert everything and list(awards_table(db, actor=people.clerk2, ids=[r[0] for r in everything]).rows) == []
    assert [r[0] for r in staff_table(db, actor=people.admin, ids=[1]).rows] == ["admin"]
    with pytest.raises(PermissionDenied):
        staff_table(db, actor=people.clerk)
    zones = list(zones_table(db, actor=people.clerk).rows)
    assert zones[1][6] is None and zones[0][6] == 3  # firms counted in the clerk's zone only
