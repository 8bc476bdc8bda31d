"""Defects found reviewing the import (issue 10): what the typed path refuses the import
refuses too; a refusal always says why; Cancel pressed after the last row still writes nothing;
the batch event reads in words in the audit trail."""

import pytest
from sqlalchemy import text

from db.audit_words import ACTIONS, ENTITIES, FIELDS, changes
from db.errors import Interrupted, ValidationError
from db.importing.bills import bill_sheets, import_bills
from db.importing.firms import import_firms
from db.importing.source import read_sheets, read_source
from db.importing.verdicts import Verdict
from db.services import subsidies
from db.services.enterprises import register_enterprise
from tests.conftest import firm_fields, valid_uscc
from tests.import_files import FIRM_HEADER, firm_row, write_csv, write_xlsx
from tests.ledger_data import make_book

BILL_HEADER = ("统一社会信用代码", "类别", "账单金额（元）", "账单号")


def _count(db, sql: str) -> int:  # noqa: ANN001
    with db.reading() as uow:
        return uow.session.connection().execute(text(sql)).scalar_one()


def _reasons(row) -> list[tuple[str, str]]:  # noqa: ANN001
    return [(reason.error.message(), reason.column) for reason in row.reasons]


def _uscc_of(db, firm_id: int) -> str:  # noqa: ANN001
    with db.reading() as uow:
        return uow.session.connection().execute(
            text("SELECT uscc FROM enterprise WHERE id = :i"), {"i": firm_id}).scalar_one()


def test_a_control_character_the_firm_dialog_refuses_is_refused_by_the_import(db, people,
                                                                               tmp_path) -> None:  # noqa: ANN001
    name = "上海北辰\x00量子科技有限公司"
    with pytest.raises(ValidationError, match="cannot be stored"):
        register_enterprise(db, actor=people.clerk, fields=firm_fields(name=name), zone_id=1)
    path = write_csv(tmp_path / "firms.csv", [FIRM_HEADER, firm_row(valid_uscc(), name),
                                              firm_row(valid_uscc(), "上海南湖生物医药有限公司")])
    report = import_firms(db, actor=people.clerk, source=read_source(path), dry_run=False)
    assert [row.verdict for row in report.rows] == [Verdict.REFUSED, Verdict.CREATE]
    (message, column), = _reasons(report.rows[0])
    assert "cannot be stored" in message and column == "企业名称"
    assert not report.written and _count(db, "SELECT count(*) FROM enterprise") == 0


def test_a_bill_number_the_bill_sheet_refuses_is_refused_by_the_import(db, people, tmp_path) -> None:  # noqa: ANN001
    book = make_book(db, people)
    code = _uscc_of(db, book.firm_a)
    with pytest.raises(ValidationError, match="cannot be stored"):
        subsidies.save_bills(db, actor=people.clerk, zone_id=1, period="2026-06", bills=[
            subsidies.Bill(book.firm_a, "electricity", 100, bill_reference="E\x000601")])
    path = write_csv(tmp_path / "june.csv", [BILL_HEADER, (code, "电", "100", "E\x000601")])
    report = import_bills(db, actor=people.clerk, sources=bill_sheets(read_sheets(path)), zone_id=1,
                          period="2026-06", dry_run=False)
    assert [row.verdict for row in report.rows] == [Verdict.REFUSED]
    (message, column), = _reasons(report.rows[0])
    assert "cannot be stored" in message and column == "账单号"
    assert not report.written


def test_a_bill_whose_category_cell_is_empty_is_refused_with_its_reason(db, people, tmp_path) -> None:  # noqa: ANN001
    book = make_book(db, people)
    code = _uscc_of(db, book.firm_a)
    path = write_xlsx(tmp_path / "june.xlsx", [BILL_HEADER, (code, None, 100, "E-1")])
    report = import_bills(db, actor=people.clerk, sources=bill_sheets(read_sheets(path)), zone_id=1,
                          period="2026-06")
    assert [row.verdict for row in report.rows] == [Verdict.REFUSED]
    assert _reasons(report.rows[0]) == [("This field is required.", "类别")]


def test_cancel_pressed_after_the_last_row_still_writes_nothing(db, people, tmp_path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "firms.csv", [FIRM_HEADER, firm_row(valid_uscc(), "上海北辰量子科技有限公司")])
    asked: list[int] = []

    def cancelled() -> bool:  # Cancel is pressed once the first (and only) row is judged
        asked.append(1)
        return len(asked) > 1

    events = _count(db, "SELECT count(*) FROM auditevent")
    with pytest.raises(Interrupted):
        import_firms(db, actor=people.clerk, source=read_source(path), dry_run=False,
                     cancelled=cancelled)
    assert _count(db, "SELECT count(*) FROM enterprise") == 0
    assert _count(db, "SELECT count(*) FROM auditevent") == events


def test_the_batch_event_reads_in_words_in_the_audit_trail(db, people, tmp_path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "firms.csv", [FIRM_HEADER, firm_row(valid_uscc(), "上海北辰量子科技有限公司")])
    assert import_firms(db, actor=people.clerk, source=read_source(path), dry_run=False).written
    with db.reading() as uow:
        action, entity, after = uow.session.connection().execute(text(
            "SELECT action, entity_type, after_json FROM auditevent WHERE entity_type = 'import_file'")).one()
    assert action in ACTIONS and entity in ENTITIES
    assert {change.field for change in changes(None, after)} <= set(FIELDS)
    assert "import.bills" in ACTIONS



def test_a_bill_number_too_long_is_refused_at_its_own_column(db, people, tmp_path) -> None:  # noqa: ANN001
    book = make_book(db, people)
    path = write_csv(tmp_path / "june.csv", [BILL_HEADER, (_uscc_of(db, book.firm_a), "电", "100", "E" * 61)])
    report = import_bills(db, actor=people.clerk, sources=bill_sheets(read_sheets(path)), zone_id=1,
                          period="2026-06")
    assert [row.verdict for row in report.rows] == [Verdict.REFUSED]
    assert _reasons(report.rows[0]) == [("At most 60 characters.", "账单号")]
