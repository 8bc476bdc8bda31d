"""`zonedesk server init`: a server made ready for Zone Desk, by the district's administrator.

With the admin URL (a superuser, or a role with CREATEROLE and CREATEDB), in this order, each
step only when it is not done yet, so that a second run changes nothing and says so: the three
roles (db/server/roles.py), the database owned by zonedesk_owner, pg_trgm, the schema migrated
as the owner (db/server/schema.py), the reference data a new SQLite file gets, and the first
administrator with their login role. Returns one line for each step, saying what it did.
"""

import re

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from db import passwords
from db.audit import Change, record
from db.clock import utc_now
from db.errors import ValidationError
from db.migrate import head_revision
from db.models import StaffAccount
from db.reference import read_csv
from db.server import roles, schema, signing
from db.server.connection import engine_url, is_server_url
from db.translatable import QT_TRANSLATE_NOOP

OWNER, STAFF, KEEPER = roles.OWNER, roles.STAFF, roles.KEEPER
DATABASE = "zonedesk"
_DATABASE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_ACL = "SELECT datacl::text FROM pg_database WHERE datname = :name"


class SetupRefused(Exception):
    """The server, or the admin URL's role, refused a step: one sentence saying which."""


def admin_engine(admin_url: str, database: str | None = None) -> Engine:
    """An engine with the admin URL: on its own (maintenance) database in autocommit, since
    CREATE DATABASE may run in no transaction; on `database` with transactions."""
    url = make_url(engine_url(admin_url))
    if database is None:
        return create_engine(url, hide_parameters=True, isolation_level="AUTOCOMMIT")
    return create_engine(url.set(database=database), hide_parameters=True)


def _one(connection: Connection, sql: str, **values: object) -> object:
    return connection.execute(text(sql), values).scalar()


def _member(connection: Connection, member: str, group: str) -> bool:
    return bool(_one(connection, "SELECT EXISTS (SELECT 1 FROM pg_auth_members m"
                     " WHERE m.member = to_regrole(:member) AND m.roleid = to_regrole(:group))",
                     member=member, group=group))


def make_roles(connection: Connection) -> list[str]:
    """zonedesk_owner, zonedesk_staff, zonedesk_keeper (CREATEROLE, ADMIN OPTION on
    zonedesk_staff, needed from PostgreSQL 16 on), and the memberships that let the owner give
    the keeper its functions and the admin URL's role act as the owner."""
    me, superuser, may = connection.execute(text(
        "SELECT rolname, rolsuper, rolcreaterole AND rolcreatedb FROM pg_roles"
        " WHERE rolname = current_user")).one()
    if not (superuser or may):
        raise SetupRefused(f"{me} is no superuser, and lacks CREATEROLE or CREATEDB: give"
                           " --admin-url the district's administrator")
    said = []
    for role, options in ((OWNER, "NOLOGIN"), (STAFF, "NOLOGIN"), (KEEPER, "NOLOGIN CREATEROLE")):
        if _one(connection, "SELECT to_regrole(:role) IS NOT NULL", role=role):
            said.append(f"role {role} already there")
        else:
            connection.execute(text(f"CREATE ROLE {role} {options}"))
            said.append(f"role {role} made")
    version = int(_one(connection, "SHOW server_version_num"))
    admin_only = " WITH ADMIN TRUE, INHERIT FALSE, SET FALSE" if version >= 160000 \
        else " WITH ADMIN OPTION"
    grants = [(KEEPER, OWNER, ""), (STAFF, KEEPER, admin_only)]
    if not superuser:
        grants.append((OWNER, me, ""))
    for group, member, how in grants:
        if not _member(connection, member, group):
            connection.execute(text(f'GRANT {group} TO "{member}"{how}'))
            said.append(f"{member} made a member of {group}")
    return said


def make_database(connection: Connection, database: str) -> list[str]:
    owner = _one(connection, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = :name",
                 name=database)
    if owner is None:
        connection.execute(text(f'CREATE DATABASE "{database}" OWNER {OWNER} ENCODING \'UTF8\''
                                " TEMPLATE template0"))
        return [f"database {database} made, owned by {OWNER}"]
    if owner != OWNER:
        raise SetupRefused(f"database {database} exists and belongs to {owner}, not {OWNER}:"
                           " choose another name with --database")
    return [f"database {database} already there"]


