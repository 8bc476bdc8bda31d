"""The template workbook an office fills to import its firms or a month's bills.

Sheet 1 (企业 or 账单) has the header row an import finds its columns by: each field's first
(Chinese) header from db/importing/fields.py, those the program derives left out, the required
ones marked with a trailing "*" (the reader strips it) and shaded; bold and kept in view. Code
columns (credit code, phone, unit, bill number: every column that is not a number or a date) are
formatted as text, so that Excel keeps '0123' and an 18-character credit code as typed. One
example row shows the formats: dates as dates, amounts as numbers of yuan. For firms, drop-down
lists where they are cheap (sector, industry, little-giant level, zone, core technology); for
bills, the category.

Sheet 2 (说明) has a few general lines, then one row per column (header, required, format,
note), and the values the drop-down lists offer. Its texts go through `translate("db", text)`:
the desktop passes its Qt translator, a test the identity.

Written to a temporary file beside the target and renamed into place, as the list exports are.
"""

import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from db import size_class
from db.importing.fields import BILL_FIELDS, FIRM_FIELDS, ImportField, Kind
from db.translatable import QT_TRANSLATE_NOOP
from documents.list_export import replacing

Translate = Callable[[str, str], str]

SHEET_TITLES = {"firms": "企业", "bills": "账单"}
NOTES_TITLE = "说明"
REQUIRED_MARK = "*"
TEXT_FORMAT, DATE_FORMAT, YUAN_FORMAT = "@", "yyyy-mm-dd", "#,##0.00"
LAST_ROW = 1_048_576  # a drop-down list covers the whole column below the header
GIANT_LEVELS = ("市级专精特新", "国家级小巨人")
FLAG_WORDS = ("是", "否")
CATEGORIES = ("土地", "电", "水", "网络")

_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFE699")
_HEAD_FILL = PatternFill("solid", fgColor="E7E6E6")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_NUMBERS = (Kind.MONEY, Kind.INTEGER, Kind.AREA, Kind.QUANTITY)

_ONE_FIRM = QT_TRANSLATE_NOOP("db", "One firm per row.")
_ONE_BILL = QT_TRANSLATE_NOOP("db", "One bill per row.")
_HEADER = QT_TRANSLATE_NOOP("db", "The first row is the header: keep its texts; the columns may "
                                  "come in any order, and those not needed may be left out.")
_REQUIRED = QT_TRANSLATE_NOOP("db", "The shaded columns marked * are required.")
_ONE_OF = QT_TRANSLATE_NOOP("db", "Each row needs the firm's credit code or its name.")
_SHEETS = QT_TRANSLATE_NOOP("db", "Either one sheet with a 类别 column, or one sheet per category "
                                  "named 土地, 电, 水 or 网络.")
_CATEGORY_LIST = QT_TRANSLATE_NOOP("db", "Categories: 土地 (land), 电 (electricity), 水 (water), "
                                         "网络 (Internet).")
_YUAN = QT_TRANSLATE_NOOP("db", "Amounts are in yuan.")
_EXAMPLE = QT_TRANSLATE_NOOP("db", "Delete the example row before importing.")
_SAVE = QT_TRANSLATE_NOOP("db", "Save the file as .xlsx, or as CSV (UTF-8 or GB18030).")
GENERAL_LINES = {
    "firms": (_ONE_FIRM, _HEADER, _REQUIRED, _YUAN, _EXAMPLE, _SAVE),
    "bills": (_ONE_BILL, _HEADER, _REQUIRED, _ONE_OF, _SHEETS, _CATEGORY_LIST, _YUAN, _EXAMPLE,
              _SAVE),
}
NOTES_HEADER = (QT_TRANSLATE_NOOP("db", "Column"), QT_TRANSLATE_NOOP("db", "Required"),
                QT_TRANSLATE_NOOP("db", "Format"), QT_TRANSLATE_NOOP("db", "Notes"))
YES, NO = QT_TRANSLATE_NOOP("db", "Yes"), QT_TRANSLATE_NOOP("db", "No")
FORMATS = {
    Kind.TEXT: QT_TRANSLATE_NOOP("db", "Text"),
    Kind.USCC: QT_TRANSLATE_NOOP("db", "Text, 18 characters"),
    Kind.MONEY: QT_TRANSLATE_NOOP("db", "Amount in yuan"),
    Kind.INTEGER: QT_TRANSLATE_NOOP("db", "Whole number"),
    Kind.DATE: QT_TRANSLATE_NOOP("db", "Date"),
    Kind.AREA: QT_TRANSLATE_NOOP("db", "Number, in m²"),
    Kind.QUANTITY: QT_TRANSLATE_NOOP("db", "Number"),
    Kind.FLAG: QT_TRANSLATE_NOOP("db", "是 or 否"),
    Kind.CHOICE: QT_TRANSLATE_NOOP("db", "A word from the list"),
}
LIST_TITLES = {
    "sector_code": QT_TRANSLATE_NOOP("db", "Sectors"),
    "industry_code": QT_TRANSLATE_NOOP("db", "Industries"),
    "zone_code": QT_TRANSLATE_NOOP("db", "Zone codes"),
    "zone": QT_TRANSLATE_NOOP("db", "Zones"),
}
_NOT_LISTED = QT_TRANSLATE_NOOP("db", "This value is not in the list; the import will check it.")


def template_fields(kind: str) -> tuple[ImportField, ...]:
    """The columns the template of `kind` ("firms" or "bills") has, in order."""
    if kind not in SHEET_TITLES:
        raise ValueError(f"no template for {kind!r}")
    return tuple(f for f in (FIRM_FIELDS if kind == "firms" else BILL_FIELDS) if not f.ignored)


