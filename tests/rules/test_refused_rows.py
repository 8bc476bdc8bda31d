"""The workbook of refused rows (documents/refused_rows.py): the office fixes it and imports it
again, so every cell comes back as it was read, and the two added columns are ones the import
reads past."""

from datetime import date, datetime

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from db.importing.cells import normalised
from db.importing.fields import BILL_FIELDS, FIRM_FIELDS
from documents import refused_rows
from documents.refused_rows import write_refused_rows

HEADERS = ("统一社会信用代码", "企业名称", "成立日期", "注册资本（元）", "电话", "备注")
ROWS = [
    (3, ("0123", "上海示例科技有限公司", date(2024, 3, 5), 5000000, "021-12345678", "=A1"),
     "统一社会信用代码应为18位"),
    (7, ("91310115MA1H7XXX0Q", "", datetime(2024, 3, 5, 8, 30), 1234.5, "0123", None),
     "企业名称不能为空"),
    (12, ("913101150000000001", "多一列", None, None), ""),
]


def _write(path):  # noqa: ANN001, ANN202
    return write_refused_rows(path, HEADERS, iter(ROWS))


def test_the_cells_come_back_as_they_were_read(tmp_path):
    path = tmp_path / "refused.xlsx"
    assert _write(path) == 3
    expected_head = [*HEADERS, "原因", "原行号"]
    def as_openpyxl_reads(value: object) -> object:  # a date comes back as a datetime
        if value == "":
            return None
        return value if not isinstance(value, date) or isinstance(value, datetime) else \
            datetime(value.year, value.month, value.day)

    expected = [[*map(as_openpyxl_reads, values), *[None] * (6 - len(values)), reason or None,
                 number] for number, values, reason in ROWS]
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == expected_head
    assert rows[1:] == expected
    for row in sheet.iter_rows(min_row=2):
        for cell in row[:6]:
            if isinstance(cell.value, str):
                assert (cell.data_type, cell.number_format) == ("s", "@")  # "=A1" no formula
    assert sheet["C2"].number_format == "yyyy-mm-dd"
    calamine = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.title).to_python()
    assert calamine[0] == expected_head
    assert calamine[1][:6] == ["0123", "上海示例科技有限公司", date(2024, 3, 5), 5000000,
                               "021-12345678", "=A1"]
    assert calamine[2][:5] == ["91310115MA1H7XXX0Q", "", datetime(2024, 3, 5, 8, 30), 1234.5,
                               "0123"]
    assert [r[-1] for r in calamine[1:]] == [3, 7, 12]


def test_the_reason_and_the_row_number_come_last_shaded_and_unknown_to_the_import(tmp_path):
    path = tmp_path / "refused.xlsx"
    _write(path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1])
    reason = sheet.cell(row=2, column=len(HEADERS) + 1)
    assert reason.value == ROWS[0][2]
    assert reason.fill.fgColor.rgb.endswith("F8CBAD") and reason.alignment.wrap_text
    known = {normalised(h) for f in (*FIRM_FIELDS, *BILL_FIELDS) for h in f.headers}
    assert normalised("原因") not in known and normalised("原行号") not in known


def test_a_row_wider_than_the_header_keeps_its_cells_before_the_reason(tmp_path):
    path = tmp_path / "wide.xlsx"
    rows = [(2, ("a", "b", "c", "d"), "too wide")]
    assert write_refused_rows(path, ("甲", None, 2024), rows, reason_header="Reason",
                              row_header="Row", sheet_title="电") == 1
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["电"]  # a bills sheet named by its category stays so
    assert [list(r) for r in book["电"].iter_rows(values_only=True)] == [
        ["甲", None, 2024, None, "Reason", "Row"], ["a", "b", "c", "d", "too wide", 2]]


def test_nothing_is_left_half_written(tmp_path, monkeypatch):
    with pytest.raises(FileNotFoundError):
        _write(tmp_path / "missing" / "refused.xlsx")
    assert list(tmp_path.iterdir()) == []

    path = tmp_path / "refused.xlsx"
    path.write_bytes(b"the earlier report")

    def failing_save(self, file):  # noqa: ANN001, ANN202
        file.write(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(refused_rows.Workbook, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        _write(path)
    assert path.read_bytes() == b"the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["refused.xlsx"]
