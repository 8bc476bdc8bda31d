"""A list (db/export: typed columns, rows streamed from SQL) written as a workbook or a CSV file.

XLSX in openpyxl's write-only mode, one row in memory at a time: numbers as numbers, money as
exact yuan (Decimal(fen) / 100) formatted #,##0.00, dates and times as dates, text always as
text (a credit code or a bill number '000123' is never turned into a number, and a text that
begins with '=' never into a formula), a bold header row kept in view and each column as wide
as its Column says. CSV as UTF-8 with a BOM (Chinese Excel and WPS open it right), money as
plain '1234.50', dates ISO.

Both write to a temporary file beside the target and rename it into place at the end: a cancel
(`cancelled()` turning True, polled every few hundred rows) or a failure leaves no file behind
and never replaces an existing file with a partial one. `progress(done, total)` is called every
PROGRESS_EVERY rows.

A workbook from a demo database (`demo=True`) says so in its sheet's name and printed header
(documents/demo_mark.py), its header row staying the first: the firms import reads it back.
"""

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from db.clock import SHANGHAI
from db.errors import Interrupted
from db.export.table import Column, ExportTable, Kind
from documents.demo_mark import mark_workbook

PROGRESS_EVERY = 1_000
CANCEL_EVERY = 250
YUAN_FORMAT, DATE_FORMAT, DATETIME_FORMAT = "#,##0.00", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
Progress = Callable[[int, int], object] | None
Cancelled = Callable[[], bool] | None


def yuan(fen: int) -> Decimal:
    """Fen as exact yuan: 123450 → Decimal('1234.50')."""
    return Decimal(int(fen)).scaleb(-2)


def _wall_clock(moment: datetime) -> datetime:
    """A moment as Shanghai's wall-clock time without a zone (a sheet knows no zones)."""
    return moment.astimezone(SHANGHAI).replace(tzinfo=None) if moment.tzinfo else moment


def _moment(value: datetime | str) -> datetime:
    """A moment (or its ISO text) as wall-clock time without a zone."""
    return _wall_clock(datetime.fromisoformat(value) if isinstance(value, str) else value)


@contextmanager
def replacing(path: Path, mode: str, **options: object) -> Iterator[IO]:
    """A temporary file beside `path`, renamed to `path` when the block ends normally and
    removed when it does not."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        with open(temporary, mode, **options) as file:  # noqa: PTH123 (newline= for csv)
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _rows(table: ExportTable, progress: Progress, cancelled: Cancelled) -> Iterator[tuple]:
    """The table's rows, with progress reported and the cancel polled; the source is closed
    (its read transaction ended) whatever happens."""
    total = table.total or 0
    try:
        for done, row in enumerate(table.rows):
            if done % CANCEL_EVERY == 0 and cancelled is not None and cancelled():
                raise Interrupted("the export was cancelled")
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, max(total, done))
            yield row
    finally:
        close = getattr(table.rows, "close", None)
        if close is not None:
            close()


def _headers(table: ExportTable, headers: Sequence[str] | None) -> list[str]:
    if headers is None:
        return [column.header for column in table.columns]
    if len(headers) != len(table.columns):
        raise ValueError("one header per column")
    return list(headers)


def write_xlsx(table: ExportTable, path: Path, *, headers: Sequence[str] | None = None,
               progress: Progress = None, cancelled: Cancelled = None, demo: bool = False) -> int:
    """The table as a workbook at `path`; the number of rows written. `demo`: marked 演示数据."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(table.name or "list")[:31])
    if demo:
        mark_workbook(workbook)
    for n, column in enumerate(table.columns, 1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for text in _headers(table, headers):
        cell = WriteOnlyCell(sheet, value=_text(text))
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    row_of = _row_function(table.columns, [_xlsx_writer(sheet, c) for c in table.columns],
                           "v and v.isprintable() and v[0] != '='")
    written = 0
    try:
        for row in _rows(table, progress, cancelled):
            sheet.append(row_of(row))
            written += 1
        if cancelled is not None and cancelled():
            raise Interrupted("the export was cancelled")
    except BaseException:
        discard_sheet(sheet)
        raise
    with replacing(Path(path), "wb") as file:
        workbook.save(file)
    if progress is not None:
        progress(written, written)
    return written


def _row_function(columns: Sequence[Column], writers: Sequence[Callable[[object], object]],
                  plain_text: str, money: str | None = None) -> Callable[[Sequence[object]], list]:
    """One function for a whole row, made once per file: a text that `plain_text` finds plain
    (most are) is written as it is, without a call; every other value through its column's
    writer. (A call per cell would double the time of a CSV.)"""
    parts = [f"(v if (v := r[{n}]).__class__ is str and {plain_text} else w{n}(v))"
             if column.kind == Kind.TEXT else
             f"({money} if (v := r[{n}]).__class__ is int else w{n}(v) if v is not None else None)"
             if column.kind == Kind.MONEY and money else
             f"(w{n}(v) if (v := r[{n}]) is not None else None)"
             for n, column in enumerate(columns)]
    source = (f"def row(r):\n    if len(r) != {len(columns)}:\n        raise ValueError('one value a column')\n"
              f"    return [{', '.join(parts)}]\n")
    namespace: dict[str, object] = {f"w{n}": write for n, write in enumerate(writers)}
    namespace["R"] = _RISKY
    exec(source, namespace)  # noqa: S102 (made here from column numbers only)
    return namespace["row"]


def discard_sheet(sheet: object) -> None:
    """Ends a write-only sheet given up half-way and removes openpyxl's own temporary file."""
    try:
        sheet.close()
        sheet._writer.cleanup()  # noqa: SLF001 (openpyxl keeps the sheet's rows in a file of its own)
    except Exception:  # noqa: BLE001 (already failing: the first error is the one to tell)
        pass


def _text(value: object) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value if isinstance(value, str) else str(value))


