"""`zonedesk server init`: a server made ready once, a second run changing nothing and saying
so, the first administrator logging in with their password, and a wrong admin URL refused in
one line."""

import base64
import itertools

import psycopg
import pytest

from db.migrate import head_revision
from db.server import scram, setup
from desktop.cli import main
from tests.server.conftest import drop

PASSWORD = "the first admin's password"
_numbers = itertools.count(1)


@pytest.fixture
def new_name(postgres_server):  # noqa: ANN001, ANN201
    """A database name no database has yet; dropped after the test if init made it."""
    name = f"zonedesk_init_{next(_numbers)}"
    yield name
    drop(postgres_server, name)


def _state(server, database: str) -> dict:  # noqa: ANN001
    """What a run of init could change: roles, memberships, the database, its rows."""
    with server.connect() as root:
        roles = root.execute("SELECT rolname, rolcanlogin, rolcreaterole, rolpassword FROM pg_authid"
                             " ORDER BY rolname").fetchall()
        members = root.execute("SELECT roleid::regrole::text, member::regrole::text, admin_option"
                               " FROM pg_auth_members ORDER BY 1, 2").fetchall()
        databases = root.execute("SELECT datname, datdba::regrole::text, datacl::text"
                                 " FROM pg_database ORDER BY 1").fetchall()
    with server.connect(database=database) as root:
        counts = {t: root.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for (t,) in root.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()}
        head = root.execute("SELECT seq, hash FROM audithead").fetchone()
    return {"roles": roles, "members": members, "databases": databases, "counts": counts,
            "head": head}


def test_init_makes_a_server_once_and_a_second_run_changes_nothing(postgres_server, new_name):
    url = postgres_server.url()
    first = setup.init(url, database=new_name, admin_username="admin01",
                       admin_display_name="Admin One", admin_password=PASSWORD)
    assert f"database {new_name} made, owned by zonedesk_owner" in first
    assert f"schema brought to revision {head_revision()} (from none)" in first
    assert "reference data loaded: 16 districts, 13 sectors, 55 zones, 34 clusters" in first
    assert first[-1] == "administrator admin01 made, with a login role"
    made = _state(postgres_server, new_name)
    again = setup.init(url, database=new_name, admin_username="admin01",
                       admin_display_name="Admin One", admin_password=PASSWORD)
    assert again == ["role zonedesk_owner already there", "role zonedesk_staff already there",
                     "role zonedesk_keeper already there", f"database {new_name} already there",
                     f"schema already at revision {head_revision()}",
                     "signing functions already there", "reference data already there",
                     "an administrator is already there (admin01): none made"]
    assert _state(postgres_server, new_name) == made
    with postgres_server.connect(database=new_name) as root:
        staff = root.execute("SELECT username, display_name, role, active, password_hash"
                             " FROM staffaccount").fetchall()
        events = [a for (a,) in root.execute("SELECT action FROM auditevent ORDER BY seq").fetchall()]
    assert staff == [("admin01", "Admin One", "admin", True, setup.roles.PASSWORD_KEPT_BY_SERVER)]
    assert events == ["reference.load"] * 4 + ["staff.create_first_admin"]


def test_the_first_administrator_logs_in_with_their_password(postgres_server, new_name):
    setup.init(postgres_server.url(), database=new_name, admin_username="Admin02 ",
               admin_display_name="Admin Two", admin_password=PASSWORD)
    with postgres_server.connect("admin02", PASSWORD, new_name) as admin:
        assert admin.execute("SELECT current_user, zonedesk_role(current_user)").fetchone() == \
            ("admin02", "admin")
        assert admin.execute("SELECT count(*) FROM zone").fetchone()[0] == 55
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        postgres_server.connect("admin02", "not the password", new_name)
    with postgres_server.connect() as root:  # the server keeps a verifier, never the password
        stored = root.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'admin02'").fetchone()[0]
    assert scram.is_verifier(stored) and PASSWORD not in stored


def test_a_verifier_is_the_one_the_server_makes_of_the_same_password(postgres_server):
    with postgres_server.connect() as root:
        for password in ("plain ascii 12", "密码很长12345", "ｆｕｌｌ\u00a0width\u00adx", "ab\u0627c"):
            root.execute("DROP ROLE IF EXISTS verifier01")
            root.execute(psycopg.sql.SQL("CREATE ROLE verifier01 PASSWORD {}").format(
                psycopg.sql.Literal(password)))
            stored = root.execute("SELECT rolpassword FROM pg_authid WHERE rolname = 'verifier01'"
                                  ).fetchone()[0]
            iterations, salt = stored.split("$")[1].split(":")
            assert scram.verifier(password, iterations=int(iterations),
                                  salt=base64.b64decode(salt)) == stored, password
        root.execute("DROP ROLE verifier01")


