"""One firm's bill of one category on the monthly bill sheet, as typed: the amount, the quantity
and the bill number read from what the clerk typed (never through float), the mistakes found in
them, and whether the bill differs from what is saved (new, changed, or cleared to be removed).

Plain Python apart from Qt's translate: the table model asks `evaluate` for each bill typed in.
"""

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from db.errors import ValidationError
from db.money import format_fen, parse_yuan
from db.queries.bill_sheet import SheetCell
from db.services.subsidies import check_bill_amount
from desktop.modals import translate_error

AMOUNT, QUANTITY, REFERENCE = "amount", "quantity", "reference"
MAX_REFERENCE = 60  # what db/services/subsidies.py accepts
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")


class QuantityError(ValueError):
    """A quantity that cannot be read; the message says why, in the staff's language."""


def parse_quantity(text: str) -> int:
    """'1,234.5', '１２３４．５' -> hundredths of the unit (123450); '' -> 0. Never float."""
    cleaned = text.strip().translate(_FULL_WIDTH).replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return 0
    if cleaned.startswith("-"):
        raise QuantityError(QCoreApplication.translate("BillSheet", "A quantity cannot be negative."))
    if cleaned.count(".") > 1:
        raise QuantityError(QCoreApplication.translate(
            "BillSheet", "The quantity has more than one decimal point."))
    whole, _, fraction = cleaned.partition(".")
    if "," in whole:
        if not _GROUPED.match(whole):
            raise QuantityError(QCoreApplication.translate(
                "BillSheet", "Thousands separators must group three digits, as in 12,345.5."))
        whole = whole.replace(",", "")
    digits = whole + fraction
    if not digits or not digits.isascii() or not digits.isdecimal():
        raise QuantityError(QCoreApplication.translate(
            "BillSheet", "“{text}” is not a quantity: use digits and one decimal point only.").format(
                text=text.strip()))
    if len(fraction) > 2:
        raise QuantityError(QCoreApplication.translate(
            "BillSheet", "At most two decimal places in a quantity."))
    return int(whole or "0") * 100 + int(fraction.ljust(2, "0"))


def format_quantity(hundredths: int) -> str:
    """123450 -> '1,234.5'; 120000 -> '1,200' (no trailing zeros)."""
    whole, rest = divmod(abs(hundredths), 100)
    text = f"{whole:,}" + (f".{rest:02d}".rstrip("0") if rest else "")
    return ("-" if hundredths < 0 else "") + text


@dataclass(frozen=True)
class BillState:
    """What a bill reads as now. `billed_fen` None: no bill (empty, or its amount is wrong)."""

    billed_fen: int | None
    quantity_x100: int
    reference: str
    errors: dict[str, str] = field(default_factory=dict)  # by part: amount | quantity | reference
    changed: bool = False  # differs from what is saved (or has a mistake: nothing saved yet)

    @property
    def removed(self) -> bool:
        """Cleared: the saved draft is to be deleted."""
        return self.changed and not self.errors and self.billed_fen is None


def saved_state(stored: SheetCell | None) -> BillState:
    if stored is None:
        return BillState(None, 0, "")
    return BillState(stored.billed_fen, stored.quantity_x100, stored.bill_reference)


def evaluate(stored: SheetCell | None, typed: dict[str, str]) -> BillState:
    """The bill as typed (`typed`: the parts typed over, by part) on top of what is saved."""
    if not typed:
        return saved_state(stored)
    errors: dict[str, str] = {}
    billed = stored.billed_fen if stored else None
    if AMOUNT in typed:
        billed = None
        if typed[AMOUNT].strip():
            try:
                billed = parse_yuan(typed[AMOUNT])
                check_bill_amount(billed)  # db/'s own check, as the cell is typed
            except ValidationError as error:
                billed = None
                errors[AMOUNT] = translate_error(error)
    quantity = stored.quantity_x100 if stored else 0
    if QUANTITY in typed:
        try:
            quantity = parse_quantity(typed[QUANTITY])
        except QuantityError as error:
            errors[QUANTITY] = str(error)
            quantity = 0
    reference = (typed[REFERENCE] if REFERENCE in typed else stored.bill_reference if stored else "").strip()
    if len(reference) > MAX_REFERENCE:
        errors[REFERENCE] = QCoreApplication.translate(
            "BillSheet", "A bill number has at most {max} characters.").format(max=MAX_REFERENCE)
    if billed is None and AMOUNT not in errors and (quantity or reference):
        errors[AMOUNT] = QCoreApplication.translate(
            "BillSheet", "Enter the bill amount, or clear the quantity and the bill number to "
            "remove the bill.")
    if errors:
        changed = True
    elif stored is None or stored.sent_back:  # typed over a bill sent back: a new draft
        changed = billed is not None
    else:
        changed = (billed, quantity, reference) != (stored.billed_fen, stored.quantity_x100,
                                                    stored.bill_reference)
    return BillState(billed, quantity, reference, errors, changed)


def edit_text(stored: SheetCell | None, typed: dict[str, str], part: str) -> str:
    """What the editor starts with: the text typed, else the saved value."""
    if part in typed:
        return typed[part]
    if stored is None:
        return ""
    return {AMOUNT: format_fen(stored.billed_fen), QUANTITY: format_quantity(stored.quantity_x100)
            if stored.quantity_x100 else "", REFERENCE: stored.bill_reference}[part]
