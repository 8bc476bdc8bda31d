"""Where the database, backups, logs and settings live.

Order of precedence for the database: the --db flag, then ZONEDESK_DB, then the user's data
folder (for example ~/.local/share/ZoneDesk/zonedesk.sqlite, %LOCALAPPDATA%\\ZoneDesk).
Backups sit in a `backups` folder beside the database file, so a copied database keeps them.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

APP_NAME = "ZoneDesk"
DB_ENV = "ZONEDESK_DB"
DATA_ENV = "ZONEDESK_DATA"


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def claims_dir() -> Path:
    """Where a running program claims the database file it has open (desktop/single_instance.py):
    the user's data folder as the platform names it, whatever ZONEDESK_DATA says, so that
    programs with other data folders (a demo's own, say) still see each other's claims."""
    return Path(platformdirs.user_data_dir(APP_NAME, False)) / "locks"


@contextmanager
def data_folder_at(folder: Path) -> Iterator[None]:
    """While it lasts, the data folder (signing keys, logs, settings) is `folder`: the self-test
    (desktop/self_test.py) keeps everything it makes away from the person's own."""
    before = os.environ.get(DATA_ENV)
    os.environ[DATA_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = before


def environment_with_data_folder(folder: Path) -> dict[str, str]:
    """This program's environment with the data folder at `folder`, for a program it starts (Help
    → Open the demo): that program's keys, logs and settings stay out of the person's own."""
    return {**os.environ, DATA_ENV: str(folder)}


SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_server_url(target: object) -> bool:
    """Whether --db or ZONEDESK_DB names a PostgreSQL server rather than a file."""
    return isinstance(target, str) and target.startswith(SERVER_SCHEMES)


def database_path(flag: str | os.PathLike[str] | None = None) -> Path:
    if flag:
        return Path(flag).expanduser().resolve()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return data_dir() / "zonedesk.sqlite"


def database_named(flag: str | os.PathLike[str] | None = None) -> bool:
    """Whether the person named the database (--db or ZONEDESK_DB): a name that finds no file
    may be mistyped, so no new database is made there without asking. The data folder's own
    database is made on first use."""
    return bool(flag) or bool(os.environ.get(DB_ENV))


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def log_dir() -> Path:
    return data_dir() / "logs"


def settings_file() -> Path:
    """The person's own settings on this PC (the last folder used, the idle lock's minutes)."""
    return data_dir() / "settings.ini"
