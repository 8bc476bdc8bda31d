"""The schema on a server: the one Alembic chain (db/migrations), run by the owner role."""

from sqlalchemy import Connection, inspect, text

OWNER = "zonedesk_owner"


def upgrade(connection: Connection, *, as_owner: bool = True) -> None:
    """Brings the server database of `connection` to the newest schema, in its transaction.
    `as_owner`: the objects are made by (and belong to) the owner role, which the connecting
    role (the district's administrator) takes with SET ROLE."""
    from alembic import command

    from db.migrate import _config

    if as_owner:
        connection.execute(text(f"SET LOCAL ROLE {OWNER}"))
    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def revision(connection: Connection) -> str | None:
    """The server database's schema revision; None when it has no Zone Desk schema."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
