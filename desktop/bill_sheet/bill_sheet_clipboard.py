"""Copy and paste between the bill sheet and a spreadsheet (Excel, WPS): Ctrl+C puts the selected
cells on the clipboard as tab-separated lines; Ctrl+V fills the cells from the current one
rightwards and downwards, one pasted value a cell, each checked as if it were typed (a wrong one
stays in its cell, red, with the reason; nothing is saved while any is wrong). Values that fall
outside the sheet or on a cell that cannot be typed in are counted and named, never dropped
silently. No widgets here: the view calls these and the pane says what happened.
"""

from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, Qt

from db.money import format_fen
from desktop.bill_sheet.bill_sheet_model import ERROR_ROLE, FEN_ROLE, BillSheetModel

Cell = tuple[int, int]  # (row, column) of the sheet


def read_block(text: str) -> list[list[str]]:
    """Text copied from a spreadsheet -> rows of cells. Lines end in \\r\\n, \\n or \\r; a line
    end or blank lines at the end are no rows; a cell the spreadsheet quoted ("…") is unquoted."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [[_unquoted(value) for value in line.split("\t")] for line in lines]


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return value[1:-1].replace('""', '"')
    return value


@dataclass
class PasteOutcome:
    typed: int = 0  # values typed into cells
    wrong: list[Cell] = field(default_factory=list)  # typed, and marked wrong
    refused: list[Cell] = field(default_factory=list)  # on a cell that cannot be typed in
    outside: int = 0  # beyond the last row or column of the sheet
    block: tuple[int, int] = (0, 0)  # rows and columns pasted


def paste_block(model: BillSheetModel, start: QModelIndex, block: list[list[str]]) -> PasteOutcome:
    """Types `block` into the sheet from `start` (its top left cell)."""
    outcome = PasteOutcome(block=(len(block), max((len(r) for r in block), default=0)))
    if not start.isValid():
        return outcome
    typed: list[tuple[int, int, str]] = []
    for r, values in enumerate(block):
        for c, value in enumerate(values):
            row, column = start.row() + r, start.column() + c
            if row >= model.rowCount() or column >= model.columnCount():
                outcome.outside += bool(value.strip())  # an empty cell beyond the sheet is no loss
                continue
            index = model.index(row, column)
            if index.flags() & Qt.ItemFlag.ItemIsEditable:
                typed.append((row, column, value))
            elif value.strip() and value.strip() != cell_text(index):  # the same value back: no news
                outcome.refused.append((row, column))
    outcome.typed = model.type_cells(typed)
    outcome.wrong = [(row, column) for row, column, _value in typed
                     if model.index(row, column).data(ERROR_ROLE)]
    return outcome


def cell_text(index: QModelIndex) -> str:
    """A cell as copied out: amounts as plain figures ('1,234.50', no status after them); what
    was typed wrong, as typed."""
    fen = index.data(FEN_ROLE)
    if fen is not None:
        return format_fen(fen)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    return "" if text is None else str(text)


def copy_text(indexes: list[QModelIndex]) -> str:
    """The cells as tab-separated lines, over the rectangle they span (cells of it that are not
    selected are empty), as a spreadsheet reads them."""
    cells = {(i.row(), i.column()): i for i in indexes if i.isValid()}
    if not cells:
        return ""
    rows = range(min(r for r, _ in cells), max(r for r, _ in cells) + 1)
    columns = range(min(c for _, c in cells), max(c for _, c in cells) + 1)
    return "\n".join("\t".join(_flat(cell_text(cells[(r, c)])) if (r, c) in cells else ""
                               for c in columns) for r in rows)


def _flat(text: str) -> str:
    return " ".join(text.replace("\t", " ").splitlines())
