"""The firms list exported (`zonedesk export firms`) imports back with every row unchanged and
nothing written — as the XLSX, in Chinese and in English, and saved again as a GB18030 CSV;
one edited cell is exactly one update. And `zonedesk import` on the command line."""

import io

import openpyxl
import pytest
from sqlalchemy import text

from db.importing.firms import import_firms
from db.importing.source import read_source
from db.importing.verdicts import Verdict
from desktop import app as desktop_app
from desktop.cli import main
from tests.conftest import PASSWORD, valid_uscc
from tests.import_files import FIRM_HEADER, firm_row, write_csv
from tests.ledger_data import make_book


@pytest.fixture
def book(db, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


@pytest.fixture
def english(qapp):  # noqa: ANN001, ANN201
    yield qapp
    desktop_app.install_language(qapp, "en")


def _cli(monkeypatch, capsys, *args: str, lang: str = "en") -> tuple[int, str, str]:  # noqa: ANN001
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    status = main(["--lang", lang, *args])
    out, err = capsys.readouterr()
    return status, out, err


def _events(db) -> int:  # noqa: ANN001
    with db.reading() as uow:
        return uow.session.connection().execute(text("SELECT count(*) FROM auditevent")).scalar_one()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_exported_firms_list_imports_back_unchanged(db, db_path, people, book, english, monkeypatch,
                                                        capsys, tmp_path, lang) -> None:  # noqa: ANN001
    exported = tmp_path / "firms.xlsx"
    status, _out, err = _cli(monkeypatch, capsys, "export", "firms", "--db", str(db_path), "--user",
                             "admin", "--password-stdin", str(exported), lang=lang)
    assert (status, err) == (0, "")
    events = _events(db)
    report = import_firms(db, actor=people.admin, source=read_source(exported), dry_run=False)
    assert report.unknown_columns == ()
    assert [row.verdict for row in report.rows] == [Verdict.UNCHANGED] * 4, [
        (r.verdict, r.reasons, r.changes) for r in report.rows]
    assert not report.written and _events(db) == events
    # the same list saved by Excel as a CSV (GB18030, no BOM; what Excel shows, as text)
    sheet = openpyxl.load_workbook(exported).active
    rows = [["" if v is None else v.date().isoformat() if hasattr(v, "date") else str(v)
             for v in row] for row in sheet.iter_rows(values_only=True)]
    as_csv = write_csv(tmp_path / "firms.csv", rows, "gb18030")
    again = import_firms(db, actor=people.admin, source=read_source(as_csv), dry_run=False)
    assert again.encoding == "GB18030"
    assert [row.verdict for row in again.rows] == [Verdict.UNCHANGED] * 4
    # one edited cell: one update, of that field only
    header = rows[0]
    rows[2][header.index("从业人员（人）" if lang == "zh_CN" else "Employees")] = "77"
    edited = import_firms(db, actor=people.admin, source=read_source(
        write_csv(tmp_path / "edited.csv", rows, "utf-8-sig")), dry_run=False)
    assert [row.verdict for row in edited.rows].count(Verdict.UPDATE) == 1
    (update,) = [row for row in edited.rows if row.verdict is Verdict.UPDATE]
    assert [(c.field, c.new) for c in update.changes] == [("employees", 77)]
    assert edited.written and _events(db) == events + 2  # the batch and the firm's edit


def test_the_command_line_prints_counts_and_writes_the_refused_rows_beside_the_file(
        db, db_path, people, english, monkeypatch, capsys, tmp_path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "firms.csv", [
        FIRM_HEADER, firm_row(valid_uscc(7001), "上海甲科技有限公司"),
        firm_row("91310115", "上海乙科技有限公司"), firm_row(valid_uscc(7003), "上海丙科技有限公司")])
    status, out, err = _cli(monkeypatch, capsys, "import", "firms", "--db", str(db_path), "--user",
                            "clerk1", "--password-stdin", str(path))
    assert status == 1 and err == ""
    assert "3 rows: New 2, Refused 1" in out
    refused = tmp_path / "firms - refused rows.xlsx"
    assert str(refused) in out
    sheet = openpyxl.load_workbook(refused).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:2] == ["91310115", "上海乙科技有限公司"] and "18 characters" in " ".join(
        str(v) for v in values[1])
    with db.reading() as uow:
        assert uow.session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar() == 0
    fixed = write_csv(tmp_path / "firms.csv", [
        FIRM_HEADER, firm_row(valid_uscc(7001), "上海甲科技有限公司"),
        firm_row(valid_uscc(7002), "上海乙科技有限公司"), firm_row(valid_uscc(7003), "上海丙科技有限公司")])
    status, out, err = _cli(monkeypatch, capsys, "import", "firms", "--db", str(db_path), "--user",
                            "clerk1", "--password-stdin", "--dry-run", str(fixed))
    assert (status, err) == (0, "") and "Dry run" in out
    status, out, _err = _cli(monkeypatch, capsys, "import", "firms", "--db", str(db_path), "--user",
                             "clerk1", "--password-stdin", str(fixed))
    assert status == 0 and "Imported." in out
    with db.reading() as uow:
        assert uow.session.connection().execute(text("SELECT count(*) FROM enterprise")).scalar() == 3