def _xlsx_writer(sheet: object, column: Column) -> Callable[[object], object]:
    """value → what is appended for it: the value itself, or a cell carrying its format."""
    def styled(value: object, number_format: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell

    if column.kind == Kind.MONEY:
        return lambda v: None if v is None else styled(yuan(v), YUAN_FORMAT)
    if column.kind == Kind.DATE:
        return lambda v: styled(v.date() if isinstance(v, datetime) else v, DATE_FORMAT) if v else None
    if column.kind == Kind.DATETIME:
        return lambda v: styled(_moment(v), DATETIME_FORMAT) if v else None
    if column.kind == Kind.INTEGER:
        return lambda v: None if v is None or v == "" else int(v)

    def text(value: object) -> object:
        if value is None or value == "":
            return None
        value = _text(value)
        if value.startswith("="):  # text, never a formula
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value
    return text


def write_csv(table: ExportTable, path: Path, *, headers: Sequence[str] | None = None,
              progress: Progress = None, cancelled: Cancelled = None, demo: bool = False) -> int:
    """The table as CSV (UTF-8 with a BOM) at `path`; the number of rows written. `demo` is
    taken as write_xlsx takes it and marks nothing: a CSV file has no place for the mark that
    the firms import would not read as a row (the callers say it beside the file)."""
    row_of = _row_function(table.columns, [_csv_writer(c) for c in table.columns], "v[:1] not in R",
                           _MONEY_TEXT)
    written = 0
    with replacing(Path(path), "w", encoding="utf-8-sig", newline="") as file:
        out = csv.writer(file)
        out.writerow(_headers(table, headers))
        for row in _rows(table, progress, cancelled):
            out.writerow(row_of(row))
            written += 1
        if cancelled is not None and cancelled():
            raise Interrupted("the export was cancelled")
    if progress is not None:
        progress(written, written)
    return written


def money_text(fen: int) -> str:
    """123450 → '1234.50', -5 → '-0.05': plain, exact, no grouping (no float on the way)."""
    digits = str(fen if fen >= 0 else -fen).rjust(3, "0")
    return f"{'-' if fen < 0 else ''}{digits[:-2]}.{digits[-2:]}"


# money_text(v) written out, for a whole row's function (a call a cell costs a tenth of a CSV)
_MONEY_TEXT = ('(("-" if v < 0 else "") + (d := str(-v if v < 0 else v).rjust(3, "0"))[:-2]'
               ' + "." + d[-2:])')
_RISKY = frozenset("=@+-\t\r")  # a spreadsheet may take a text beginning so for a formula
# a phone number or an amount: digits, spaces, dots, commas, brackets and dashes after the sign
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 .,()-]*")


def _csv_text(value: object) -> str:
    """Text as text: a cell that a spreadsheet could take for a formula gets a leading
    apostrophe; only a plain number or phone number ('+86 21 5555 1234', '-5') is left alone."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text[:1] in _RISKY and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_writer(column: Column) -> Callable[[object], str]:
    if column.kind == Kind.MONEY:
        return money_text
    if column.kind == Kind.DATE:
        return lambda v: (v.date() if isinstance(v, datetime) else v).isoformat() if v else ""
    if column.kind == Kind.DATETIME:
        # ISO text from SQL is written as it is; a datetime as Shanghai's wall clock
        return lambda v: v if v.__class__ is str else _moment(v).isoformat(sep=" ", timespec="seconds")
    if column.kind == Kind.INTEGER:
        return lambda v: "" if v is None or v == "" else str(int(v))
    return _csv_text


WRITERS = {".xlsx": write_xlsx, ".csv": write_csv}


def writer_for(path: Path) -> Callable[..., int] | None:
    """write_xlsx or write_csv by the file's suffix (None for another)."""
    return WRITERS.get(Path(path).suffix.lower())


__all__ = ["WRITERS", "money_text", "write_csv", "write_xlsx", "writer_for", "yuan"]
