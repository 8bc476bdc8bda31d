"""The firms import: every row through the firm dialog's services, a dry run that writes
nothing, then all rows or none, audited with the file's name and SHA-256; the same file twice
changes nothing; decisions, scope and refusals at their columns."""

import hashlib
import json
from datetime import date

import pytest
from sqlalchemy import text

from db.errors import Interrupted, PermissionDenied, ValidationError
from db.importing.firms import import_firms
from db.importing.source import read_source
from db.importing.verdicts import Decision, Verdict
from db.services.enterprises import FirstTenancy, register_enterprise
from tests.conftest import firm_fields, valid_uscc
from tests.import_files import FIRM_HEADER, firm_row, write_csv, write_xlsx


def _count(db, sql: str) -> int:  # noqa: ANN001
    with db.reading() as uow:
        return uow.session.connection().execute(text(sql)).scalar_one()


def _import(db, actor, path, **options):  # noqa: ANN001, ANN202
    return import_firms(db, actor=actor, source=read_source(path), **options)


def _three_firms(tmp_path, name: str = "firms.csv", encoding: str = "utf-8"):  # noqa: ANN001, ANN202
    rows = [FIRM_HEADER,
            firm_row(valid_uscc(5001), "上海北辰量子科技有限公司"),
            firm_row(valid_uscc(5002), "上海南湖生物医药有限公司", sector="生物医药", unit="B栋202室"),
            firm_row(valid_uscc(5003), "上海东岸低空飞行器有限公司", industry="工业", employees="120")]
    return write_csv(tmp_path / name, rows, encoding)


def test_a_dry_run_says_what_each_row_would_do_and_writes_nothing(db, people, tmp_path) -> None:  # noqa: ANN001
    path = _three_firms(tmp_path)
    events = _count(db, "SELECT count(*) FROM auditevent")
    report = _import(db, people.clerk, path)
    assert [row.verdict for row in report.rows] == [Verdict.CREATE] * 3
    assert [row.row for row in report.rows] == [2, 3, 4]
    assert report.may_commit and not report.written and report.encoding == "UTF-8"
    assert _count(db, "SELECT count(*) FROM enterprise") == 0
    assert _count(db, "SELECT count(*) FROM auditevent") == events


def test_the_import_writes_every_row_audited_as_typed_with_the_file_in_the_trail(db, people, tmp_path) -> None:  # noqa: ANN001
    path = _three_firms(tmp_path)
    events = _count(db, "SELECT count(*) FROM auditevent")
    report = _import(db, people.clerk, path, dry_run=False)
    assert report.written
    with db.reading() as uow:
        firms = uow.session.connection().execute(text(
            "SELECT e.name, e.employees, e.annual_revenue_fen, e.size_class, t.unit, t.floor_area_dm2,"
            " CAST(t.start_on AS TEXT), e.zone_id FROM enterprise e JOIN tenancy t"
            " ON t.enterprise_id = e.id"
            " ORDER BY e.id")).all()
        trail = uow.session.connection().execute(text(
            "SELECT action, entity_type, entity_id, after_json, actor_name FROM auditevent"
            " WHERE seq > :seq ORDER BY seq"), {"seq": events}).all()
    assert firms[0] == ("上海北辰量子科技有限公司", 35, 12_000_000_00, "small", "A栋101室", 12_050,
                        "2024-01-01", 1)
    assert firms[2][1] == 120
    batch = trail[0]
    assert batch.action == "import.firms" and batch.actor_name == "clerk1"
    details = json.loads(batch.after_json)
    assert details["file"] == "firms.csv"
    assert details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert details["create"] == 3
    assert [t.action for t in trail[1:]] == ["enterprise.register", "tenancy.open"] * 3
    assert len(trail) - 1 == details["events"]


def test_the_same_file_twice_changes_nothing_the_second_time(db, people, tmp_path) -> None:  # noqa: ANN001
    path = _three_firms(tmp_path)
    _import(db, people.clerk, path, dry_run=False)
    events = _count(db, "SELECT count(*) FROM auditevent")
    again = _import(db, people.clerk, path, dry_run=False)
    assert [row.verdict for row in again.rows] == [Verdict.UNCHANGED] * 3
    assert not again.written
    assert _count(db, "SELECT count(*) FROM auditevent") == events


