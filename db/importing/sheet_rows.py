"""What the readers of a file share: the refusal of a file that cannot be read as it is, a
sheet's name and visibility, the row limit, and the tidying of the rows read.

Rows keep their place on the sheet (row 0 is the sheet's row 1, column 0 is column A), so that
a message can name a row and a column as the office sees them.
"""

from dataclasses import dataclass

from db.errors import ValidationError
from db.translatable import QT_TRANSLATE_NOOP

MAX_ROWS = 200_000


class ImportFileError(ValidationError):
    """The file (or the sheet asked for) cannot be read as it is; the message says what to fix."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template, field="file", **values)


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool


def tidy(rows: list[list[object]], *, pad: bool = False) -> list[list[object]]:
    """The rows with "" turned into None and trailing empty rows and columns dropped. `pad`
    makes ragged rows (CSV) as wide as the widest; a workbook's rows are already square."""
    rows = [[None if value == "" else value for value in row] if "" in row else row
            for row in rows]
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    if pad:
        for row in rows:
            if len(row) < width:
                row.extend([None] * (width - len(row)))
    used = width
    while used and not any(len(row) >= used and row[used - 1] is not None for row in rows):
        used -= 1
    if used < width:
        rows = [row[:used] for row in rows]
    return rows


def too_many_rows(file_name: str, count: int) -> ImportFileError:
    return ImportFileError(QT_TRANSLATE_NOOP(
        "db", "{file} holds {count} rows; at most {limit} are imported at once. Split the list "
        "into files of at most {limit} rows and import them one after another."),
        file=file_name, count=f"{count:,}", limit=f"{MAX_ROWS:,}")


def empty(file_name: str, sheet: str | None = None) -> ImportFileError:
    if sheet is None:
        return ImportFileError(QT_TRANSLATE_NOOP(
            "db", "{file} is empty: there is nothing to import. Choose the file that holds the "
            "list, or save the list again from Excel or WPS."), file=file_name)
    return ImportFileError(QT_TRANSLATE_NOOP(
        "db", "The sheet “{sheet}” of {file} is empty. Choose the sheet that holds the list."),
        file=file_name, sheet=sheet)


def damaged(file_name: str, reason: object = "") -> ImportFileError:
    # `reason` (the library's own words) is kept for the log, not shown
    return ImportFileError(QT_TRANSLATE_NOOP(
        "db", "{file} cannot be read: it is damaged or not a spreadsheet. Open it in Excel or "
        "WPS and save it again as .xlsx, then import that copy."), file=file_name,
        reason=str(reason))
