"""The import templates (documents/import_template.py), read back as an office's Excel would
see them (openpyxl: formats, drop-downs) and as the import reads them (python-calamine)."""

from datetime import date

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from db.importing.cells import normalised
from db.importing.fields import BILL_FIELDS, FIRM_FIELDS, Kind
from documents.import_template import GENERAL_LINES, write_template

SECTORS = ("人工智能", "生物医药", "集成电路")
ZONES = (("Z01", "张江园区"), ("Z02", "漕河泾园区"))
KINDS = {"firms": ("企业", FIRM_FIELDS), "bills": ("账单", BILL_FIELDS)}


def _translated(context: str, text: str) -> str:
    """A translator that shows it was asked: every text of the notes comes through it."""
    assert context == "db"
    return "译:" + text


def _expected_headers(fields) -> list[str]:  # noqa: ANN001
    return [f.title + ("*" if f.required else "") for f in fields if not f.ignored]


@pytest.fixture(params=["firms", "bills"])
def template(request, tmp_path):  # noqa: ANN001, ANN201
    kind = request.param
    path = tmp_path / f"{kind}.xlsx"
    write_template(path, kind, translate=_translated, sectors=SECTORS, zones=ZONES)
    return kind, path


def test_the_header_row_is_each_fields_first_header_with_the_required_ones_marked(template):
    kind, path = template
    title, fields = KINDS[kind]
    expected = _expected_headers(fields)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [title, "说明"]
    sheet = book[title]
    assert [c.value for c in sheet[1]] == expected
    assert sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1])
    shaded = {c.value for c in sheet[1] if c.fill.fgColor.rgb.endswith("FFE699")}
    assert shaded == {h for h in expected if h.endswith("*")} != set()
    calamine = CalamineWorkbook.from_path(str(path))
    assert calamine.sheet_names == [title, "说明"]
    assert calamine.get_sheet_by_name(title).to_python()[0] == expected
    # the import finds each column by its header, the mark dropped: one field, no other
    every = [normalised(h) for f in fields for h in f.headers]
    for header, field in zip(expected, (f for f in fields if not f.ignored), strict=True):
        assert normalised(header) == normalised(field.title)
        assert every.count(normalised(header)) == 1, header


def test_code_columns_are_text_and_the_example_row_shows_each_format(template):
    kind, path = template
    title, fields = KINDS[kind]
    fields = [f for f in fields if not f.ignored]
    column = {f.key: n for n, f in enumerate(fields)}
    sheet = openpyxl.load_workbook(path)[title]
    letters = [c.column_letter for c in sheet[1]]
    text_keys = ["uscc"] + (["contact_phone", "unit"] if kind == "firms" else ["bill_reference"])
    for key in text_keys:
        assert sheet.column_dimensions[letters[column[key]]].number_format == "@", key
        assert sheet[2][column[key]].number_format == "@", key
    example = sheet[2]
    assert example[column["uscc"]].value == "91310115MA1H7XXX0Q"
    assert example[column["uscc"]].data_type == "s"
    money = next(f for f in fields if f.kind is Kind.MONEY)
    assert example[column[money.key]].number_format == "#,##0.00"
    assert isinstance(example[column[money.key]].value, int | float)
    row = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(title).to_python()[1]
    uscc = row[column["uscc"]]
    assert isinstance(uscc, str) and len(uscc) == 18
    assert row[column[money.key]] == float(money.example)
    if kind == "firms":
        assert row[column["founded_on"]] == date(2019, 3, 5)
        assert row[column["employees"]] == 35
        assert example[column["founded_on"]].number_format == "yyyy-mm-dd"
    else:
        assert row[column["category"]] == "电"


def test_the_notes_sheet_has_the_general_lines_then_one_row_per_column(template):
    kind, path = template
    fields = [f for f in KINDS[kind][1] if not f.ignored]
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("说明").to_python()
    lines = GENERAL_LINES[kind]
    assert [r[0] for r in rows[:len(lines)]] == ["译:" + line for line in lines]
    header = len(lines) + 1
    assert rows[header][:4] == ["译:Column", "译:Required", "译:Format", "译:Notes"]
    table = rows[header + 1:header + 1 + len(fields)]
    assert [r[0] for r in table] == [f.title for f in fields]
    for r, field in zip(table, fields, strict=True):
        assert r[1] == ("译:Yes" if field.required else "译:No")
        assert r[2].startswith("译:")
        assert r[3] == ("译:" + field.note if field.note else "")
    assert all(not any(r[:4]) for r in rows[header + 1 + len(fields):])
    if kind == "bills":
        assert any("土地" in line and "网络" in line for line in lines)


def _list_values(book, formula: str) -> list[str]:  # noqa: ANN001
    """The values a drop-down offers: its quoted list, or the cells its range refers to."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, cells = formula.lstrip("=").split("!")
    sheet = book[sheet_name.strip("'")]
    return [c.value for (c,) in sheet[cells.replace("$", "")]]


def test_drop_down_lists_offer_the_programs_words(template):
    kind, path = template
    title, fields = KINDS[kind]
    fields = [f for f in fields if not f.ignored]
    book = openpyxl.load_workbook(path)
    sheet = book[title]
    offered = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        assert validation.errorStyle == "warning"  # English words and codes are read too
        (cells,) = validation.sqref.ranges
        assert cells.min_row == 2 and cells.min_col == cells.max_col
        key = fields[cells.min_col - 1].key
        offered[key] = _list_values(book, validation.formula1)
    if kind == "bills":
        assert offered == {"category": ["土地", "电", "水", "网络"]}
        return
    assert set(offered) == {"sector_code", "industry_code", "giant_level", "zone_code", "zone",
                            "core_tech"}
    assert offered["sector_code"] == list(SECTORS)
    assert offered["zone_code"] == ["Z01", "Z02"]
    assert offered["zone"] == ["张江园区", "漕河泾园区"]
    assert offered["core_tech"] == ["是", "否"]
    assert offered["giant_level"] == ["市级专精特新", "国家级小巨人"]
    assert "工业" in offered["industry_code"]  # the size-class industries when none are given


def test_lists_not_given_get_no_drop_down_and_the_file_replaces_an_old_one(tmp_path):
    path = tmp_path / "firms.xlsx"
    path.write_bytes(b"an old file")
    write_template(path, "firms", industries=("工业",))
    book = openpyxl.load_workbook(path)
    keys = [f.key for f in FIRM_FIELDS if not f.ignored]
    listed = {keys[next(iter(v.sqref.ranges)).min_col - 1]: _list_values(book, v.formula1)
              for v in book["企业"].data_validations.dataValidation}
    assert listed == {"industry_code": ["工业"], "giant_level": ["市级专精特新", "国家级小巨人"],
                      "core_tech": ["是", "否"]}
    assert [p.name for p in tmp_path.iterdir()] == ["firms.xlsx"]


def test_no_template_for_another_kind_and_none_in_a_missing_folder(tmp_path):
    with pytest.raises(ValueError):
        write_template(tmp_path / "x.xlsx", "awards")
    with pytest.raises(FileNotFoundError):
        write_template(tmp_path / "missing" / "firms.xlsx", "firms")
    assert list(tmp_path.iterdir()) == []