def test_one_edited_cell_is_one_update_naming_the_field(db, people, tmp_path) -> None:  # noqa: ANN001
    _import(db, people.clerk, _three_firms(tmp_path), dry_run=False)
    rows = [FIRM_HEADER,
            firm_row(valid_uscc(5001), "上海北辰量子科技有限公司"),
            firm_row(valid_uscc(5002), "上海南湖生物医药有限公司", sector="生物医药", unit="B栋202室",
                     employees=48),
            firm_row(valid_uscc(5003), "上海东岸低空飞行器有限公司", industry="工业", employees="120")]
    report = _import(db, people.clerk, write_csv(tmp_path / "edited.csv", rows), dry_run=False)
    assert [row.verdict for row in report.rows] == [Verdict.UNCHANGED, Verdict.UPDATE, Verdict.UNCHANGED]
    assert [(c.field, c.old, c.new) for c in report.rows[1].changes] == [("employees", 35, 48)]
    assert _count(db, "SELECT employees FROM enterprise WHERE name = '上海南湖生物医药有限公司'") == 48
    assert _count(db, "SELECT count(*) FROM auditevent WHERE action = 'enterprise.edit'") == 1


def test_one_refused_row_keeps_the_whole_file_out(db, people, tmp_path) -> None:  # noqa: ANN001
    rows = [FIRM_HEADER,
            firm_row(valid_uscc(5101), "上海好企业科技有限公司"),
            firm_row("9.14403E+17", "上海科学计数法有限公司"),
            firm_row(valid_uscc(5103), "上海无行业有限公司", industry="造船"),
            firm_row(valid_uscc(5104), "上海负面积有限公司", area="-3")]
    report = _import(db, people.clerk, write_csv(tmp_path / "bad.csv", rows), dry_run=False)
    assert [row.verdict for row in report.rows] == [Verdict.CREATE] + [Verdict.REFUSED] * 3
    assert not report.written and not report.may_commit
    assert _count(db, "SELECT count(*) FROM enterprise") == 0
    columns = [[reason.column for reason in row.reasons] for row in report.rows[1:]]
    assert columns == [["统一社会信用代码"], ["所属行业"], ["面积（平方米）"]]
    assert "number" in report.rows[1].reasons[0].error.message()


def test_a_row_for_another_zone_is_refused_not_dropped(db, people, tmp_path) -> None:  # noqa: ANN001
    rows = [FIRM_HEADER, firm_row(valid_uscc(5201), "上海一区企业有限公司"),
            firm_row(valid_uscc(5202), "上海二区企业有限公司", zone="Z02")]
    report = _import(db, people.clerk, write_csv(tmp_path / "zones.csv", rows))
    assert [row.verdict for row in report.rows] == [Verdict.CREATE, Verdict.REFUSED]
    assert report.rows[1].reasons[0].column == "园区代码"


def test_a_firm_of_another_zone_is_not_updated_through_its_code(db, people, tmp_path) -> None:  # noqa: ANN001
    code = valid_uscc(5301)
    register_enterprise(db, actor=people.clerk2, fields=firm_fields(uscc=code, name="上海二区老企业有限公司"),
                        zone_id=2)
    report = _import(db, people.clerk, write_csv(tmp_path / "theirs.csv", [
        FIRM_HEADER, firm_row(code, "上海改名企业有限公司")]))
    assert report.rows[0].verdict is Verdict.REFUSED
    assert "another zone" in report.rows[0].reasons[0].error.message()
    assert "二区老企业" not in report.rows[0].reasons[0].error.message()


def test_reviewers_and_auditors_cannot_import(db, people, tmp_path) -> None:  # noqa: ANN001
    path = _three_firms(tmp_path)
    for actor in (people.reviewer, people.auditor):
        with pytest.raises(PermissionDenied):
            _import(db, actor, path, dry_run=False)
    assert _count(db, "SELECT count(*) FROM enterprise") == 0


def test_a_failed_check_character_waits_for_a_decision(db, people, tmp_path) -> None:  # noqa: ANN001
    good = valid_uscc(5401)
    pilot = good[:17] + ("0" if good[17] != "0" else "1")
    path = write_csv(tmp_path / "pilot.csv", [FIRM_HEADER, firm_row(pilot, "上海早期试点有限公司")])
    report = _import(db, people.clerk, path, dry_run=False)
    assert report.rows[0].verdict is Verdict.DECISION
    assert report.rows[0].decisions == (Decision.USCC_CHECK,)
    assert not report.written
    decided = _import(db, people.clerk, path, dry_run=False, accepted=[(2, Decision.USCC_CHECK)])
    assert decided.written and decided.rows[0].verdict is Verdict.CREATE
    assert _count(db, "SELECT uscc_check FROM enterprise") == "unconfirmed"  # a reviewer confirms


