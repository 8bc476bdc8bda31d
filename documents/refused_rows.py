"""The rows an import refused, as a workbook the office fixes and imports again.

The header row is the file's own, as read; then each refused row's cells as they were read:
text stays text (a '0123' or a credit code is written as text, formatted "@", and a text that
begins with '=' never becomes a formula), dates stay dates, numbers stay numbers. Two columns
follow, LAST, so that the import of the fixed file reads past them as unknown columns: the
reason (shaded pale red, wrapped) and the row's number in the original file. No field of
db/importing/fields.py is known by either header.

Written to a temporary file beside the target and renamed into place: a failure leaves no file
behind and never replaces an existing one with a partial one.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from documents.list_export import discard_sheet, replacing

SHEET_TITLE = "未导入"
TEXT_FORMAT, DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT = (
    "@", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "hh:mm:ss")
_BOLD = Font(bold=True)
_REASON_FILL = PatternFill("solid", fgColor="F8CBAD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_NUMBERS = (int, float, Decimal)


def write_refused_rows(path: Path, headers: Sequence[str],
                       rows: Iterable[tuple[int, Sequence[object], str]], *,
                       reason_header: str = "原因", row_header: str = "原行号",
                       sheet_title: str = SHEET_TITLE) -> int:
    """The refused rows at `path`: `rows` gives (the row's number in the original file, its
    cells as read, the reason). The number of rows written. `sheet_title` names the sheet (a
    bills file read sheet by sheet takes each sheet's category from its name)."""
    return write_refused_sheets(path, [(sheet_title, headers, rows)], reason_header=reason_header,
                                row_header=row_header)


def write_refused_sheets(path: Path, sheets: Sequence[tuple[str, Sequence[str],
                                                            Iterable[tuple[int, Sequence[object], str]]]],
                         *, reason_header: str = "原因", row_header: str = "原行号") -> int:
    """Refused rows of several sheets, each (title, its header row, its rows) on a sheet of its
    own with its own headers: a bills file with one sheet per category comes back so, and
    imports again as it was read. The number of rows written."""
    workbook = Workbook(write_only=True)
    made: list[object] = []
    written = 0
    try:
        for title, headers, rows in sheets:
            sheet = workbook.create_sheet(title[:31] or SHEET_TITLE)
            made.append(sheet)
            written += _write_sheet(sheet, headers, list(rows), reason_header, row_header)
        with replacing(Path(path), "wb") as file:
            workbook.save(file)
    except BaseException:
        for sheet in made:
            discard_sheet(sheet)
        raise
    return written


def _write_sheet(sheet, headers: Sequence[str], refused: list[tuple[int, Sequence[object], str]],  # noqa: ANN001
                 reason_header: str, row_header: str) -> int:
    width = max([len(headers), *(len(values) for _, values, _ in refused)])  # the widest row
    for n in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(n)].width = 16
    sheet.column_dimensions[get_column_letter(width + 1)].width = 50
    sheet.column_dimensions[get_column_letter(width + 2)].width = 10
    sheet.freeze_panes = "A2"
    head = [_cell(sheet, value) for value in (*headers, *[None] * (width - len(headers)),
                                              reason_header, row_header)]
    for cell in head:
        if isinstance(cell, Cell):
            cell.font = _BOLD
    sheet.append(head)
    for number, values, reason in refused:
        cells = [_cell(sheet, value) for value in values]
        cells.extend([None] * (width - len(values)))
        because = WriteOnlyCell(sheet, value=_text(reason))
        because.data_type = "s"
        because.fill = _REASON_FILL
        because.alignment = _WRAP
        sheet.append([*cells, because, number])
    return len(refused)


def _cell(sheet: object, value: object) -> object:
    """What is appended for a value as it was read: a text cell formatted as text, a date
    formatted as a date, a number as it is."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or isinstance(value, _NUMBERS):
        return value
    if isinstance(value, datetime | date | time | timedelta):
        if isinstance(value, datetime | time) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)  # a sheet knows no zones
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime):
            cell.number_format = DATETIME_FORMAT if value.time() != time() else DATE_FORMAT
        elif isinstance(value, date):
            cell.number_format = DATE_FORMAT
        elif isinstance(value, time):
            cell.number_format = TIME_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=_text(value))
    cell.data_type = "s"  # text, never a formula
    cell.number_format = TEXT_FORMAT
    return cell


def _text(value: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value if isinstance(value, str) else str(value))


__all__ = ["write_refused_rows", "write_refused_sheets"]
