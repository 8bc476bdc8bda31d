"""Bad input named in issue 9 (point 4), one case each: refused at the field with a message for
the staff, never a raw exception, never stored wrong. test_bad_input_property.py throws
arbitrary input at every function; this file pins the cases the probes found."""

from datetime import date

import pytest

from db.engine import Database
from db.errors import ValidationError
from db.queries.bill_sheet import bill_sheet
from db.queries.certificates import CertificateFilter, candidates, certificate_page
from db.queries.enterprises import (
    SEARCH_WORDS,
    EnterpriseFilter,
    count_enterprises,
    enterprise_detail,
    enterprise_page,
)
from db.queries.ledger import LedgerFilter, ledger_page, ledger_totals
from db.services import approvals, awards, enterprises, policy, subsidies
from db.services.enterprises import FirstTenancy
from db.services.subsidies import Bill
from tests.conftest import firm_fields
from tests.ledger_data import make_book
from tests.public_functions import public_functions, scoped_functions
from tests.rules.raw_sql import raw_connection


@pytest.fixture
def book(db, people):
    return make_book(db, people)


def stored(db, sql: str, *values: object) -> list[tuple]:
    """What the database holds, read outside the program (sqlite3 on a file, psql on a server)."""
    connection = raw_connection(db)
    try:
        return [tuple(row) for row in connection.execute(sql, values).fetchall()]
    finally:
        connection.close()


def refused_at(field: str, call) -> ValidationError:  # noqa: ANN001
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field == field, caught.value.field
    assert caught.value.message()  # a sentence for the staff
    return caught.value


def test_every_public_service_and_query_checks_its_arguments_at_the_boundary():
    unchecked = [name for name, f in (public_functions() | scoped_functions()).items()
                 if not getattr(f, "checks_arguments", False)]
    assert unchecked == []


def test_a_bill_in_fractions_of_a_fen_is_refused_never_stored_as_real(db, people, book):
    entries = stored(db, "SELECT count(*) FROM subsidyentry")
    refused_at("billed_fen", lambda: subsidies.save_bills(
        db, actor=people.clerk, zone_id=1, period="2026-06",
        bills=[Bill(book.firm_a, "water", 1234.5)]))
    refused_at("quantity_x100", lambda: subsidies.save_bills(
        db, actor=people.clerk, zone_id=1, period="2026-06",
        bills=[Bill(book.firm_a, "water", 1234, 2**63)]))
    assert stored(db, "SELECT count(*) FROM subsidyentry") == entries
    typed = ("SELECT count(*) FROM subsidyentry WHERE typeof(billed_fen) != 'integer'"
             " OR typeof(quantity_x100) != 'integer'") if isinstance(db, Database) else (
        "SELECT count(*) FROM subsidyentry WHERE pg_typeof(billed_fen) <> 'bigint'::regtype"
        " OR pg_typeof(quantity_x100) <> 'bigint'::regtype")  # the server's own words
    assert stored(db, typed) == [(0,)]


def test_none_for_a_month_or_a_reason_is_refused_at_the_field(db, people, book):
    refused_at("period", lambda: subsidies.save_bills(db, actor=people.clerk, zone_id=1,
                                                      period=None, bills=[]))
    refused_at("period", lambda: policy.close_period(db, actor=people.admin, period=None))
    refused_at("period", lambda: bill_sheet(db, actor=people.clerk, zone_id=1, period=None))
    refused_at("reason", lambda: policy.reopen_period(db, actor=people.admin, period="2026-03",
                                                      reason=None))
    refused_at("reason", lambda: approvals.reject(db, actor=people.reviewer, reason=None,
                                                  entry_ids=[book.land_april]))
    refused_at("reason", lambda: subsidies.reverse_entry(db, actor=people.clerk,
                                                         entry_id=book.land_march, reason=None))
    refused_at("month_from", lambda: ledger_page(db, actor=people.clerk,
                                                 flt=LedgerFilter(month_from=2026)))


def test_numbers_beyond_what_sqlite_holds_are_refused_at_the_field(db, people, book):
    huge = 10**30
    refused_at("employees", lambda: enterprises.register_enterprise(
        db, actor=people.clerk, zone_id=1, fields=firm_fields(employees=huge)))
    refused_at("employees", lambda: enterprises.register_enterprise(
        db, actor=people.clerk, zone_id=1, fields=firm_fields(employees=2**40)))
    refused_at("floor_area", lambda: enterprises.register_enterprise(
        db, actor=people.clerk, zone_id=1, fields=firm_fields(),
        tenancy=FirstTenancy("A栋1", 2**63, date(2025, 1, 1))))
    refused_at("floor_area", lambda: enterprises.register_enterprise(
        db, actor=people.clerk, zone_id=1, fields=firm_fields(),
        tenancy=FirstTenancy("A栋1", 2**62, date(2025, 1, 1))))
    refused_at("yearly_cap_fen", lambda: policy.set_policy_rate(
        db, actor=people.admin, category="land", valid_from=date(2026, 1, 1), rate_bp=1000,
        yearly_cap_fen=huge))
    refused_at("amount_fen", lambda: policy.set_award_rate(
        db, actor=people.admin, level="national", valid_from=date(2026, 1, 1), amount_fen=huge))
    refused_at("amount_fen", lambda: policy.set_award_rate(
        db, actor=people.admin, level="national", valid_from=date(2026, 1, 1), amount_fen=2**62))
    refused_at("loan_fen", lambda: awards.record_loan_guarantee(
        db, actor=people.clerk, enterprise_id=book.firm_a, bank="某银行", loan_fen=2**62,
        term_months=12, guaranteed_fen=1))
    refused_at("entry_ids", lambda: approvals.approve(db, actor=people.reviewer,
                                                      entry_ids=[2**63]))
    refused_at("enterprise_id", lambda: enterprise_detail(db, actor=people.clerk,
                                                          enterprise_id=huge))


