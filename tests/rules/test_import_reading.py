"""Reading files as offices save them: CSV in each encoding Excel and WPS write, workbooks with
a wrong stated size, hidden sheets, formulas, a number where text belongs, and each kind of
damage refused with a message that says what to fix. Every file is made here, in tmp_path."""

import hashlib
import os
import re
import time
import zipfile
from datetime import date

import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from db.errors import ValidationError, ValidationErrors
from db.importing import cells, sheet_rows, workbook
from db.importing.fields import BILL_FIELDS, FIRM_FIELDS
from db.importing.headers import column_letter, find_columns
from db.importing.source import ImportFileError, SheetInfo, read_sheets, read_source, sheets_of

HEADER = ["统一社会信用代码", "企业名称", "行业领域", "所属行业", "从业人员（人）"]


def firm_rows(count: int) -> list[list[str]]:
    return [[f"91310115MA1H{n:05d}X", f"上海示例{n}号科技有限公司", "人工智能", "工业", str(n % 90)]
            for n in range(count)]


def csv_bytes(rows: list[list[str]], encoding: str, bom: bytes = b"") -> bytes:
    return bom + "".join(",".join(row) + "\r\n" for row in rows).encode(encoding)


def save_xlsx(path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def edit_sheet_xml(path, edit, name: str = "xl/worksheets/sheet1.xml") -> None:
    """Rewrites a part of the zip (the first worksheet's XML), as another program would have
    saved it."""
    with zipfile.ZipFile(path) as old:
        parts = {part: old.read(part) for part in old.namelist()}
    parts[name] = edit(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)


def message(error: ValidationError) -> str:
    return error.message()


# --- CSV encodings ----------------------------------------------------------------------------

def test_a_gb18030_csv_without_bom_keeps_a_rare_character(tmp_path):
    path = tmp_path / "企业名单.csv"
    data = csv_bytes([HEADER, ["91310115MA1H7XXX0Q", "𠀀上海示例科技有限公司", "人工智能", "工业", "35"]],
                     "gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path.write_bytes(data)
    source = read_source(path)
    assert source.encoding == "GB18030"
    assert source.rows[1][1] == "𠀀上海示例科技有限公司"
    assert source.file_name == "企业名单.csv"
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert (source.sheet, source.sheets) == (None, ())


def test_a_utf8_csv_with_and_without_bom(tmp_path):
    rows = [HEADER, ["91310115MA1H7XXX0Q", "上海示例科技有限公司", "人工智能", "工业", ""]]
    (tmp_path / "bom.csv").write_bytes(csv_bytes(rows, "utf-8", b"\xef\xbb\xbf"))
    (tmp_path / "plain.csv").write_bytes(csv_bytes(rows, "utf-8"))
    with_bom, plain = read_source(tmp_path / "bom.csv"), read_source(tmp_path / "plain.csv")
    assert (with_bom.encoding, plain.encoding) == ("UTF-8 with BOM", "UTF-8")
    assert with_bom.rows == plain.rows
    assert with_bom.rows[0][0] == "统一社会信用代码"  # no BOM left in the first header
    assert with_bom.rows[1][4] is None  # "" is None; the empty last column stays (it has a header)


def test_a_utf16_tab_separated_file_is_read(tmp_path):
    path = tmp_path / "unicode.csv"
    text = "\r\n".join("\t".join(row) for row in [HEADER, firm_rows(1)[0]]) + "\r\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    source = read_source(path)
    assert source.encoding == "UTF-16"
    assert source.rows == [HEADER, firm_rows(1)[0]]


def test_semicolons_when_the_header_has_no_comma_and_commas_win_otherwise(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_bytes("名称;金额\r\n甲;1,5\r\n".encode())
    assert read_source(path).rows == [["名称", "金额"], ["甲", "1,5"]]
    path.write_bytes("名称,备注\r\n甲,\"a;b\"\r\n".encode())
    assert read_source(path).rows == [["名称", "备注"], ["甲", "a;b"]]


def test_a_file_in_neither_encoding_is_refused_at_its_byte(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"name,amount\r\nab,1\r\n\x81\xff,2\r\n")
    with pytest.raises(ImportFileError) as refused:
        read_source(path)
    assert refused.value.field == "file"
    text = message(refused.value)
    assert "UTF-8 or GB18030" in text and "position 19" in text and "CSV UTF-8" in text


def test_ragged_csv_rows_are_squared_and_trailing_empties_dropped(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_bytes(b"a,b,,\r\n1\r\n2,3,,\r\n,,,\r\n\r\n,\r\n")
    assert read_source(path).rows == [["a", "b"], ["1", None], ["2", "3"]]


# --- workbooks ---------------------------------------------------------------------------------

def test_calamine_reads_past_a_wrong_stated_sheet_size(tmp_path):
    path = save_xlsx(tmp_path / "wps.xlsx", {"企业": [HEADER, *firm_rows(3)]})
    edit_sheet_xml(path, lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>',
                                            b'<dimension ref="A1:A1"/>', xml))
    assert b'<dimension ref="A1:A1"/>' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    # what a reader trusting the stated size gets
    trusting = openpyxl.load_workbook(path, read_only=True)["企业"]
    assert list(trusting.iter_rows(values_only=True)) == [("统一社会信用代码",)]
    source = read_source(path)
    assert source.rows == [HEADER, *firm_rows(3)]
    assert (source.encoding, source.sheet) == (None, "企业")


def test_a_hidden_first_sheet_is_listed_but_not_read_by_default(tmp_path):
    path = save_xlsx(tmp_path / "two.xlsx", {"说明": [["内部", "备注"]], "企业": [HEADER]},
                     hidden=("说明",))
    expected = (SheetInfo("说明", hidden=True), SheetInfo("企业", hidden=False))
    assert sheets_of(path) == expected
    source = read_source(path)
    assert (source.sheet, source.sheets, source.rows) == ("企业", expected, [HEADER])
    assert read_source(path, sheet="说明").rows == [["内部", "备注"]]  # chosen by name: read
    assert [s.sheet for s in read_sheets(path)] == ["企业"]


def test_every_sheet_hidden_is_refused(tmp_path):
    path = save_xlsx(tmp_path / "hidden.xlsx", {"A": [["x"]], "B": [["y"]]}, hidden=("A",))
    edit_sheet_xml(path, lambda xml: re.sub(rb'(name="B" [^>]*)state="visible"', rb'\1state="hidden"', xml),
                   "xl/workbook.xml")  # openpyxl will not write it; Excel will
    assert sheets_of(path) == (SheetInfo("A", True), SheetInfo("B", True))
    with pytest.raises(ImportFileError) as refused:
        read_source(path)
    assert "Every sheet of hidden.xlsx is hidden" in message(refused.value)
    assert "Unhide" in message(refused.value)


def test_read_sheets_gives_each_visible_sheet_with_data(tmp_path):
    path = save_xlsx(tmp_path / "bills.xlsx", {"电费": [["企业名称", "金额"], ["甲", 12.5]],
                                                "Sheet2": [], "水费": [["企业名称", "金额"], ["乙", 3]]})
    sheets = read_sheets(path)
    assert [(s.sheet, s.rows) for s in sheets] == [("电费", [["企业名称", "金额"], ["甲", 12.5]]),
                                                    ("水费", [["企业名称", "金额"], ["乙", 3]])]
    assert len({s.sha256 for s in sheets}) == 1


def test_a_formula_is_read_as_its_saved_value(tmp_path):
    path = save_xlsx(tmp_path / "formula.xlsx", {"S": [["单价", "金额"], [10, 1]]})
    edit_sheet_xml(path, lambda xml: re.sub(rb'<c r="B2"[^>]*>.*?</c>',
                                            b'<c r="B2"><f>A2*2</f><v>20</v></c>', xml))
    assert b"<f>A2*2</f>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    rows = read_source(path).rows
    assert rows[1][1] == 20
    assert cells.money_cell(rows[1][1]) == 2000


def test_openpyxl_reads_a_zip_workbook_calamine_refuses(tmp_path, monkeypatch):
    path = save_xlsx(tmp_path / "odd.xlsx", {"S": [["单价", "金额"], [10, 1]]})
    edit_sheet_xml(path, lambda xml: re.sub(rb'<c r="B2"[^>]*>.*?</c>',
                                            b'<c r="B2"><f>A2*2</f><v>20</v></c>', xml))

    class Refusing:
        @staticmethod
        def from_filelike(_file):
            raise workbook.calamine.XmlError("unexpected element")

    monkeypatch.setattr(workbook.calamine, "CalamineWorkbook", Refusing)
    source = read_source(path)
    assert source.rows == [["单价", "金额"], [10, 20]]
    assert source.sheets == (SheetInfo("S", False),)


def test_trailing_empty_rows_and_columns_are_dropped_leading_ones_kept(tmp_path):
    path = save_xlsx(tmp_path / "tail.xlsx", {"S": [[None, None], [None, "名称", "金额"],
                                                     [None, "甲", 1, ""]]})
    sheet = openpyxl.load_workbook(path)
    sheet["S"]["F40"] = " "
    sheet["S"]["F40"].value = None  # a cell touched, then emptied
    sheet["S"]["D3"].font = openpyxl.styles.Font(bold=True)
    sheet.save(path)
    rows = read_source(path).rows
    assert rows == [[None, None, None], [None, "名称", "金额"], [None, "甲", 1]]  # row 0 is row 1


def test_a_uscc_saved_as_a_number_is_refused_with_the_fix(tmp_path):
    path = save_xlsx(tmp_path / "number.xlsx",
                     {"S": [HEADER, [914403001234567890, "甲公司", "人工智能", "工业", 3]]})
    rows = read_source(path).rows
    assert isinstance(rows[1][0], float)
    with pytest.raises(ValidationError) as refused:
        cells.uscc_cell(rows[1][0])
    assert refused.value.field == "uscc"
    assert "saved as a number" in message(refused.value)
    assert "Format the column as text" in message(refused.value)


# --- damage ------------------------------------------------------------------------------------

def test_a_password_protected_workbook_is_named_as_such(tmp_path):
    plain = save_xlsx(tmp_path / "plain.xlsx", {"S": [HEADER]})
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as out:
        OOXMLFile(source).encrypt("secret", out)
    (tmp_path / "locked.xls").write_bytes(locked.read_bytes())
    for path in (locked, tmp_path / "locked.xls"):
        with pytest.raises(ImportFileError) as refused:
            read_source(path)
        assert refused.value.field == "file"
        text = message(refused.value)
        assert f"{path.name} is protected by a password" in text and "remove the password" in text


def test_a_password_calamine_finds_itself_gives_the_same_message(tmp_path, monkeypatch):
    # calamine names the password of a legacy .xls (its FILEPASS record), which no tool here
    # writes; an encrypted .xlsx is caught before calamine, by its OLE2 EncryptionInfo stream
    path = save_xlsx(tmp_path / "old.xlsx", {"S": [HEADER]})

    class Locked:
        @staticmethod
        def from_filelike(_file):
            raise workbook.calamine.PasswordError("Workbook is password protected")

    monkeypatch.setattr(workbook.calamine, "CalamineWorkbook", Locked)
    with pytest.raises(ImportFileError, match="old.xlsx is protected by a password"):
        read_source(path)


def test_a_workbook_named_for_another_format_is_read_by_its_content(tmp_path):
    path = save_xlsx(tmp_path / "list.xlsx", {"S": [HEADER]})
    (tmp_path / "list.xls").write_bytes(path.read_bytes())
    assert read_source(tmp_path / "list.xls").rows == [HEADER]


@pytest.mark.parametrize("make", ["truncated", "random", "text"])
def test_a_damaged_file_or_not_a_spreadsheet_is_refused(tmp_path, make):
    path = tmp_path / "list.xlsx"
    good = save_xlsx(tmp_path / "good.xlsx", {"S": [HEADER, *firm_rows(50)]}).read_bytes()
    path.write_bytes({"truncated": good[:len(good) // 2], "random": os.urandom(4096),
                      "text": "名称,金额\n".encode()}[make])
    with pytest.raises(ImportFileError) as refused:
        read_source(path)
    text = message(refused.value)
    assert "list.xlsx cannot be read: it is damaged or not a spreadsheet" in text
    assert "save it again as .xlsx" in text


def test_an_unknown_suffix_names_the_accepted_ones(tmp_path):
    path = tmp_path / "list.numbers"
    path.write_bytes(b"x")
    with pytest.raises(ImportFileError) as refused:
        read_source(path)
    assert ".xlsx, .xlsm, .xls or .csv" in message(refused.value)


@pytest.mark.parametrize("name", ["empty.csv", "empty.xlsx"])
def test_an_empty_file_is_refused(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(ImportFileError) as refused:
        read_source(tmp_path / name)
    assert f"{name} is empty: there is nothing to import" in message(refused.value)


def test_an_empty_sheet_and_a_csv_of_empty_lines_are_refused(tmp_path):
    path = save_xlsx(tmp_path / "blank.xlsx", {"空": []})
    with pytest.raises(ImportFileError) as refused:
        read_source(path)
    assert "The sheet “空” of blank.xlsx is empty" in message(refused.value)
    (tmp_path / "commas.csv").write_bytes(b",,,\r\n\r\n")
    with pytest.raises(ImportFileError, match="commas.csv is empty"):
        read_source(tmp_path / "commas.csv")


def test_a_sheet_that_does_not_exist_names_the_sheets(tmp_path):
    path = save_xlsx(tmp_path / "s.xlsx", {"企业": [HEADER], "账单": [HEADER]})
    with pytest.raises(ImportFileError) as refused:
        read_source(path, sheet="名单")
    assert message(refused.value) == "s.xlsx has no sheet named “名单”. Its sheets are: “企业”, “账单”."


def test_a_file_that_cannot_be_opened_says_why(tmp_path):
    with pytest.raises(ImportFileError) as refused:
        read_source(tmp_path / "gone.xlsx")
    assert "gone.xlsx cannot be opened: No such file or directory" in message(refused.value)
    if os.geteuid() != 0:
        path = tmp_path / "locked.csv"
        path.write_bytes(b"a,b\r\n")
        path.chmod(0)
        with pytest.raises(ImportFileError, match="Permission denied"):
            read_source(path)


def test_more_rows_than_the_limit_are_refused_with_the_count(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_rows, "MAX_ROWS", 100)
    rows = [HEADER, *firm_rows(120)]
    xlsx = save_xlsx(tmp_path / "many.xlsx", {"S": rows})
    (tmp_path / "many.csv").write_bytes(csv_bytes(rows, "utf-8"))
    for path in (xlsx, tmp_path / "many.csv"):
        with pytest.raises(ImportFileError) as refused:
            read_source(path)
        assert "holds 121 rows; at most 100 are imported at once" in message(refused.value)
    fits = save_xlsx(tmp_path / "fits.xlsx", {"S": [HEADER, *firm_rows(99)]})
    assert len(read_source(fits).rows) == 100


# --- the same list in three files --------------------------------------------------------------

def test_the_same_200_firms_read_alike_from_gb18030_utf8_bom_and_xlsx(tmp_path):
    rows = [HEADER, *firm_rows(200)]
    rows[7][1] = "𠀀记（上海）有限公司"
    (tmp_path / "gb.csv").write_bytes(csv_bytes(rows, "gb18030"))
    (tmp_path / "bom.csv").write_bytes(csv_bytes(rows, "utf-8", b"\xef\xbb\xbf"))
    save_xlsx(tmp_path / "book.xlsx", {"企业": rows})
    read = [read_source(tmp_path / name) for name in ("gb.csv", "bom.csv", "book.xlsx")]
    assert [source.encoding for source in read] == ["GB18030", "UTF-8 with BOM", None]
    assert read[0].rows == read[1].rows == read[2].rows == rows
    assert len({source.sha256 for source in read}) == 3


# --- headers -----------------------------------------------------------------------------------

def test_a_merged_title_row_above_the_header_is_passed_over(tmp_path):
    path = save_xlsx(tmp_path / "title.xlsx", {"S": [["2024年企业名单"], [],
                                                      ["序号", " 统一社会\n信用代码 ", "*企业名称", "行业领域",
                                                       "所属行业", "从业人员(人)", "备注"],
                                                      [1, "91310115MA1H7XXX0Q", "甲", "人工智能", "工业", 3, ""]]})
    book = openpyxl.load_workbook(path)
    book["S"].merge_cells("A1:G1")
    book.save(path)
    found = find_columns(read_source(path).rows, FIRM_FIELDS)
    assert found.header_row == 2
    assert found.columns == {"uscc": 1, "name": 2, "sector_code": 3, "industry_code": 4,
                             "employees": 5}
    assert found.unknown == ("序号", "备注")


def test_a_blank_header_over_a_data_column_is_named_by_its_letter(tmp_path):
    path = save_xlsx(tmp_path / "merged.xlsx", {"S": [[*HEADER, "联系方式", None],
                                                       [*firm_rows(1)[0], "李四", "021-12345678"]]})
    book = openpyxl.load_workbook(path)
    book["S"].merge_cells("F1:G1")
    book.save(path)
    with pytest.raises(ValidationError) as refused:
        find_columns(read_source(path).rows, FIRM_FIELDS)
    assert refused.value.field == "header"
    assert message(refused.value).startswith("Column G has data but no header. Type its header "
                                             "in row 1")
    assert "unmerge" in message(refused.value)


def test_header_problems_each_named(tmp_path):
    with pytest.raises(ValidationError) as refused:
        find_columns([["名称", "Credit code", "所属行业", "USCC"], ["a", "b", "c", "d"]],
                     FIRM_FIELDS)
    errors = refused.value.errors
    assert isinstance(refused.value, ValidationErrors)
    assert {e.field for e in errors} == {"header"}
    assert [message(e) for e in errors] == [
        "Columns B and D both hold “统一社会信用代码”. Keep one of them, or rename the other.",
        "The column “行业领域” is missing. Add it with this header, or rename the column that "
        "holds it."]
    with pytest.raises(ValidationError) as refused:
        find_columns([["类别", "金额", "备注"], ["电", 1, None]], BILL_FIELDS, one_of=("uscc", "name"))
    assert message(refused.value) == ("The list needs one of the columns “统一社会信用代码”, "
                                      "“企业名称”. Add one of them.")
    with pytest.raises(ValidationError) as refused:
        find_columns([["2024年名单"], ["名称", "x"]], FIRM_FIELDS)
    text = message(refused.value)
    assert "No row of column headers was found in the first 20 rows" in text
    assert "“统一社会信用代码”, “企业名称”, “行业领域”, “所属行业”" in text


def test_ignored_columns_are_neither_mapped_nor_unknown():
    found = find_columns([["Credit code", "NAME", "Sector", "Industry", "规模", "状态", "Remarks"]],
                         FIRM_FIELDS)
    assert found.columns == {"uscc": 0, "name": 1, "sector_code": 2, "industry_code": 3}
    assert found.unknown == ("Remarks",)


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == \
        ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


# --- size --------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_file_of_100000_rows_reads_in_about_calamines_time(tmp_path):
    path = tmp_path / "big.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("S")
    sheet.append([*HEADER, *(f"列{n}" for n in range(20))])
    for n in range(100_000):
        sheet.append([f"91310115MA1H{n:06d}", f"企业{n}", "人工智能", n * 1.25, date(2024, 1, 1), "",
                      None, *([n % 7] * 18)])
    book.save(path)
    started = time.perf_counter()
    bare = workbook.calamine.CalamineWorkbook.from_path(path).get_sheet_by_name("S").to_python()
    floor = time.perf_counter() - started
    started = time.perf_counter()
    source = read_source(path)
    took = time.perf_counter() - started
    print(f"100,000 rows × 25: calamine {floor:.2f} s, read_source {took:.2f} s")
    assert len(source.rows) == len(bare) == 100_001
    assert source.rows[1][5] is None and source.rows[100_000][0] == "91310115MA1H099999"
    assert took < 2 * floor + 1
