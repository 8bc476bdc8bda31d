"""Logging in to a server: the program connects as the person, and the server checks the
password. The staff services make, re-password and switch off the persons' login roles."""

import psycopg
import pytest

from db.errors import LoginRefused, PermissionDenied, ValidationError
from db.queries import enterprises as firm_queries
from db.server.connection import ServerDatabase
from db.services import auth, staff

PASSWORD = "correct horse"


@pytest.fixture
def office(postgres_server, server_database):  # noqa: ANN001, ANN201
    """The district's administrator's connection (a superuser) with an administrator and a
    clerk of Z01 made through the services, as an office's administrator makes them."""
    db = ServerDatabase(postgres_server.url(database=server_database))
    admin = auth.create_first_admin(db, username="admin01", display_name="管理员", password=PASSWORD)
    clerk_id = staff.create_staff(db, actor=admin, username="clerk01", display_name="张伟",
                                  role="clerk", zone_ids=[1], password=PASSWORD)
    yield db, admin, clerk_id
    db.dispose()


def _program(postgres_server, server_database) -> ServerDatabase:  # noqa: ANN001
    """The program on a PC: the server's URL, without anyone's name or password."""
    return ServerDatabase(postgres_server.url(user=None, database=server_database))


def test_the_program_logs_in_as_the_person_and_acts_as_them(postgres_server, server_database,
                                                            office):
    program = _program(postgres_server, server_database)
    try:
        actor = auth.log_in(program, username="clerk01", password=PASSWORD)
        assert actor.username == "clerk01" and actor.zone_ids == frozenset({1})
        assert program.user == "clerk01"
        with program.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT session_user").scalar() == "clerk01"
        assert firm_queries.enterprise_page(program, actor=actor,
                                            flt=firm_queries.EnterpriseFilter()) == []
    finally:
        program.dispose()


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(postgres_server,
                                                                  server_database, office):
    program = _program(postgres_server, server_database)
    answers = []
    for name, password in (("clerk01", "wrong horse"), ("nobody01", PASSWORD), ("clerk01", "")):
        with pytest.raises(LoginRefused) as refused:
            auth.log_in(program, username=name, password=password)
        answers.append((refused.value.message(), refused.value.field))
    assert answers == [("Wrong user name or password.", "password")] * 3
    assert program.user is None  # nobody is bound


def test_a_deactivated_account_cannot_log_in_and_is_let_in_again(postgres_server,
                                                                 server_database, office):
    db, admin, clerk_id = office
    staff.set_active(db, actor=admin, staff_id=clerk_id, active=False)
    program = _program(postgres_server, server_database)
    with pytest.raises(LoginRefused, match="deactivated"):
        auth.log_in(program, username="clerk01", password=PASSWORD)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        postgres_server.connect("clerk01", PASSWORD, server_database)
    staff.set_active(db, actor=admin, staff_id=clerk_id, active=True)
    assert auth.log_in(program, username="clerk01", password=PASSWORD).username == "clerk01"
    program.dispose()


def test_a_person_changes_their_own_password_on_the_server(postgres_server, server_database,
                                                           office):
    program = _program(postgres_server, server_database)
    actor = auth.log_in(program, username="clerk01", password=PASSWORD)
    with pytest.raises(ValidationError, match="current password is wrong"):
        auth.change_own_password(program, actor=actor, old_password="wrong horse",
                                 new_password="a new horse")
    auth.change_own_password(program, actor=actor, old_password=PASSWORD,
                             new_password="a new horse")
    # the program goes on as the person, with the new password
    assert firm_queries.enterprise_page(program, actor=actor,
                                        flt=firm_queries.EnterpriseFilter()) == []
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        postgres_server.connect("clerk01", PASSWORD, server_database)
    postgres_server.connect("clerk01", "a new horse", server_database).close()
    program.dispose()


def test_an_administrator_resets_a_password_and_only_administrators_may(postgres_server,
                                                                         server_database, office):
    db, admin, clerk_id = office
    staff.reset_password(db, actor=admin, staff_id=clerk_id, new_password="reset horse")
    postgres_server.connect("clerk01", "reset horse", server_database).close()
    program = _program(postgres_server, server_database)
    clerk = auth.log_in(program, username="clerk01", password="reset horse")
    with pytest.raises(PermissionDenied):
        staff.reset_password(program, actor=clerk, staff_id=clerk_id, new_password="my own horse")
    program.dispose()


def test_the_account_table_holds_no_password_hash_on_a_server(postgres_server, server_database,
                                                              office):
    with postgres_server.connect(database=server_database) as admin:
        kept = {row[0] for row in admin.execute("SELECT password_hash FROM staffaccount")}
    assert kept == {"scram-sha-256: kept by the server"}
