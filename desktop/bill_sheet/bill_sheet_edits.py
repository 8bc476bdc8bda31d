"""What a clerk typed into one bill sheet, on top of what is saved: the bills as they read now,
their subsidies (BillSheet.subsidy, the service's own arithmetic), the totals, the mistakes, and
what a save or a submit sends to db/. No Qt model here: BillSheetModel shows it.
"""

from db.models.money import CATEGORIES
from db.queries.bill_sheet import BillSheet, SheetRow
from db.services.subsidies import Bill
from desktop.bill_sheet.bill_sheet_cells import AMOUNT, QUANTITY, REFERENCE, BillState, evaluate

Key = tuple[int, str]  # (enterprise id, category)
Typed = dict[Key, dict[str, str]]  # the parts typed over, by bill


class SheetEdits:
    def __init__(self, sheet: BillSheet | None, *, may_edit: bool, keep: Typed | None = None) -> None:
        """`keep`: typing to carry over onto this freshly read sheet (where it may still be typed)."""
        self.sheet = sheet
        self.may_edit = may_edit
        self.rows: list[SheetRow] = sheet.rows if sheet else []
        self._typed: Typed = {}
        self._states: dict[Key, BillState] = {}
        self._refusals: dict[Key, str] = {}  # db/'s reason for refusing a bill, shown at its amount
        self._number = {row.enterprise_id: number for number, row in enumerate(self.rows)}
        saved = [cell for row in self.rows for cell in row.cells.values() if not cell.sent_back]
        self._saved_totals = (sum(c.billed_fen for c in saved), sum(c.subsidy_fen for c in saved))
        for (firm, category), typed in (keep or {}).items():
            if firm in self._number and self.editable(self.rows[self._number[firm]], category):
                self._set(self.rows[self._number[firm]], category, dict(typed))

    @property
    def read_only(self) -> bool:
        return self.sheet is None or self.sheet.closed or not self.may_edit

    def has_rate(self, category: str) -> bool:
        return self.sheet is not None and self.sheet.rates.get(category) is not None

    def editable(self, row: SheetRow, category: str) -> bool:
        if self.read_only or not self.has_rate(category):
            return False
        cell = row.cells.get(category)
        return cell is None or cell.status == "draft" or cell.sent_back  # corrected: a new draft

    # --- typing -------------------------------------------------------------------------
    def typed_parts(self, row: SheetRow, category: str) -> dict[str, str]:
        return self._typed.get((row.enterprise_id, category), {})

    def type(self, row: SheetRow, category: str, part: str, text: str | None) -> None:
        """`text` None: back to what is saved for this part."""
        typed = dict(self.typed_parts(row, category))
        if text is None:
            typed.pop(part, None)
        else:
            typed[part] = text
        self._refusals.pop((row.enterprise_id, category), None)
        self._set(row, category, typed)

    def _set(self, row: SheetRow, category: str, typed: dict[str, str]) -> None:
        key = (row.enterprise_id, category)
        state = evaluate(row.cells.get(category), typed)
        if state.changed:
            self._typed[key], self._states[key] = typed, state
        else:  # typed back to what is saved
            self._typed.pop(key, None)
            self._states.pop(key, None)

    def refuse(self, enterprise_id: int, category: str, reason: str) -> int | None:
        """Marks db/'s refusal of a bill at its amount; the bill's row, or None if not shown."""
        number = self._number.get(enterprise_id)
        if number is not None and category in CATEGORIES:
            self._refusals[(enterprise_id, category)] = reason
            return number
        return None

    def typed(self) -> Typed:
        return {key: dict(parts) for key, parts in self._typed.items()}

    def typed_since(self, before: Typed) -> Typed:
        return {key: dict(parts) for key, parts in self._typed.items() if before.get(key) != parts}

    # --- reading the bills --------------------------------------------------------------
    def state(self, row: SheetRow, category: str) -> BillState:
        return self._states.get((row.enterprise_id, category)) or evaluate(row.cells.get(category), {})

    def error(self, row: SheetRow, category: str, part: str) -> str | None:
        key = (row.enterprise_id, category)
        errors = self._states[key].errors if key in self._states else {}
        if part in errors:
            return errors[part]
        return self._refusals.get(key) if part == AMOUNT and not errors else None

    def status_of(self, row: SheetRow, category: str) -> str:
        """'' (no bill) | unsaved | draft | submitted | approved | rejected (sent back)."""
        if self.state(row, category).changed:
            return "unsaved"
        cell = row.cells.get(category)
        return cell.status if cell else ""

    def subsidy(self, row: SheetRow, category: str) -> int | None:
        state, cell = self.state(row, category), row.cells.get(category)
        if state.billed_fen is None or state.errors:
            return None
        if cell is not None and not state.changed:
            return cell.subsidy_fen  # what was saved (and is what a submit sends)
        return self.sheet.subsidy(row, category, state.billed_fen)

    def row_totals(self, row: SheetRow) -> tuple[int, int]:
        """(bills, subsidies) in fen; bills with a mistake are not counted."""
        bills = subsidies = 0
        for category in CATEGORIES:
            state = self.state(row, category)
            if state.billed_fen is not None and not state.errors and (
                    state.changed or not self._sent_back(row, category)):
                bills += state.billed_fen
                subsidies += self.subsidy(row, category) or 0
        return bills, subsidies

    def sheet_totals(self) -> tuple[int, int]:
        """What is saved, corrected by what is typed (at each keystroke: no walk over the rows)."""
        bills, subsidies = self._saved_totals
        for firm, category in self._states:
            row = self.rows[self._number[firm]]
            state, cell = self.state(row, category), row.cells.get(category)
            if cell is not None and not cell.sent_back:
                bills, subsidies = bills - cell.billed_fen, subsidies - cell.subsidy_fen
            if state.billed_fen is not None and not state.errors:
                bills, subsidies = bills + state.billed_fen, subsidies + (self.subsidy(row, category) or 0)
        return bills, subsidies

    @staticmethod
    def _sent_back(row: SheetRow, category: str) -> bool:
        cell = row.cells.get(category)
        return cell is not None and cell.sent_back

    def has_mistake(self, row: SheetRow) -> bool:
        return any(self.state(row, category).errors for category in CATEGORIES)

    # --- what a save or a submit sends --------------------------------------------------
    def has_changes(self) -> bool:
        return bool(self._states)

    def mistakes(self) -> list[tuple[int, str, str, str]]:
        """(row number, category, part, reason) of every bill marked wrong, in sheet order."""
        found = []
        for firm, category in sorted({*self._states, *self._refusals},
                                     key=lambda key: (self._number[key[0]], CATEGORIES.index(key[1]))):
            number = self._number[firm]
            found += [(number, category, part, reason) for part in (AMOUNT, QUANTITY, REFERENCE)
                      if (reason := self.error(self.rows[number], category, part))]
        return found

    def changed_bills(self) -> tuple[list[Bill], list[int]]:
        """The bills to save as drafts, and the ids of saved drafts cleared (to delete)."""
        bills, removed = [], []
        for row in self.rows:
            for category in CATEGORIES:
                state = self._states.get((row.enterprise_id, category))
                if state is None or state.errors:
                    continue
                cell = row.cells.get(category)
                if state.billed_fen is None:
                    if not cell.sent_back:  # a bill sent back stays in the record
                        removed.append(cell.entry_id)
                else:  # a bill sent back is corrected by a new draft: no live entry expected
                    bills.append(Bill(row.enterprise_id, category, state.billed_fen,
                                      state.quantity_x100, state.reference,
                                      expected_version=cell.version if cell and not cell.sent_back else 0))
        return bills, removed

    def draft_ids(self, rows: list[int]) -> list[int]:
        """The saved drafts of these rows that stay drafts (not cleared)."""
        return [cell.entry_id for row in (self.rows[r] for r in rows)
                for category, cell in row.cells.items()
                if cell.status == "draft" and not self.state(row, category).removed]

    def bills_to_submit(self, rows: list[int]) -> int:
        """How many bills of these rows a submit sends for review: saved drafts and new bills."""
        count = 0
        for row in (self.rows[r] for r in rows):
            for category in CATEGORIES:
                state, cell = self.state(row, category), row.cells.get(category)
                if state.billed_fen is not None and (
                        cell.status == "draft" if cell and not cell.sent_back else state.changed):
                    count += 1
        return count