def test_a_role_with_createrole_and_createdb_may_init_too(postgres_server, new_name):
    with postgres_server.connect() as root:
        root.execute("DROP ROLE IF EXISTS district01")
        root.execute("CREATE ROLE district01 LOGIN CREATEROLE CREATEDB PASSWORD 'district password'")
    said = setup.init(postgres_server.url("district01", "district password"), database=new_name,
                      admin_username="admin03", admin_display_name="Admin Three",
                      admin_password=PASSWORD)
    assert "district01 made a member of zonedesk_owner" in said
    with postgres_server.connect("admin03", PASSWORD, new_name) as admin:
        assert admin.execute("SELECT zonedesk_role(current_user)").fetchone()[0] == "admin"


def test_the_command_prints_what_it_did_and_exits_0(postgres_server, new_name, monkeypatch, capsys):
    monkeypatch.setenv("ZONEDESK_ADMIN_PASSWORD", PASSWORD)
    arguments = ["server", "init", "--admin-url", postgres_server.url(), "--database", new_name,
                 "--admin-username", "admin04", "--admin-display-name", "Admin Four"]
    assert main(arguments) == 0
    out = capsys.readouterr()
    assert out.err == ""
    assert f"database {new_name} made, owned by zonedesk_owner\n" in out.out
    assert out.out.endswith("administrator admin04 made, with a login role\n")
    assert main(arguments) == 0
    assert capsys.readouterr().out.endswith("an administrator is already there (admin04): none made\n")


def test_the_command_asks_for_the_password_twice(postgres_server, new_name, monkeypatch, capsys):
    monkeypatch.delenv("ZONEDESK_ADMIN_PASSWORD", raising=False)
    answers = iter([PASSWORD, "something else"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    arguments = ["server", "init", "--admin-url", postgres_server.url(), "--database", new_name,
                 "--admin-username", "admin05", "--admin-display-name", "Admin Five"]
    assert main(arguments) == 1
    assert capsys.readouterr().err == "The two passwords differ: nothing was done.\n"
    answers = iter([PASSWORD, PASSWORD])
    assert main(arguments) == 0
    with postgres_server.connect("admin05", PASSWORD, new_name):
        pass


@pytest.mark.parametrize("url, said", [
    ("postgresql://postgres@/postgres?host=/nowhere/at/all&port=5432",
     "cannot reach the server or log in with the admin URL: "),
    ("WRONG_PASSWORD", "cannot reach the server or log in with the admin URL: "),
    ("NO_PRIVILEGE", "plain01 is no superuser, and lacks CREATEROLE or CREATEDB: "),
    ("mysql://someone@somewhere/db", "the admin URL is no postgresql://… URL"),
])
def test_a_wrong_admin_url_is_refused_in_one_line(postgres_server, new_name, monkeypatch, capsys,
                                                  url, said):
    with postgres_server.connect() as root:
        root.execute("DROP ROLE IF EXISTS plain01")
        root.execute("CREATE ROLE plain01 LOGIN PASSWORD 'plain password'")
    url = {"WRONG_PASSWORD": postgres_server.url("plain01", "not it"),
           "NO_PRIVILEGE": postgres_server.url("plain01", "plain password")}.get(url, url)
    monkeypatch.setenv("ZONEDESK_ADMIN_PASSWORD", PASSWORD)
    status = main(["server", "init", "--admin-url", url, "--database", new_name,
                   "--admin-username", "admin06", "--admin-display-name", "Admin Six"])
    out = capsys.readouterr()
    assert status == 1 and out.out == ""
    assert out.err.startswith(said) and out.err.count("\n") == 1, out.err
    assert "Traceback" not in out.err
    with postgres_server.connect() as root:
        root.execute("DROP ROLE plain01")
        assert root.execute("SELECT count(*) FROM pg_database WHERE datname = %s",
                            (new_name,)).fetchone()[0] == 0


def test_the_command_refuses_a_bad_user_name_before_connecting(postgres_server, monkeypatch, capsys):
    monkeypatch.setenv("ZONEDESK_ADMIN_PASSWORD", PASSWORD)
    for name in ("pg_admin", "zonedesk_owner", "x"):
        assert main(["server", "init", "--admin-url", postgres_server.url(), "--admin-username",
                     name, "--admin-display-name", "X"]) == 1
        assert capsys.readouterr().err.startswith("A user name has 3 to 32")
