"""The monthly bill sheet of one zone read for the grid (db.queries.bill_sheet): its tenants in the
month, the bills already entered, the rates and what is left of every tenant's yearly caps.

Zone Z01 holds ~200 firms at city scale and ~2,700 at stress scale. Reported, not enforced: the
sheet is read once when a clerk picks a zone and month (and after each save), so it should stay
well under the second a person waits without noticing.
"""

import pytest

from db.clock import today_shanghai
from db.demo import DEMO_PASSWORD
from db.engine import Database
from db.money.subsidy_rules import period_of
from db.queries.bill_sheet import bill_sheet
from db.services import auth


@pytest.fixture(scope="module")
def clerk_database(scale_db):
    scale, path = scale_db
    database = Database(path)
    actor = auth.log_in(database, username="clerk01", password=DEMO_PASSWORD)  # the clerk of Z01
    yield scale, database, actor
    database.dispose()


@pytest.mark.parametrize("period", [period_of(today_shanghai()), "2026-01"])
def test_bill_sheet_load(benchmark, clerk_database, period):
    scale, database, actor = clerk_database
    (zone_id,) = sorted(actor.zone_ids)
    benchmark.group = f"bill sheet of one zone, {scale}"
    sheet = benchmark(lambda: bill_sheet(database, actor=actor, zone_id=zone_id, period=period))
    benchmark.extra_info["rows"] = len(sheet.rows)
    benchmark.extra_info["bills"] = sum(len(row.cells) for row in sheet.rows)
    assert len(sheet.rows) > 0
