"""Lists exported from a demo database say so: `zonedesk export` writes a workbook whose sheets
say 演示数据 (and a demo's firms workbook still imports back unchanged), and a line on stderr
says a file of it is demo data; an office's own export says nothing of the kind."""

import io
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from db.importing.firms import import_firms
from db.importing.source import read_source
from db.importing.verdicts import Verdict
from db.queries.demo_data import mark_as_demo
from desktop import app as desktop_app
from desktop.cli import main
from tests.conftest import PASSWORD
from tests.ledger_data import make_book

MARK = "演示数据"


@pytest.fixture
def english(qapp):  # noqa: ANN001, ANN201
    yield qapp
    desktop_app.install_language(qapp, "en")


def marked_as_demo(path: Path) -> None:
    """The file marked as the demo generator marks it, with the mark's audit event."""
    connection = sqlite3.connect(path)
    mark_as_demo(connection)
    connection.commit()
    connection.close()


def _export(monkeypatch, capsys, db_path: Path, out: Path, lang: str = "en") -> tuple[int, str]:  # noqa: ANN001
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    status = main(["--lang", lang, "export", "firms", "--db", str(db_path), "--user", "admin",
                   "--password-stdin", str(out)])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_demos_firms_workbook_says_so_and_imports_back_unchanged(
        db, db_path, people, english, monkeypatch, capsys, tmp_path, lang) -> None:  # noqa: ANN001
    make_book(db, people)
    marked_as_demo(db_path)
    exported = tmp_path / "firms.xlsx"
    status, err = _export(monkeypatch, capsys, db_path, exported, lang)
    assert status == 0 and MARK in err
    book = openpyxl.load_workbook(exported)
    assert all(MARK in ws.title and MARK in ws.oddHeader.center.text for ws in book.worksheets)
    report = import_firms(db, actor=people.admin, source=read_source(exported), dry_run=True)
    assert report.unknown_columns == ()
    assert [row.verdict for row in report.rows] == [Verdict.UNCHANGED] * 4, [
        (r.verdict, r.reasons) for r in report.rows]


def test_a_demos_csv_is_named_demo_data_on_stderr(db, db_path, people, english, monkeypatch,
                                                   capsys, tmp_path) -> None:  # noqa: ANN001
    make_book(db, people)
    office_csv = tmp_path / "office.csv"
    status, err = _export(monkeypatch, capsys, db_path, office_csv)
    assert (status, err) == (0, "")
    office_xlsx = tmp_path / "office.xlsx"
    assert _export(monkeypatch, capsys, db_path, office_xlsx) == (0, "")
    assert not any(MARK in ws.title for ws in openpyxl.load_workbook(office_xlsx).worksheets)
    marked_as_demo(db_path)
    demo_csv = tmp_path / "demo.csv"
    status, err = _export(monkeypatch, capsys, db_path, demo_csv)
    assert status == 0 and len(err.strip().splitlines()) == 1
    assert MARK in err and str(demo_csv) in err
    assert demo_csv.read_bytes() == office_csv.read_bytes()  # the rows as they are, for scripts
