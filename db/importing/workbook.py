"""Reading a workbook (XLSX, XLSM, XLS) as Excel and WPS save it.

python-calamine reads it: it goes by the cells themselves, not by the sheet size the file
states (WPS often writes <dimension ref="A1:A1"/> whatever the sheet holds), reads a formula's
saved value, and is about ten times faster than openpyxl. A zip workbook calamine refuses is
tried again with openpyxl (the whole file, not read-only: read-only trusts the stated size),
formulas read as their saved values.
"""

import io
import zipfile

import python_calamine as calamine

from db.importing import sheet_rows
from db.importing.sheet_rows import ImportFileError, SheetInfo, damaged, empty, tidy, too_many_rows
from db.translatable import QT_TRANSLATE_NOOP

OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")  # the container of .xls and of encrypted .xlsx
ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def protected(file_name: str) -> ImportFileError:
    return ImportFileError(QT_TRANSLATE_NOOP(
        "db", "{file} is protected by a password. Open it in Excel or WPS, remove the password "
        "(File › Info › Protect Workbook › Encrypt with Password, or WPS's File › Document "
        "Encryption), save it, then import it again."), file=file_name)


class Workbook:
    """One workbook read from its bytes: its sheets, and any sheet's rows."""

    def __init__(self, data: bytes, file_name: str) -> None:
        self.file_name = file_name
        if not data:
            raise empty(file_name)
        if data.startswith(OLE2) and ENCRYPTION_INFO in data:
            raise protected(file_name)
        self._openpyxl = None
        try:
            self._book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            self.sheets = tuple(
                SheetInfo(meta.name, meta.visible != calamine.SheetVisibleEnum.Visible)
                for meta in self._book.sheets_metadata
                if meta.typ == calamine.SheetTypeEnum.WorkSheet)
        except calamine.PasswordError as exc:
            raise protected(file_name) from exc
        except calamine.CalamineError as exc:
            if not zipfile.is_zipfile(io.BytesIO(data)):
                raise damaged(file_name, exc) from exc
            self._open_with_openpyxl(data, exc)

    def _open_with_openpyxl(self, data: bytes, first: Exception) -> None:
        import openpyxl  # only for the rare file calamine refuses
        try:
            self._openpyxl = openpyxl.load_workbook(io.BytesIO(data), read_only=False,
                                                    data_only=True)
        except Exception as exc:  # noqa: BLE001 (any failure of the parser: the file is damaged)
            raise damaged(self.file_name, f"{first}; {exc}") from exc
        self.sheets = tuple(SheetInfo(ws.title, ws.sheet_state != "visible")
                            for ws in self._openpyxl.worksheets)

    def default_sheet(self) -> str:
        visible = [info.name for info in self.sheets if not info.hidden]
        if not visible:
            raise ImportFileError(QT_TRANSLATE_NOOP(
                "db", "Every sheet of {file} is hidden. In Excel or WPS, unhide the sheet that "
                "holds the list (right-click a sheet tab › Unhide), save the file, then import "
                "it again."), file=self.file_name)
        return visible[0]

    def rows(self, sheet: str, *, empty_ok: bool = False) -> list[list[object]]:
        """The sheet's rows, tidied; refused when the sheet does not exist, holds more than
        MAX_ROWS rows, or is empty (unless `empty_ok`: then [])."""
        if sheet not in {info.name for info in self.sheets}:
            raise ImportFileError(QT_TRANSLATE_NOOP(
                "db", "{file} has no sheet named “{sheet}”. Its sheets are: {sheets}."),
                file=self.file_name, sheet=sheet,
                sheets=", ".join(f"“{info.name}”" for info in self.sheets))
        try:
            raw = self._calamine_rows(sheet) if self._openpyxl is None else self._openpyxl_rows(sheet)
        except calamine.CalamineError as exc:
            raise damaged(self.file_name, exc) from exc
        rows = tidy(raw)
        if len(rows) > sheet_rows.MAX_ROWS:
            raise too_many_rows(self.file_name, len(rows))
        if not rows and not empty_ok:
            raise empty(self.file_name, sheet)
        return rows

    def _calamine_rows(self, sheet: str) -> list[list[object]]:
        limit = sheet_rows.MAX_ROWS
        found = self._book.get_sheet_by_name(sheet)
        if found.end is not None and found.end[0] >= limit:
            # something below the limit's last row: count the rows without keeping them
            last = max((number for number, row in enumerate(found.iter_rows(), found.start[0])
                        if any(value != "" for value in row)), default=-1)
            if last >= limit:
                raise too_many_rows(self.file_name, last + 1)
            return found.to_python(skip_empty_area=False, nrows=limit)
        return found.to_python(skip_empty_area=False)

    def _openpyxl_rows(self, sheet: str) -> list[list[object]]:
        return [list(row) for row in self._openpyxl[sheet].iter_rows(values_only=True)]
