"""The screens at the turn of the year, as a clerk finds them on New Year's Eve and on New Year's
night in Shanghai (UTC still on 31 December): the bill sheet opens on Shanghai's month, the
ledger on the last twelve months and this one, the issue dialog on what is final."""

import pytest

from desktop.bill_sheet.bill_sheet_pane import BillSheetPane
from desktop.certificates.issue_certificates_dialog import default_months
from desktop.ledger.ledger_pane import LedgerPane
from tests.fixed_clock import moment_of

EVE, NIGHT = "2026-12-31T23:59:00+08:00", "2027-01-01T00:30:00+08:00"


@pytest.mark.parametrize(("moment", "month"), [(EVE, "2026-12"), (NIGHT, "2027-01")])
def test_the_bill_sheet_opens_on_shanghais_month(qtbot, context, fixed_clock, moment, month):
    fixed_clock.move_to(moment_of(moment))
    pane = BillSheetPane(context)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitUntil(lambda: pane.model.sheet is not None, timeout=5000)
    assert pane.period() == month and pane.model.sheet.period == month


@pytest.mark.parametrize(("moment", "months"), [(EVE, ("2025-12", "2026-12")), (NIGHT, ("2026-01", "2027-01"))])
def test_the_ledger_opens_on_this_month_and_the_twelve_before(qtbot, context, fixed_clock, moment, months):
    fixed_clock.move_to(moment_of(moment))
    pane = LedgerPane(context)
    qtbot.addWidget(pane)
    assert (pane.month_from.text(), pane.month_to.text()) == months


@pytest.mark.now(NIGHT)
def test_in_january_certificates_cover_last_year_once_december_is_closed():
    assert default_months([]) == ("2027-01", "2027-01")
    assert default_months(["2026-10", "2026-11"]) == ("2026-01", "2026-11")
    assert default_months(["2026-11", "2026-12"]) == ("2026-01", "2026-12")
    assert default_months(["2026-12", "2027-01"]) == ("2027-01", "2027-01")
