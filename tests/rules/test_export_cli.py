"""`zonedesk export …`: the person logs in as at the window, gets what their panes show, and a
refusal is one sentence and a non-zero exit, never a traceback."""

import csv
import io
import sys
from pathlib import Path

import openpyxl
import pytest

from db.engine import Database
from db.queries.staff import staff_list
from db.services import staff as staff_service
from db.services.auth import MAX_FAILED_ATTEMPTS
from desktop import app as desktop_app
from desktop.cli import main
from tests.conftest import PASSWORD
from tests.ledger_data import make_book


@pytest.fixture
def book(db: Database, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


@pytest.fixture
def english(qapp):  # noqa: ANN001, ANN201
    """A QApplication before the command asks for one (it would make a bare QCoreApplication),
    and English again afterwards."""
    yield qapp
    desktop_app.install_language(qapp, "en")


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str,
         password: str = PASSWORD, lang: str = "en") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    status = main(["--lang", lang, "export", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_clerk_exports_the_firms_of_their_zone(db_path, book, english, monkeypatch, capsys, tmp_path) -> None:  # noqa: ANN001
    out_file = tmp_path / "firms.xlsx"
    status, out, err = _run(monkeypatch, capsys, "firms", "--db", str(db_path), "--user", "clerk1",
                            "--password-stdin", str(out_file))
    assert (status, err) == (0, "")
    assert out.strip() == f"3 rows written to {out_file}."
    sheet = openpyxl.load_workbook(out_file).active
    header = [c.value for c in sheet[1]]
    zones = {row[header.index("Zone code")].value for row in sheet.iter_rows(min_row=2)}
    assert zones == {"Z01"}  # never zone 2's firm
    assert sheet.freeze_panes == "A2"
    assert all(isinstance(row[header.index("Credit code")].value, str) for row in sheet.iter_rows(min_row=2))


def test_ledger_and_certificates_to_csv_in_chinese(db_path, book, english, monkeypatch, capsys,
                                                   tmp_path) -> None:  # noqa: ANN001
    out_file = tmp_path / "ledger.csv"
    status, out, _err = _run(monkeypatch, capsys, "ledger", "--db", str(db_path), "--user", "clerk2",
                             "--password-stdin", str(out_file), lang="zh_CN")
    assert status == 0 and out.startswith("1 rows written")
    assert out_file.read_bytes().startswith(b"\xef\xbb\xbf")
    with out_file.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[1][2] == "Z02" and rows[1][8] == "3000.00"
    assert rows[1][9] not in ("approved", "Approved")  # said in Chinese, as the ledger says it
    certificates = tmp_path / "certificates.xlsx"
    status, out, _err = _run(monkeypatch, capsys, "certificates", "--db", str(db_path), "--user", "admin",
                             "--password-stdin", str(certificates))
    assert status == 0 and out.startswith("0 rows written") and certificates.exists()


@pytest.mark.parametrize(("user", "password", "sentence"), [
    ("clerk1", "wrong", "user name or password"),
    ("nobody", PASSWORD, "user name or password"),
])
def test_refused_log_in_is_one_sentence(db_path, book, english, monkeypatch, capsys, tmp_path,
                                        user, password, sentence) -> None:  # noqa: ANN001
    out_file = tmp_path / "firms.xlsx"
    status, out, err = _run(monkeypatch, capsys, "firms", "--db", str(db_path), "--user", user,
                            "--password-stdin", str(out_file), password=password)
    assert status == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and sentence in err.lower() and "Traceback" not in err
    assert not out_file.exists()


def test_a_locked_or_deactivated_account_is_refused(db, db_path, people, english, monkeypatch, capsys,
                                                    tmp_path) -> None:  # noqa: ANN001
    for _ in range(MAX_FAILED_ATTEMPTS):
        _run(monkeypatch, capsys, "firms", "--db", str(db_path), "--user", "clerk1", "--password-stdin",
             str(tmp_path / "x.xlsx"), password="wrong")
    status, _out, err = _run(monkeypatch, capsys, "firms", "--db", str(db_path), "--user", "clerk1",
                             "--password-stdin", str(tmp_path / "x.xlsx"))
    assert status == 1 and len(err.strip().splitlines()) == 1 and "lock" in err.lower()
    account = next(s for s in staff_list(db, actor=people.admin) if s.username == "clerk2")
    staff_service.set_active(db, actor=people.admin, staff_id=account.id, active=False)
    status, _out, err = _run(monkeypatch, capsys, "firms", "--db", str(db_path), "--user", "clerk2",
                             "--password-stdin", str(tmp_path / "x.xlsx"))
    assert status == 1 and "deactivated" in err
    assert not (tmp_path / "x.xlsx").exists()


def test_unknown_suffix_missing_folder_missing_database(db_path, people, english, monkeypatch, capsys,
                                                        tmp_path) -> None:  # noqa: ANN001
    cases = [(str(db_path), str(tmp_path / "firms.txt"), ".xlsx or .csv"),
             (str(db_path), str(tmp_path / "no" / "firms.xlsx"), "cannot be written"),
             (str(tmp_path / "none.sqlite"), str(tmp_path / "firms.xlsx"), "no such database")]
    for database, out_file, sentence in cases:
        status, out, err = _run(monkeypatch, capsys, "firms", "--db", database, "--user", "admin",
                                "--password-stdin", out_file)
        assert status == 2 and out == "" and sentence in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "none.sqlite").exists()


def test_a_file_that_cannot_be_written(db_path, people, english, monkeypatch, capsys, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "firms.xlsx"
    folder.mkdir()  # a folder where the file should go: rename refuses
    status, _out, err = _run(monkeypatch, capsys, "firms", "--db", str(db_path), "--user", "admin",
                             "--password-stdin", str(folder))
    assert status == 2 and "cannot be written" in err and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".firms")] == []


def test_the_audit_choice_reaches_the_audit_source(db_path, people, english, monkeypatch, capsys,
                                                   tmp_path) -> None:  # noqa: ANN001
    seen = []

    def source(what: str):  # noqa: ANN202
        seen.append(what)
        from db.export.firms import firms_import_table
        return lambda db, actor: firms_import_table(db, actor=actor)
    monkeypatch.setattr("desktop.export_command._source", source)
    status, _out, _err = _run(monkeypatch, capsys, "audit", "--db", str(db_path), "--user", "auditor",
                              "--password-stdin", str(tmp_path / "audit.csv"))
    assert status == 0 and seen == ["audit"]


def test_password_from_getpass_without_the_flag(db_path, people, english, monkeypatch, capsys, tmp_path) -> None:  # noqa: ANN001
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSWORD)
    status = main(["--lang", "en", "export", "firms", "--db", str(db_path), "--user", "admin",
                   str(tmp_path / "firms.csv")])
    assert status == 0 and Path(tmp_path / "firms.csv").exists()


def test_a_list_this_installation_lacks_is_one_sentence(db_path, people, english, monkeypatch, capsys,
                                                        tmp_path) -> None:  # noqa: ANN001
    monkeypatch.setitem(sys.modules, "db.export.audit_source", None)  # its import fails
    status, _out, err = _run(monkeypatch, capsys, "audit", "--db", str(db_path), "--user", "auditor",
                             "--password-stdin", str(tmp_path / "audit.xlsx"))
    assert status == 2 and err.strip() == "This version of Zone Desk cannot export the audit list."
