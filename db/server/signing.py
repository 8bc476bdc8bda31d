"""Signing on a server: the office's key is kept by the server and used only by its functions
(docs/architecture.md, "Signing certificates on a server").

`install(connection)`: at `zonedesk server init`, as a superuser (only a superuser may make a
function in PL/Python, an untrusted language): the extension plpython3u and the three functions
whose body is db/server/signing_body.py, owned by the owner role (so that they read the private
keys and write signatures as it), SECURITY DEFINER, executable by the staff only:

    zonedesk_office_key(who, office, reason, at) -> {key id, retired key id or ''}
    zonedesk_sign_certificates(who, ids) -> the signatures, in the order of ids
    zonedesk_sign_statement(who, data) -> the signature of a month's audit statement

The server's Python needs `cryptography` (Debian: python3-cryptography) and the extension
Debian's postgresql-plpython3-<version>; both are in scripts/system-packages.sh for the tests'
server, and in docs/server.md for a district's.
"""

from pathlib import Path

from sqlalchemy import Connection, text

from db.server.roles import OWNER, STAFF

BODY = Path(__file__).with_name("signing_body.py")
FUNCTIONS = {
    "zonedesk_office_key(text, text, text, timestamp with time zone)": (
        "who text, office text, reason text, at timestamp with time zone", "text[]",
        "office_key(plpy, who, office, reason, at)"),
    "zonedesk_sign_certificates(text, bigint[])": (
        "who text, ids bigint[]", "bytea[]", "sign_certificates(plpy, who, ids)"),
    "zonedesk_sign_statement(text, bytea)": (
        "who text, data bytea", "bytea", "sign_statement(plpy, who, data)"),
}


def _body(call: str) -> str:
    return f"\n{BODY.read_text(encoding='utf-8')}\nreturn {call}\n"


def _function(signature: str, arguments: str, returns: str, call: str, schema: str) -> str:
    name = signature.split("(", 1)[0]
    return (f"CREATE OR REPLACE FUNCTION {name}({arguments}) RETURNS {returns}"
            f" LANGUAGE plpython3u SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp"
            f" AS $zonedesk_signing${_body(call)}$zonedesk_signing$")


def _current(connection: Connection, signature: str, call: str) -> bool:
    """The function is there, the owner's, with this program's body."""
    return connection.execute(text(
        "SELECT p.prosrc = :body AND pg_get_userbyid(p.proowner) = :owner FROM pg_proc p"
        " WHERE p.oid = to_regprocedure(:signature)"),
        {"body": _body(call), "owner": OWNER, "signature": signature}).scalar() is True


def available(connection: Connection) -> bool:
    """The server has PL/Python (its package is installed), so signing can be installed."""
    return connection.execute(text(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'plpython3u'")).first() is not None


def install(connection: Connection) -> list[str]:
    """The signing functions in the database of `connection`, made or made anew; what was done."""
    superuser = connection.execute(text(
        "SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar()
    if not superuser:
        return ["signing functions NOT made: only a superuser may add PL/Python; run"
                " `zonedesk server init` with the server's superuser to let this server sign"]
    if not available(connection):
        return ["signing functions NOT made: the server lacks PL/Python (apt install"
                " postgresql-plpython3-<version> python3-cryptography), so it cannot sign"]
    said = []
    if connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'plpython3u'")).first() \
            is None:
        connection.execute(text("CREATE EXTENSION plpython3u"))
        said.append("extension plpython3u made")
    schema = connection.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    connection.execute(text("RESET ROLE"))
    if all(_current(connection, signature, call)
           for signature, (_, _, call) in FUNCTIONS.items()):
        return [*said, "signing functions already there"]
    for signature, (arguments, returns, call) in FUNCTIONS.items():
        with connection.connection.cursor() as cursor:  # the driver's own: the body is Python,
            cursor.execute(_function(signature, arguments, returns, call, schema))  # its : and % too
        connection.execute(text(f"ALTER FUNCTION {signature} OWNER TO {OWNER}"))
        connection.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
        connection.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {STAFF}"))
    said.append("signing functions made (the office's key is kept by the server)")
    return said


def installed(connection: Connection) -> bool:
    return connection.execute(text(
        "SELECT to_regprocedure('zonedesk_sign_certificates(text, bigint[])') IS NOT NULL"
    )).scalar()
