"""The shape of an exported list: typed columns and rows streamed from SQL."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"  # written as text, always (a USCC or a bill number never becomes a number)
    INTEGER = "integer"
    MONEY = "money"  # value int fen -> written as yuan 0.00, exact Decimal
    DATE = "date"  # value datetime.date or None
    DATETIME = "datetime"  # value datetime in Shanghai, naive or aware (or its ISO text, as SQL gives it)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # English source text, marked QT_TRANSLATE_NOOP("export", ...)
    kind: Kind = Kind.TEXT
    width: int = 14  # characters


@dataclass
class ExportTable:
    name: str
    columns: tuple[Column, ...]
    total: int | None
    rows: Iterator[tuple]  # each row's values in the columns' order, streamed in chunks
