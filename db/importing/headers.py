"""Finding an import's columns by their header text, in any order, Chinese or English, with the
variants offices use (统一社会信用代码, 信用代码, USCC …).

The header row is the first of the first 20 rows where at least two headers are recognised, so a
title above the list ("2024年企业名单", often a merged cell) is passed over. Headers are compared
normalised (cells.normalised): spaces and line breaks inside the cell, full-width brackets, case
and a required column's "*" make no difference.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from db.errors import ValidationError, ValidationErrors
from db.importing.cells import normalised
from db.importing.fields import ImportField
from db.translatable import QT_TRANSLATE_NOOP

HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class ColumnMap:
    header_row: int  # index into rows of the header row
    columns: dict[str, int]  # field key -> column index
    unknown: tuple[str, ...]  # header texts recognised as no field (listed in the preview)


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _error(template: str, **values: object) -> ValidationError:
    return ValidationError(template, field="header", **values)


def _quoted(fields: Sequence[ImportField]) -> str:
    return ", ".join(f"“{field.title}”" for field in fields)


def find_columns(rows: Sequence[Sequence[object]], fields: Sequence[ImportField], *,
                 one_of: tuple[str, ...] = ()) -> ColumnMap:
    """Where each field's column is. Refused (field "header") when no header row is found,
    a required column is missing, none of the `one_of` columns is there, a column with data
    has no header (as a merged header cell leaves it), or one field heads two columns."""
    by_text: dict[str, ImportField] = {}
    for field in fields:
        for header in field.headers:
            by_text.setdefault(normalised(header), field)
    header_row = next((index for index, row in enumerate(rows[:HEADER_SEARCH_ROWS])
                       if sum(1 for value in row if value is not None
                              and normalised(value) in by_text) >= 2), None)
    if header_row is None:
        expected = [field for field in fields if field.required or field.key in one_of]
        raise _error(QT_TRANSLATE_NOOP(
            "db", "No row of column headers was found in the first {count} rows. The list needs "
            "a row of headers above it, such as {headers}."), count=HEADER_SEARCH_ROWS,
            headers=_quoted(expected or fields[:3]))
    errors: list[ValidationError] = []
    columns: dict[str, int] = {}
    unknown: list[str] = []
    width = max((len(row) for row in rows), default=0)
    header = list(rows[header_row]) + [None] * (width - len(rows[header_row]))
    data = rows[header_row + 1:]
    for index, value in enumerate(header):
        text = normalised(value) if value is not None else ""
        if not text:
            if any(index < len(row) and row[index] is not None for row in data):
                errors.append(_error(QT_TRANSLATE_NOOP(
                    "db", "Column {column} has data but no header. Type its header in row "
                    "{row}; a header cell merged over several columns shows this way: unmerge "
                    "it and give each column its own header."),
                    column=column_letter(index), row=header_row + 1))
            continue
        field = by_text.get(text)
        if field is None:
            unknown.append(str(value).strip())
        elif field.ignored:
            continue
        elif field.key in columns:
            errors.append(_error(QT_TRANSLATE_NOOP(
                "db", "Columns {first} and {second} both hold “{header}”. Keep one of them, or "
                "rename the other."), first=column_letter(columns[field.key]),
                second=column_letter(index), header=field.title))
        else:
            columns[field.key] = index
    for field in fields:
        if field.required and not field.ignored and field.key not in columns:
            errors.append(_error(QT_TRANSLATE_NOOP(
                "db", "The column “{header}” is missing. Add it with this header, or rename the "
                "column that holds it."), header=field.title))
    if one_of and not any(key in columns for key in one_of):
        errors.append(_error(QT_TRANSLATE_NOOP(
            "db", "The list needs one of the columns {headers}. Add one of them."),
            headers=_quoted([field for field in fields if field.key in one_of])))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)
    return ColumnMap(header_row, columns, tuple(unknown))
