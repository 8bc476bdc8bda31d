"""`zonedesk verify-audit --db postgresql://server/zonedesk --user NAME`: an auditor (or an
administrator) logs in on the server with their own password and has its whole trail verified,
with the anchor to write down and to prove later; a clerk, who sees only their zones' rows, is
refused in one sentence, as is a wrong password; a trail edited behind the program's back is
said broken. `zonedesk export` and `zonedesk import` work on the server's address too, with the
person's scope."""

import io
import sys

import pytest
from python_calamine import CalamineWorkbook

from db.audit_verification import BROKEN, INTACT, UNREADABLE
from db.server.connection import ServerDatabase
from desktop import cli
from tests.conftest import PASSWORD, Staff, valid_uscc
from tests.import_files import FIRM_HEADER, firm_row, write_csv
from tests.rules.test_money_rules import Desk


@pytest.fixture
def office(postgres_server, server_database):  # noqa: ANN001, ANN201
    """A server database with its people, a firm in each of zones 1 and 2 and a month's bill
    approved; the address the program is given (naming no person)."""
    district = ServerDatabase(postgres_server.url(database=server_database))
    try:
        people = Staff(district)
        desk = Desk(district, people)
        desk.approved(desk.firm(), "electricity", "2026-03", 250_000)
        desk.firm(zone_id=2)
    finally:
        district.dispose()
    return postgres_server.url(user=None, database=server_database)


def _run(monkeypatch, *args: str, password: str = PASSWORD) -> int:  # noqa: ANN001
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return cli.main(["--lang", "en", *args, "--password-stdin"])


def test_an_auditor_verifies_the_servers_trail_and_proves_it_later(office, monkeypatch, capsys):
    assert _run(monkeypatch, "verify-audit", "--db", office, "--user", "auditor") == INTACT
    said = capsys.readouterr()
    assert said.err == ""
    assert "events" in said.out and "intact" in said.out
    (anchor,) = [line.split(": ")[-1] for line in said.out.splitlines()
                 if line.startswith("Anchor of the database as verified")]
    assert anchor.startswith("ZDA1.")

    # later, after more work: still the database anchored, up to the anchor
    assert _run(monkeypatch, "verify-audit", "--db", office, "--user", "admin",
                "--anchor", anchor) == INTACT
    later = capsys.readouterr().out
    assert f"It holds events 1 to {anchor.split('.')[1]} exactly as anchored." in later


def test_a_clerk_a_wrong_password_and_no_name_are_refused(office, monkeypatch, capsys):
    assert _run(monkeypatch, "verify-audit", "--db", office, "--user", "clerk1") == UNREADABLE
    assert capsys.readouterr().err.strip() == "Your role (clerk) may not do this (audit.read)."
    assert _run(monkeypatch, "verify-audit", "--db", office, "--user", "auditor",
                password="not it") == UNREADABLE
    assert "password" in capsys.readouterr().err.lower()
    assert cli.main(["verify-audit", "--db", office]) == UNREADABLE
    assert capsys.readouterr().err.strip() == (
        "Say who verifies the server's trail: --user NAME (an administrator or an auditor).")


def test_a_trail_edited_with_psql_is_said_broken(office, postgres_server, server_database,
                                                  monkeypatch, capsys):
    with postgres_server.connect(database=server_database) as root:
        root.execute("ALTER TABLE auditevent DISABLE TRIGGER USER")
        root.execute("UPDATE auditevent SET actor_name = 'nobody' WHERE seq = 6")
        root.execute("ALTER TABLE auditevent ENABLE TRIGGER USER")
    assert _run(monkeypatch, "verify-audit", "--db", office, "--user", "auditor") == BROKEN
    said = capsys.readouterr()
    assert "event 6" in said.err and "Anchor" not in said.out + said.err


def test_a_clerk_exports_their_zones_firms_from_the_server(office, monkeypatch, capsys, tmp_path):
    out = tmp_path / "firms.xlsx"
    assert _run(monkeypatch, "export", "firms", "--db", office, "--user", "clerk1", str(out)) == 0
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert len(rows) == 2  # the header and zone 1's firm: zone 2's is not the clerk's to see
    assert capsys.readouterr().err == ""


def test_a_clerk_imports_firms_into_their_zone_on_the_server(office, postgres_server,
                                                             server_database, monkeypatch,
                                                             capsys, tmp_path):
    rows = [FIRM_HEADER, firm_row(valid_uscc(8101), "上海甲科技有限公司"),
            firm_row(valid_uscc(8102), "上海乙科技有限公司", zone="Z02")]
    path = write_csv(tmp_path / "firms.csv", rows, "gb18030")
    assert _run(monkeypatch, "import", "firms", "--db", office, "--user", "clerk1", str(path)) == 1
    out = capsys.readouterr().out
    assert "2 rows: New 1, Refused 1" in out  # Z02 is not the clerk's: all rows or none
    del rows[2]
    assert _run(monkeypatch, "import", "firms", "--db", office, "--user", "clerk1",
                str(write_csv(tmp_path / "firms.csv", rows, "gb18030"))) == 0
    assert "Imported." in capsys.readouterr().out
    with postgres_server.connect(database=server_database) as root:
        assert root.execute("SELECT name, zone_id FROM enterprise WHERE uscc = %s",
                            (valid_uscc(8101),)).fetchall() == [("上海甲科技有限公司", 1)]