def prepare_database(admin_url: str, database: str, *, reference: bool = True) -> list[str]:
    """In the database: pg_trgm, who may connect (the staff only), the schema at the newest
    revision (migrated as the owner), the signing functions (db/server/signing.py), the reference data (loaded as the owner) unless told
    not to (a move brings the file's own)."""
    said = []
    engine = admin_engine(admin_url, database)
    try:
        with engine.begin() as connection:
            if _one(connection, "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'") is None:
                connection.execute(text("CREATE EXTENSION pg_trgm"))
                said.append("extension pg_trgm made")
            acl = _one(connection, _ACL, name=database)
            connection.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC'))
            connection.execute(text(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {STAFF}'))
            if _one(connection, _ACL, name=database) != acl:
                said.append(f"database {database}: only {STAFF} may connect")
        head = head_revision()
        with engine.begin() as connection:
            was = schema.revision(connection)
            if was == head:
                said.append(f"schema already at revision {head}")
            else:
                schema.upgrade(connection)
                said.append(f"schema brought to revision {head} (from {was or 'none'})")
        with engine.begin() as connection:
            said += signing.install(connection)
        if reference:
            with engine.begin() as connection:
                connection.execute(text(f"SET LOCAL ROLE {OWNER}"))
                said.append(load_reference(connection))
    finally:
        engine.dispose()
    return said


def load_reference(connection: Connection) -> str:
    """The districts, sectors, zones and clusters of resources/reference, audited as
    db.reference.load_if_empty does for a new SQLite file; nothing when there are some."""
    if _one(connection, "SELECT count(*) FROM district"):
        return "reference data already there"
    districts, sectors = read_csv("districts.csv"), read_csv("sectors.csv")
    zones, clusters = read_csv("zones.csv"), read_csv("clusters.csv")
    connection.execute(text("INSERT INTO district (code, name, name_en)"
                            " VALUES (:code, :name, :name_en)"), districts)
    connection.execute(text("INSERT INTO sector (code, name, name_en, key_sector)"
                            " VALUES (:code, :name, :name_en, :key_sector)"),
                       [{**s, "key_sector": s["key_sector"] == "1"} for s in sectors])
    connection.execute(text(
        "INSERT INTO zone (code, name, name_en, district_code, service_centre, address, phone,"
        " provisional, active, version) VALUES (:code, :name, :name_en, :district_code,"
        " :service_centre, :address, :phone, :provisional, true, 1)"),
        [{**z, "provisional": z["provisional"] == "1"} for z in zones])
    zone_ids = dict(connection.execute(text("SELECT code, id FROM zone")).all())
    connection.execute(text(
        "INSERT INTO cluster (code, name, sector_code, zone_id, provisional)"
        " VALUES (:code, :name, :sector_code, :zone_id, :provisional)"),
        [{"code": c["code"], "name": c["name"], "sector_code": c["sector_code"],
          "zone_id": zone_ids.get(c["zone_code"]), "provisional": c["provisional"] == "1"}
         for c in clusters])
    with Session(bind=connection) as session:
        record(session, None, *(Change("reference.load", "reference", name, None, {"rows": len(rows)})
                                for name, rows in (("district", districts), ("sector", sectors),
                                                   ("zone", zones), ("cluster", clusters))))
    return (f"reference data loaded: {len(districts)} districts, {len(sectors)} sectors,"
            f" {len(zones)} zones, {len(clusters)} clusters")


def check_admin(username: str, display_name: str, password: str) -> tuple[str, str]:
    """The first administrator's name and display name as stored; ValidationError as the
    staff screens say it."""
    username = username.strip().lower()
    if not roles.USERNAME.match(username) or username.startswith(("pg_", "zonedesk_")):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A user name has 3 to 32 lower-case letters, digits, dots, dashes or underscores."),
            field="username")
    display_name = display_name.strip()
    if not display_name:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "This field is required."), field="display_name")
    if len(password) < passwords.MIN_LENGTH:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "A password needs at least {min} characters."), field="password", min=passwords.MIN_LENGTH)
    return username, display_name


def make_first_admin(admin_url: str, database: str, username: str, display_name: str,
                     password: str) -> str:
    """The first administrator, as db/services/auth.create_first_admin makes one in a new file
    (its row, its audit event), with their login role; nothing when there is an administrator."""
    engine = admin_engine(admin_url, database)
    try:
        with engine.begin() as connection:
            return _first_admin(connection, username, display_name, password)
    finally:
        engine.dispose()


def _first_admin(connection: Connection, username: str, display_name: str, password: str) -> str:
    with Session(bind=connection) as session:
        connection.execute(text(f"SET LOCAL ROLE {OWNER}"))
        admin = session.exec(select(StaffAccount.username).where(
            StaffAccount.role == "admin").order_by(StaffAccount.id)).first()
        if admin is not None:
            return f"an administrator is already there ({admin}): none made"
        if session.exec(select(StaffAccount.id).where(StaffAccount.username == username)).first():
            raise SetupRefused(f"{username} is a staff account here but no administrator:"
                               " choose another name")
        staff = StaffAccount(username=username, display_name=display_name, role="admin",
                             password_hash=roles.PASSWORD_KEPT_BY_SERVER, created_at=utc_now())
        session.add(staff)
        session.flush()
        record(session, None, Change("staff.create_first_admin", "staff", staff.id, None,
                                     {"username": staff.username, "role": staff.role,
                                      "password_seal": passwords.seal(staff.password_hash)}))
        roles.create_login(session, username, password)
        session.flush()
    return f"administrator {username} made, with a login role"


def _refusal(error: DBAPIError) -> SetupRefused:
    """One sentence from what the server or the driver said."""
    said = str(getattr(error, "orig", error) or error).strip().splitlines()
    first = next((line for line in said if line.strip()), "no reason given").strip()
    if error.connection_invalidated or type(error.orig).__name__ == "OperationalError":
        return SetupRefused(f"cannot reach the server or log in with the admin URL: {first}")
    return SetupRefused(f"the server refused: {first}")


def make_server(admin_url: str, database: str = DATABASE, *, reference: bool = True) -> list[str]:
    """Every step of `init` but the first administrator's: the roles, the database, its schema
    and (unless told not to) its reference data."""
    server = admin_engine(admin_url)
    try:
        with server.connect() as connection:
            said = make_roles(connection) + make_database(connection, database)
    finally:
        server.dispose()
    return said + prepare_database(admin_url, database, reference=reference)


def init(admin_url: str, *, database: str = DATABASE, admin_username: str,
         admin_display_name: str, admin_password: str) -> list[str]:
    username, display_name = check_admin(admin_username, admin_display_name, admin_password)
    if not is_server_url(admin_url):
        raise SetupRefused("the admin URL is no postgresql://… URL")
    if not _DATABASE_NAME.match(database):
        raise SetupRefused(f"{database!r} is not a database name Zone Desk makes: use letters,"
                           " digits and underscores")
    try:
        said = make_server(admin_url, database)
        said.append(make_first_admin(admin_url, database, username, display_name, admin_password))
    except DBAPIError as error:
        raise _refusal(error) from error
    return said