def test_the_command_line_refuses_in_one_sentence(db_path, people, english, monkeypatch, capsys,
                                                  tmp_path) -> None:  # noqa: ANN001
    status, _out, err = _cli(monkeypatch, capsys, "import", "bills", "--db", str(db_path), "--user",
                             "clerk1", "--password-stdin", str(tmp_path / "x.csv"))
    assert status == 2 and "--zone" in err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    status, _out, err = _cli(monkeypatch, capsys, "import", "firms", "--db", str(db_path), "--user",
                             "clerk1", "--password-stdin", str(broken))
    assert status == 2 and "Traceback" not in err and err.count("\n") == 1
    wrong = write_csv(tmp_path / "ok.csv", [FIRM_HEADER])
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong password\n"))
    assert main(["--lang", "en", "import", "firms", "--db", str(db_path), "--user", "clerk1",
                 "--password-stdin", str(wrong)]) == 1


def test_bills_on_the_command_line(db, db_path, people, english, monkeypatch, capsys, tmp_path) -> None:  # noqa: ANN001
    book = make_book(db, people)
    with db.reading() as uow:
        code = uow.session.connection().execute(
            text("SELECT uscc FROM enterprise WHERE id = :i"), {"i": book.firm_a}).scalar()
    path = write_csv(tmp_path / "june.csv", [("信用代码", "类别", "金额"), (code, "电", "100")])
    status, out, err = _cli(monkeypatch, capsys, "import", "bills", "--db", str(db_path), "--user",
                            "clerk1", "--password-stdin", "--zone", "Z01", "--month", "2026-06", str(path))
    assert (status, err) == (0, "") and "New 1" in out
    with db.reading() as uow:
        assert uow.session.connection().execute(text(
            "SELECT billed_fen, status FROM subsidyentry WHERE period = '2026-06'")).one() == (10_000, "draft")


def test_every_little_giant_level_the_export_writes_reads_back(db, people, english) -> None:  # noqa: ANN001
    from db.importing import cells
    from db.importing.firm_rows import Vocabulary
    from desktop.widgets.labels import GIANT_LEVELS, label
    with db.reading() as uow:
        words = Vocabulary.load(uow.session).giant_levels
    for language in ("zh_CN", "en"):
        desktop_app.install_language(english, language)
        for code in GIANT_LEVELS:
            assert words[cells.normalised(label(GIANT_LEVELS, code))] == code, (language, code)


def test_the_command_line_speaks_chinese_when_asked(db_path, people, english, monkeypatch, capsys,
                                                    tmp_path) -> None:  # noqa: ANN001
    path = write_csv(tmp_path / "名单.csv", [
        FIRM_HEADER, firm_row(valid_uscc(7101), "上海甲科技有限公司"), firm_row("123", "上海乙科技有限公司")],
        "gb18030")
    status, out, err = _cli(monkeypatch, capsys, "import", "firms", "--db", str(db_path), "--user",
                            "clerk1", "--password-stdin", str(path), lang="zh_CN")
    assert status == 1 and err == ""
    assert "名单.csv (GB18030): 共 2 行：新建 1, 拒绝 1" in out and "未导入任何内容" in out
    assert (tmp_path / "名单 - 未导入的行.xlsx").exists()
    status, _out, err = _cli(monkeypatch, capsys, "import", "firms", "--db", str(tmp_path / "无.sqlite"),
                             "--user", "clerk1", "--password-stdin", str(path), lang="zh_CN")
    assert status == 2 and "没有这个数据库" in err