def template_header(field: ImportField) -> str:
    """The header the template writes for a field: its first header, "*" after a required one."""
    return field.title + (REQUIRED_MARK if field.required else "")


def write_template(path: Path, kind: str, *, translate: Translate = lambda c, t: t,
                   sectors: Sequence[str] = (), industries: Sequence[str] = (),
                   zones: Sequence[tuple[str, str]] = ()) -> None:
    """The template of `kind` ("firms" or "bills") at `path`. `sectors`, `industries` and
    `zones` ((code, name) pairs) are the program's lists the drop-downs offer; the industries
    default to those of the size-class rules."""
    fields = template_fields(kind)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLES[kind]
    notes = workbook.create_sheet(NOTES_TITLE)
    _write_columns(sheet, fields)
    table_row = _write_notes(notes, kind, fields, translate)
    lists = {"sector_code": list(sectors),
             "industry_code": list(industries) or [i.name for i in size_class.INDUSTRIES.values()],
             "zone_code": [code for code, _ in zones], "zone": [name for _, name in zones]}
    if kind == "firms":
        ranges = _write_lists(notes, lists, table_row, translate)
        inline = {"giant_level": GIANT_LEVELS, "core_tech": FLAG_WORDS}
    else:
        ranges, inline = {}, {"category": CATEGORIES}
    _add_validations(sheet, fields, ranges, inline, translate("db", _NOT_LISTED))
    with replacing(Path(path), "wb") as file:
        workbook.save(file)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _example(field: ImportField) -> tuple[object, str]:
    """The example's value as the cell holds it, and its number format."""
    text = field.example
    if not text:
        return None, "General" if field.kind in (*_NUMBERS, Kind.DATE) else TEXT_FORMAT
    if field.kind is Kind.DATE:
        return date.fromisoformat(text), DATE_FORMAT
    if field.kind is Kind.MONEY:
        return Decimal(text), YUAN_FORMAT
    if field.kind is Kind.INTEGER:
        return int(text), "0"
    if field.kind in _NUMBERS:
        return Decimal(text), "General"
    return text, TEXT_FORMAT


def _write_columns(sheet: Worksheet, fields: Sequence[ImportField]) -> None:
    for n, field in enumerate(fields, 1):
        letter = get_column_letter(n)
        head = sheet.cell(row=1, column=n, value=template_header(field))
        head.font = _BOLD
        head.fill = _REQUIRED_FILL if field.required else _HEAD_FILL
        value, number_format = _example(field)
        example = sheet.cell(row=2, column=n, value=value)
        example.number_format = number_format
        if example.data_type == "f":  # an example is never a formula
            example.data_type = "s"
        minimum = {Kind.USCC: 22, Kind.DATE: 12, Kind.MONEY: 16}.get(field.kind, 10)
        width = max(minimum, _display_width(head.value) + 4, _display_width(field.example) + 2)
        sheet.column_dimensions[letter].width = min(width, 40)
        if number_format == TEXT_FORMAT:  # typed codes stay text in the rows the office adds
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"


def _write_notes(notes: Worksheet, kind: str, fields: Sequence[ImportField],
                 translate: Translate) -> int:
    """The general lines and one row per column; the row of the table's header."""
    lines = GENERAL_LINES[kind]
    for row, line in enumerate(lines, 1):
        notes.cell(row=row, column=1, value=translate("db", line))
    table_row = len(lines) + 2  # after a blank row
    for column, text in enumerate(NOTES_HEADER, 1):
        cell = notes.cell(row=table_row, column=column, value=translate("db", text))
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
    for row, field in enumerate(fields, table_row + 1):
        values = (field.title, translate("db", YES if field.required else NO),
                  translate("db", FORMATS[field.kind]),
                  translate("db", field.note) if field.note else None)
        for column, value in enumerate(values, 1):
            notes.cell(row=row, column=column, value=value).alignment = \
                _WRAP if column == 4 else _TOP
    for letter, width in zip("ABCD", (20, 8, 20, 70), strict=True):
        notes.column_dimensions[letter].width = width
    return table_row


def _write_lists(notes: Worksheet, lists: dict[str, list[str]], table_row: int,
                 translate: Translate) -> dict[str, str]:
    """Each non-empty list in a column of its own right of the notes table (F, G, …); key →
    the range a drop-down refers to."""
    ranges: dict[str, str] = {}
    column = 6
    for key, values in lists.items():
        if not values:
            continue
        head = notes.cell(row=table_row, column=column, value=translate("db", LIST_TITLES[key]))
        head.font = _BOLD
        head.fill = _HEAD_FILL
        for offset, value in enumerate(values, 1):
            notes.cell(row=table_row + offset, column=column, value=value).number_format = \
                TEXT_FORMAT
        letter = get_column_letter(column)
        notes.column_dimensions[letter].width = min(
            40, max(12, *(_display_width(str(v)) + 2 for v in values)))
        ranges[key] = (f"{quote_sheetname(notes.title)}!${letter}${table_row + 1}"
                       f":${letter}${table_row + len(values)}")
        column += 1
    return ranges


def _add_validations(sheet: Worksheet, fields: Sequence[ImportField], ranges: dict[str, str],
                     inline: dict[str, Sequence[str]], message: str) -> None:
    """A drop-down list on each column that has one; a value not in it is warned of, not
    refused (the import also reads English words and codes)."""
    for n, field in enumerate(fields, 1):
        if field.key in ranges:
            formula = f"={ranges[field.key]}"
        elif field.key in inline:
            formula = '"' + ",".join(inline[field.key]) + '"'
        else:
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                    showErrorMessage=True, errorStyle="warning", error=message)
        letter = get_column_letter(n)
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(validation)


__all__ = ["GENERAL_LINES", "REQUIRED_MARK", "template_fields", "template_header",
           "write_template"]