def test_values_of_the_wrong_type_are_refused_at_the_field(db, people, book):
    refused_at("entry_ids", lambda: approvals.approve(db, actor=people.reviewer, entry_ids=5))
    refused_at("enterprise_id", lambda: enterprise_detail(db, actor=people.clerk,
                                                          enterprise_id=[book.firm_a]))
    refused_at("zone_id", lambda: bill_sheet(db, actor=people.clerk, zone_id="1",
                                             period="2026-03"))
    refused_at("flt", lambda: enterprise_page(db, actor=people.clerk, flt={"text": "星河"}))
    refused_at("submit", lambda: awards.record_loan_guarantee(
        db, actor=people.clerk, enterprise_id=book.firm_a, bank="某银行", loan_fen=100,
        term_months=12, guaranteed_fen=1, submit="yes"))
    refused_at("founded_on", lambda: enterprises.register_enterprise(
        db, actor=people.clerk, zone_id=1, fields=firm_fields().model_copy(
            update={"founded_on": "2020-01-01"})))


@pytest.mark.parametrize("typed", ["２０２６-１２", "２０２６－１２", " 2026-12 ", "2026\u201312"])
def test_a_month_in_full_width_digits_is_the_same_month_everywhere(db, people, book, typed):
    (entry,) = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period=typed,
                                    bills=[Bill(book.firm_a, "water", 10_000)])
    assert stored(db, "SELECT period FROM subsidyentry WHERE id = ?", entry) == [("2026-12",)]
    assert bill_sheet(db, actor=people.clerk, zone_id=1, period=typed).period == "2026-12"
    found = ledger_page(db, actor=people.clerk, flt=LedgerFilter(month_from=typed, month_to=typed))
    assert [(r.kind, r.id) for r in found] == [("subsidy_entry", entry)]
    policy.close_period(db, actor=people.admin, period=typed)
    assert stored(db, "SELECT period FROM closedperiod") == [("2026-12",)]
    with pytest.raises(ValidationError, match="already closed"):
        policy.close_period(db, actor=people.admin, period="2026-12")
    policy.reopen_period(db, actor=people.admin, period=typed, reason="补录")
    assert stored(db, "SELECT period FROM closedperiod") == []
    assert candidates(db, actor=people.clerk, zone_id=1, kind="subsidy",
                      period_from="２０２６-０１", period_to=typed)[0].enterprise_id == book.firm_a


def test_lone_surrogates_are_refused_at_the_field(db, people, book):
    refused_at("name", lambda: enterprises.register_enterprise(
        db, actor=people.clerk, zone_id=1, fields=firm_fields(name="星河\ud800")))
    refused_at("bill_reference", lambda: subsidies.save_bills(
        db, actor=people.clerk, zone_id=1, period="2026-06",
        bills=[Bill(book.firm_a, "water", 100, 0, "\udfff")]))
    refused_at("text", lambda: enterprise_page(db, actor=people.clerk,
                                               flt=EnterpriseFilter(text="\ud83d")))
    refused_at("firm_text", lambda: ledger_totals(db, actor=people.clerk,
                                                  flt=LedgerFilter(firm_text="a\udc00")))
    refused_at("text", lambda: certificate_page(db, actor=people.clerk,
                                                flt=CertificateFilter(text="\udc00")))


def test_endless_texts_are_refused_and_the_search_is_bounded(db, people, book):
    refused_at("bank", lambda: awards.record_loan_guarantee(
        db, actor=people.clerk, enterprise_id=book.firm_a, bank="行" * 20_000, loan_fen=100,
        term_months=12, guaranteed_fen=1))
    words = " ".join("星" for _ in range(1_000))
    for actor in (people.clerk, people.admin):  # the zone's rows searched, the city's index
        flt = EnterpriseFilter(text=words)
        rows = enterprise_page(db, actor=actor, flt=flt)
        assert book.firm_a in {r.id for r in rows}  # 上海星河智能科技有限公司
        assert count_enterprises(db, actor=actor, flt=flt) == len(rows)
    # words beyond the first SEARCH_WORDS narrow nothing (said in db/queries/enterprises.py)
    beyond = " ".join(["星"] * SEARCH_WORDS + ["不存在的词"])
    assert {r.id for r in enterprise_page(db, actor=people.clerk,
                                          flt=EnterpriseFilter(text=beyond))} == {book.firm_a}

