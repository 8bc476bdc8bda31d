"""Each staff account a login role of the same name (docs/architecture.md, "On a PostgreSQL
server"): the three roles that frame them, and what the staff services call to make a person's
login, change its password and switch it off.

They call the keeper's functions (migration 0014) on the session's own connection, inside the
action's transaction: the login is made or changed with the account's row, or not at all (roles
are transactional in PostgreSQL). Only a SCRAM verifier travels (db/server/scram.py): no
password is ever in a statement the server could log.
"""

import re

from sqlalchemy import text

from db.server import scram
from db.server.schema import OWNER

STAFF = "zonedesk_staff"  # every person's role is a member of it, and of nothing else
KEEPER = "zonedesk_keeper"  # CREATEROLE; owns the functions below
FRAME = (OWNER, STAFF, KEEPER)
USERNAME = re.compile(r"^[a-z0-9_.\-]{3,32}$")  # as db/services/staff.py checks a user name
# what `staffaccount.password_hash` holds on a server, where the server checks the password:
# no hash of the password, so the table holds nothing to try guesses against
PASSWORD_KEPT_BY_SERVER = "scram-sha-256: kept by the server"


def quoted(username: str) -> str:
    """The role name of a user name, quoted for SQL (a user name has no quote in it)."""
    if not USERNAME.match(username):
        raise ValueError(f"not a Zone Desk user name: {username!r}")
    return f'"{username}"'


def create_login(session, username: str, password: str, *,  # noqa: ANN001 (Session or Connection)
                 iterations: int = scram.ITERATIONS) -> None:
    """Makes `username`'s login role (a member of zonedesk_staff), or gives the one already
    there (made for another Zone Desk database on this server) its log-in and this password.
    Its staffaccount row must exist first, in this transaction or before."""
    session.execute(text("SELECT zonedesk_create_login(:name, :verifier)"),
                    {"name": username, "verifier": scram.verifier(password, iterations=iterations)})


def set_password(session, username: str, password: str, *,  # noqa: ANN001
                 iterations: int = scram.ITERATIONS) -> None:
    session.execute(text("SELECT zonedesk_set_password(:name, :verifier)"),
                    {"name": username, "verifier": scram.verifier(password, iterations=iterations)})


def set_login(session, username: str, allowed: bool) -> None:  # noqa: ANN001
    """Lets the person log in again, or not (a deactivated account): their sessions already
    open see nothing more either, since the policies read `active` at every statement."""
    session.execute(text("SELECT zonedesk_set_login(:name, :allowed)"),
                    {"name": username, "allowed": allowed})
