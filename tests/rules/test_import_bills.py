"""A month's bills for a zone from the utilities' spreadsheet: drafts in the bill sheet with the
subsidy computed as if typed; bills already submitted or approved kept, never overwritten;
one sheet with a category column or one sheet per category."""

import pytest
from sqlalchemy import text

from db.errors import ValidationError
from db.importing.bills import bill_sheets, import_bills
from db.importing.source import read_sheets, read_source
from db.importing.verdicts import Verdict
from db.services import subsidies
from tests.import_files import write_csv, write_xlsx
from tests.ledger_data import make_book

HEADER = ("统一社会信用代码", "企业名称", "类别", "账单金额（元）", "数量", "账单号")


@pytest.fixture
def book(db, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


def _codes(db, people, book):  # noqa: ANN001, ANN202
    with db.reading() as uow:
        found = dict(uow.session.connection().execute(text("SELECT id, uscc FROM enterprise")).all())
    return [found[i] for i in (book.firm_a, book.firm_b, book.firm_c, book.firm_d)]


def _entries(db, period: str) -> list[tuple]:  # noqa: ANN001
    with db.reading() as uow:
        return uow.session.connection().execute(text(
            "SELECT enterprise_id, category, billed_fen, subsidy_fen, quantity_x100, bill_reference,"
            " status FROM subsidyentry WHERE period = :p ORDER BY enterprise_id, category"),
            {"p": period}).all()


def _bills(db, people, path, period: str = "2026-06", **options):  # noqa: ANN001, ANN202
    return import_bills(db, actor=people.clerk, sources=bill_sheets(read_sheets(path)), zone_id=1,
                        period=period, **options)


def test_bills_become_drafts_with_the_subsidy_the_sheet_computes(db, people, book, tmp_path) -> None:  # noqa: ANN001
    a, b, _c, _d = _codes(db, people, book)
    path = write_csv(tmp_path / "june.csv", [
        HEADER, (a, "", "电费", "¥2,345.67", "1,200", "E-0601"), (b, "", "水", "1000.01", "", "W-0601"),
        ("", "上海云翼低空飞行器有限公司", "网络", "800", "100", "")])
    report = _bills(db, people, path, dry_run=False)
    assert [row.verdict for row in report.rows] == [Verdict.CREATE] * 3 and report.written
    assert _entries(db, "2026-06") == [
        (book.firm_a, "electricity", 234_567, 35_185, 120_000, "E-0601", "draft"),
        (book.firm_b, "water", 100_001, 15_000, 0, "W-0601", "draft"),
        (book.firm_c, "internet", 80_000, 12_000, 10_000, "", "draft")]
    typed = subsidies.save_bills(db, actor=people.clerk, zone_id=1, period="2026-07",
                                 bills=[subsidies.Bill(book.firm_a, "electricity", 234_567)])
    with db.reading() as uow:
        assert uow.session.connection().execute(text(
            "SELECT subsidy_fen FROM subsidyentry WHERE id = :i"), {"i": typed[0]}).scalar() == 35_185


def test_one_sheet_per_category_named_after_it(db, people, book, tmp_path) -> None:  # noqa: ANN001
    a, b, _c, _d = _codes(db, people, book)
    header = ("信用代码", "户名", "金额", "用量")
    path = write_xlsx(tmp_path / "utilities.xlsx", {
        "电费": [header, (a, "", 1000, 50)], "水费": [header, (b, "", 200.5, 3)],
        "说明": [("本表由供电公司导出",)]})
    report = _bills(db, people, path, dry_run=False)
    assert [(row.sheet, row.verdict) for row in report.rows] == [("电费", Verdict.CREATE), ("水费", Verdict.CREATE)]
    assert [(e[1], e[2]) for e in _entries(db, "2026-06")] == [("electricity", 100_000), ("water", 20_050)]


def test_a_submitted_bill_is_reported_and_never_overwritten(db, people, book, tmp_path) -> None:  # noqa: ANN001
    a, _b, c, _d = _codes(db, people, book)
    path = write_csv(tmp_path / "april.csv", [
        HEADER, (a, "", "土地", "99999", "", ""), (c, "", "土地", "500", "", "")])
    report = _bills(db, people, path, period="2026-04", dry_run=False)
    assert [row.verdict for row in report.rows] == [Verdict.KEPT, Verdict.CREATE]
    assert report.written
    assert "10,000.00" in report.rows[0].reasons[0].error.message()
    kept = [e for e in _entries(db, "2026-04") if e[0] == book.firm_a]
    assert kept == [(book.firm_a, "land", 1_000_000, 150_000, 50_000, "L-0401", "submitted")]


def test_a_draft_is_replaced_and_the_same_file_twice_changes_nothing(db, people, book, tmp_path) -> None:  # noqa: ANN001
    _a, _b, c, _d = _codes(db, people, book)
    path = write_csv(tmp_path / "may.csv", [HEADER, (c, "", "网络", "900", "100", "N-0501")])
    first = _bills(db, people, path, period="2026-05", dry_run=False)
    assert first.rows[0].verdict is Verdict.UPDATE
    assert [(ch.field, ch.old, ch.new) for ch in first.rows[0].changes][:2] == [
        ("billed_fen", "800.00", "900.00"), ("subsidy_fen", "120.00", "135.00")]
    with db.reading() as uow:
        events = uow.session.connection().execute(text("SELECT count(*) FROM auditevent")).scalar()
    again = _bills(db, people, path, period="2026-05", dry_run=False)
    assert again.rows[0].verdict is Verdict.UNCHANGED and not again.written
    with db.reading() as uow:
        assert uow.session.connection().execute(text("SELECT count(*) FROM auditevent")).scalar() == events


def test_rows_that_cannot_be_placed_are_refused_and_nothing_is_written(db, people, book, tmp_path) -> None:  # noqa: ANN001
    a, _b, _c, d = _codes(db, people, book)
    path = write_csv(tmp_path / "bad.csv", [
        HEADER, (a, "", "电", "100", "", ""), (d, "", "电", "100", "", ""),
        ("", "不存在的企业", "水", "100", "", ""), (a, "", "煤气", "100", "", ""),
        (a, "", "电", "5", "", "")])
    report = _bills(db, people, path, dry_run=False)
    assert [row.verdict for row in report.rows] == [Verdict.CREATE] + [Verdict.REFUSED] * 4
    assert not report.written and _entries(db, "2026-06") == []
    reasons = [row.reasons[0] for row in report.rows[1:]]
    assert "not a tenant" in reasons[0].error.message()  # zone 2's firm
    assert reasons[1].column == "企业名称"
    assert reasons[2].column == "类别"
    assert "Row 2" in reasons[3].error.message()


def test_a_closed_month_refuses_the_file(db, people, book, tmp_path) -> None:  # noqa: ANN001
    from db.services.policy import close_period
    close_period(db, actor=people.admin, period="2026-03")
    a, *_ = _codes(db, people, book)
    with pytest.raises(ValidationError):
        _bills(db, people, write_csv(tmp_path / "march.csv", [HEADER, (a, "", "电", "1", "", "")]),
               period="2026-03")


def test_a_sheet_without_a_category_is_refused_naming_what_to_do(db, people, book, tmp_path) -> None:  # noqa: ANN001
    a, *_ = _codes(db, people, book)
    path = write_xlsx(tmp_path / "plain.xlsx", {"六月": [("信用代码", "金额"), (a, 100)]})
    with pytest.raises(ValidationError) as refused:
        import_bills(db, actor=people.clerk, sources=[read_source(path)], zone_id=1, period="2026-06")
    assert "类别" in refused.value.message()


def test_bills_go_only_into_a_zone_of_ones_own_by_a_role_that_types_bills(db, people, book, tmp_path) -> None:  # noqa: ANN001
    from db.errors import PermissionDenied
    a, *_ = _codes(db, people, book)
    path = write_csv(tmp_path / "june.csv", [HEADER, (a, "", "电", "100", "", "")])
    for actor, zone in ((people.clerk, 2), (people.reviewer, 1), (people.auditor, 1)):
        with pytest.raises(PermissionDenied):
            import_bills(db, actor=actor, sources=[read_source(path)], zone_id=zone, period="2026-06",
                         dry_run=False)
    assert _entries(db, "2026-06") == []


def test_a_refusal_never_names_another_zones_firm(db, people, book, tmp_path) -> None:  # noqa: ANN001
    _a, _b, _c, d = _codes(db, people, book)
    report = _bills(db, people, write_csv(tmp_path / "theirs.csv", [HEADER, (d, "", "电", "100", "", "")]))
    message = report.rows[0].reasons[0].error.message()
    assert message.startswith(f"{book.firm_d} is not a tenant of this zone")  # its number, not its name


def test_refused_bills_of_a_sheet_per_category_go_back_sheet_by_sheet_and_import_again(
        db, people, book, tmp_path) -> None:  # noqa: ANN001
    import openpyxl

    from desktop.importing.import_words import save_refused_rows
    a, b, *_ = _codes(db, people, book)
    path = write_xlsx(tmp_path / "utilities.xlsx", {
        "电费": [("信用代码", "金额"), (a, "12.5"), (b, "不详")],
        "水费": [("金额", "户名", "信用代码"), ("-3", "", a), (7, "", b)]})
    report = _bills(db, people, path, dry_run=False)
    assert [(row.sheet, row.verdict) for row in report.rows] == [
        ("电费", Verdict.CREATE), ("电费", Verdict.REFUSED), ("水费", Verdict.REFUSED), ("水费", Verdict.CREATE)]
    out = tmp_path / "refused.xlsx"
    assert save_refused_rows(report, bill_sheets(read_sheets(path)), out) == 2
    saved = openpyxl.load_workbook(out)
    assert saved.sheetnames == ["电费", "水费"]
    assert [c.value for c in saved["电费"][1]][:2] == ["信用代码", "金额"]
    assert [c.value for c in saved["水费"][1]][:3] == ["金额", "户名", "信用代码"]
    assert [c.value for c in saved["水费"][2]][:3] == ["-3", None, a]
    saved["电费"]["B2"] = 30
    saved["水费"]["A2"] = 3
    saved.save(out)
    fixed = _bills(db, people, out, dry_run=False)
    assert [(row.sheet, row.verdict) for row in fixed.rows] == [("电费", Verdict.CREATE), ("水费", Verdict.CREATE)]
    assert fixed.written
    assert {(e[1], e[2]) for e in _entries(db, "2026-06") if e[0] == book.firm_b} == {("electricity", 3_000)}