def test_a_close_name_with_another_code_waits_for_a_decision(db, people, tmp_path) -> None:  # noqa: ANN001
    register_enterprise(db, actor=people.clerk, fields=firm_fields(uscc=valid_uscc(5501),
                        name="上海凯盛智能科技有限公司"), zone_id=1,
                        tenancy=FirstTenancy("C栋1", 10_000, date(2024, 1, 1)))
    path = write_csv(tmp_path / "close.csv", [
        FIRM_HEADER, firm_row(valid_uscc(5502), "凯盛智能科技（上海）有限责任公司")])
    report = _import(db, people.clerk, path)
    assert report.rows[0].decisions == (Decision.SIMILAR_NAME,)
    assert "上海凯盛智能科技有限公司" in report.rows[0].reasons[0].error.message()
    decided = _import(db, people.clerk, path, accepted=[(2, Decision.SIMILAR_NAME)])
    assert decided.rows[0].verdict is Verdict.CREATE


def test_a_code_twice_in_the_file_is_refused_the_second_time(db, people, tmp_path) -> None:  # noqa: ANN001
    code = valid_uscc(5601)
    report = _import(db, people.clerk, write_csv(tmp_path / "twice.csv", [
        FIRM_HEADER, firm_row(code, "上海甲企业有限公司"), firm_row(code, "上海乙企业有限公司", unit="2")]))
    assert [row.verdict for row in report.rows] == [Verdict.CREATE, Verdict.REFUSED]
    assert "Row 2" in report.rows[1].reasons[0].error.message()


def test_a_known_firm_with_another_tenancy_is_refused_with_the_tenancy_it_has(db, people, tmp_path) -> None:  # noqa: ANN001
    _import(db, people.clerk, _three_firms(tmp_path), dry_run=False)
    report = _import(db, people.clerk, write_csv(tmp_path / "moved.csv", [
        FIRM_HEADER, firm_row(valid_uscc(5001), "上海北辰量子科技有限公司", unit="Z栋9室")]))
    assert report.rows[0].verdict is Verdict.REFUSED
    message = report.rows[0].reasons[0].error.message()
    assert "A栋101室" in message and "120.5" in message and report.rows[0].reasons[0].column == "房号"


def test_a_name_certificates_cannot_print_is_refused(db, people, tmp_path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "rare.csv", [FIRM_HEADER, firm_row(valid_uscc(5701), "上海𠀀科技有限公司")],
                     "gb18030")
    report = _import(db, people.clerk, path)
    assert report.encoding == "GB18030"
    assert report.rows[0].verdict is Verdict.REFUSED
    assert "U+20000" in report.rows[0].reasons[0].error.message()


def test_cancel_writes_nothing(db, people, tmp_path) -> None:  # noqa: ANN001
    rows = [FIRM_HEADER] + [firm_row(valid_uscc(6000 + n), f"上海批量{n:04d}科技有限公司", unit=f"{n}")
                            for n in range(600)]
    path = write_xlsx(tmp_path / "many.xlsx", rows)
    seen = []
    with pytest.raises(Interrupted):
        _import(db, people.clerk, path, dry_run=False, progress=lambda done, total: seen.append(done),
                cancelled=lambda: len(seen) >= 2)
    assert seen and _count(db, "SELECT count(*) FROM enterprise") == 0


def test_a_file_without_the_required_columns_is_refused_as_a_whole(db, people, tmp_path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "short.csv", [("企业名称", "联系人"), ("上海甲有限公司", "张三")])
    with pytest.raises(ValidationError) as refused:
        _import(db, people.clerk, path)
    assert "统一社会信用代码" in refused.value.message()


def test_a_file_with_fewer_columns_leaves_the_other_fields_as_they_are(db, people, tmp_path) -> None:  # noqa: ANN001
    code = valid_uscc(5801)
    register_enterprise(db, actor=people.clerk, fields=firm_fields(
        uscc=code, name="上海旧名科技有限公司", legal_representative="王五", contact_name="赵敏"), zone_id=1)
    path = write_csv(tmp_path / "names.csv", [("统一社会信用代码", "企业名称", "行业领域", "所属行业", "联系人"),
                                              (code, "上海新名科技有限公司", "人工智能", "软件和信息技术服务业", "")])
    report = _import(db, people.clerk, path, dry_run=False)
    assert {(c.field, c.old, c.new) for c in report.rows[0].changes} == {
        ("name", "上海旧名科技有限公司", "上海新名科技有限公司"), ("contact_name", "赵敏", "")}
    with db.reading() as uow:
        kept = uow.session.connection().execute(text(
            "SELECT legal_representative, employees, contact_phone FROM enterprise")).one()
    assert kept == ("王五", 50, "021-55551234")  # columns the file does not have: untouched
