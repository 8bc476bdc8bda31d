"""`zonedesk server move`: an office's file moved into a new server database, every row, the
trail verified before and after, certificates still verifying, one-time passwords."""

import sqlite3

import psycopg
import pytest
from sqlalchemy import text

from db import demo
from db.engine import Database
from db.server import moving
from db.server.moving import MoveRefused, move
from db.services import auth
from db.services.certificates import CertificateRequest, issue_many
from desktop import cli

FIRMS = 150


@pytest.fixture(scope="module")
def office_file(tmp_path_factory):  # noqa: ANN001, ANN201
    path = tmp_path_factory.mktemp("office") / "office.sqlite"
    demo.generate(path, firms=FIRMS, seed=5)
    database = Database(path)  # and a few certificates, issued and signed in the file
    try:
        clerk = auth.log_in(database, username="clerk01", password=demo.DEMO_PASSWORD)
        with database.reading() as uow:
            firms = uow.session.connection().execute(text(
                "SELECT DISTINCT t.enterprise_id FROM tenancy t WHERE t.zone_id = 1"
                " AND t.end_on IS NULL ORDER BY 1 LIMIT 3")).scalars().all()
        issue_many(database, actor=clerk,
                   requests=[CertificateRequest("tenancy", firm, 1) for firm in firms])
    finally:
        database.dispose()
    return path


def _file_counts(path) -> dict[str, int]:  # noqa: ANN001
    connection = sqlite3.connect(path)
    try:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in moving.TABLES}
    finally:
        connection.close()


def _server_counts(server, database: str) -> dict[str, int]:  # noqa: ANN001
    with server.connect(database=database) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in moving.TABLES}


def _drop(server, database: str) -> None:  # noqa: ANN001
    server.wait_until_gone(database)
    with server.connect() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database}")


def test_every_row_moves_and_the_trail_and_certificates_verify(postgres_server, office_file):
    said: list[str] = []
    try:
        moved = move(office_file, postgres_server.url(), database="office_moved",
                     said=said.append)
        expected = _file_counts(office_file)
        assert moved.rows == expected
        assert _server_counts(postgres_server, "office_moved") == expected
        assert expected["subsidyentry"] > 1_000 and expected["certificate"] > 0
        assert moved.events == expected["auditevent"]
        assert moved.certificates == expected["certificate"]
        assert said[0] == "office.sqlite: audit trail verified"
        assert "certificates verify" in said[-2]
        assert said[-1] == "the server's statistics of the moved rows gathered (ANALYZE)"
        with postgres_server.connect(database="office_moved") as connection:
            # the planner knows how many rows there are (it would otherwise take the tables
            # for empty and scan a whole zone's entries for a firm's)
            assert connection.execute("SELECT reltuples FROM pg_class WHERE relname ="
                                      " 'subsidyentry'").fetchone()[0] == expected["subsidyentry"]
            # the rows are the file's, byte for byte where it matters: money and the trail
            server_money = connection.execute(
                "SELECT sum(subsidy_fen), sum(billed_fen) FROM subsidyentry").fetchone()
            last = connection.execute(
                "SELECT seq, hash FROM auditevent ORDER BY seq DESC LIMIT 1").fetchone()
            must_change = {row[0] for row in connection.execute(
                "SELECT username FROM onetimepassword")}
            # new rows continue after the file's ids
            next_id = connection.execute(
                "SELECT nextval(pg_get_serial_sequence('subsidyentry', 'id'))").fetchone()[0]
        file = sqlite3.connect(office_file)
        assert tuple(server_money) == file.execute(
            "SELECT sum(subsidy_fen), sum(billed_fen) FROM subsidyentry").fetchone()
        assert tuple(last) == file.execute(
            "SELECT seq, hash FROM auditevent ORDER BY seq DESC LIMIT 1").fetchone()
        assert next_id == file.execute("SELECT max(id) FROM subsidyentry").fetchone()[0] + 1
        file.close()
        # each account logs in with its one-time password, which is marked to be changed
        assert set(moved.passwords) == must_change and len(moved.passwords) >= 3
        for username, password in moved.passwords.items():
            postgres_server.connect(username, password, "office_moved").close()
        assert len(set(moved.passwords.values())) == len(moved.passwords)
    finally:
        _drop(postgres_server, "office_moved")


def test_a_database_holding_an_office_is_never_written_over(postgres_server, office_file):
    move(office_file, postgres_server.url(), database="office_twice", said=lambda _line: None)
    try:
        before = _server_counts(postgres_server, "office_twice")
        with pytest.raises(MoveRefused, match="is not empty"):
            move(office_file, postgres_server.url(), database="office_twice",
                 said=lambda _line: None)
        assert _server_counts(postgres_server, "office_twice") == before
    finally:
        _drop(postgres_server, "office_twice")


def test_a_file_whose_trail_does_not_verify_is_not_moved(postgres_server, office_file, tmp_path):
    tampered = tmp_path / "tampered.sqlite"
    tampered.write_bytes(office_file.read_bytes())
    connection = sqlite3.connect(tampered)
    connection.execute("DROP TRIGGER subsidyentry_frozen_update")
    connection.execute("DROP TRIGGER subsidyentry_closed_update")
    connection.execute("UPDATE subsidyentry SET subsidy_fen = subsidy_fen + 100"
                       " WHERE id = (SELECT min(id) FROM subsidyentry WHERE status = 'approved')")
    connection.commit()
    connection.close()
    with pytest.raises(MoveRefused, match="does not verify"):
        move(tampered, postgres_server.url(), database="office_tampered",
             said=lambda _line: None)
    with postgres_server.connect() as admin:
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = 'office_tampered'"
                             ).fetchone() is None


def test_the_command_prints_the_one_time_passwords_once(postgres_server, office_file, capsys):
    target = postgres_server.url(database="office_by_command")
    try:
        assert cli.main(["server", "move", "--from", str(office_file), "--to", target]) == 0
        out = capsys.readouterr().out
        assert "One-time passwords" in out
        lines = out.split("One-time passwords")[1].strip().splitlines()[1:]
        name, password = lines[0].split()
        postgres_server.connect(name, password, "office_by_command").close()
        assert cli.main(["server", "move", "--from", str(office_file), "--to", target]) == 1
        assert "is not empty" in capsys.readouterr().err
        with pytest.raises(psycopg.OperationalError):
            postgres_server.connect(name, "not the password", "office_by_command")
    finally:
        _drop(postgres_server, "office_by_command")
