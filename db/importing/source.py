"""A file chosen for import, read as the office saved it: its name, its SHA-256 (for the audit
trail), its encoding (CSV) or its sheets (workbook), and one sheet's cell values.

Cell values are str, int, float, bool, date, datetime (a workbook's), or None for an empty cell;
a CSV's are all text. Row 0 is the sheet's row 1 and column 0 its column A; trailing empty rows
and columns are dropped. The file's bytes are read once: the hash and the rows come from them.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from db.importing.csv_text import csv_rows
from db.importing.sheet_rows import MAX_ROWS, ImportFileError, SheetInfo, empty
from db.importing.workbook import Workbook
from db.translatable import QT_TRANSLATE_NOOP

__all__ = ["MAX_ROWS", "ImportFileError", "SheetInfo", "SourceSheet", "read_sheets",
           "read_source", "sheets_of"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")


@dataclass(frozen=True)
class SourceSheet:
    file_name: str  # base name of the file
    sha256: str  # hex SHA-256 of the file's bytes
    encoding: str | None  # CSV: "UTF-8", "UTF-8 with BOM", "UTF-16" or "GB18030"; None: workbook
    sheet: str | None  # the sheet read (None for CSV)
    sheets: tuple[SheetInfo, ...]  # every sheet of the workbook (() for CSV)
    rows: list[list[object]]


def _bytes(path: Path) -> bytes:
    if path.suffix.lower() not in SUFFIXES:
        raise ImportFileError(QT_TRANSLATE_NOOP(
            "db", "{file} is not a file this import reads. Save the list from Excel or WPS as "
            ".xlsx, .xlsm, .xls or .csv, then choose that file."), file=path.name)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportFileError(QT_TRANSLATE_NOOP(
            "db", "{file} cannot be opened: {reason}. Check that the file is still there and "
            "that you may read it; if it is open in Excel or WPS, close it there first."),
            file=path.name, reason=exc.strerror or str(exc)) from exc


def _workbook(path: Path) -> tuple[Workbook | None, bytes]:
    data = _bytes(path)
    if path.suffix.lower() == ".csv":
        return None, data
    return Workbook(data, path.name), data


def sheets_of(path: str | Path) -> tuple[SheetInfo, ...]:
    """Every sheet of a workbook, hidden ones marked; () for a CSV."""
    book, _ = _workbook(Path(path))
    return () if book is None else book.sheets


def read_source(path: str | Path, *, sheet: str | None = None) -> SourceSheet:
    """One sheet of the file: the one named, or else the first visible one (a hidden sheet is
    read only when asked for by name)."""
    path = Path(path)
    book, data = _workbook(path)
    digest = hashlib.sha256(data).hexdigest()
    if book is None:
        rows, encoding = csv_rows(data, path.name)
        return SourceSheet(path.name, digest, encoding, None, (), rows)
    chosen = sheet if sheet is not None else book.default_sheet()
    return SourceSheet(path.name, digest, None, chosen, book.sheets, book.rows(chosen))


def read_sheets(path: str | Path) -> list[SourceSheet]:
    """Every visible sheet that holds something (a bill file with one sheet a category; Excel's
    and WPS's blank Sheet2 and Sheet3 are passed over); a CSV's one. Refused when none does."""
    path = Path(path)
    book, data = _workbook(path)
    digest = hashlib.sha256(data).hexdigest()
    if book is None:
        rows, encoding = csv_rows(data, path.name)
        return [SourceSheet(path.name, digest, encoding, None, (), rows)]
    found = []
    for info in book.sheets:
        if info.hidden:
            continue
        rows = book.rows(info.name, empty_ok=True)
        if rows:
            found.append(SourceSheet(path.name, digest, None, info.name, book.sheets, rows))
    if not found:
        book.default_sheet()  # every sheet hidden: says so
        raise empty(path.name)
    return found
