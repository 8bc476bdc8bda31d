"""Logging in to a file that cannot take the log-in's own write: opened for reading only (a
read-only medium, or by choice), or on a full disk. The person can then read, and every write
they try is refused with the reason, until the file can be written again.

The password is checked as `auth.log_in` checks it, by reading: an unknown name or a wrong
password is answered alike, a locked account shows its lock only to the right password, a
deactivated account is refused. Nothing is counted or recorded, since nothing can be written;
reading the file gives nobody more than sqlite3 on the same file would.
"""


from db.access import Actor, load_actor
from db.arguments import checked
from db.clock import utc_now
from db.engine import Database
from db.errors import DiskFull, LoginRefused, ReadOnlyDatabase
from db.services import auth
from db.translatable import QT_TRANSLATE_NOOP


@checked
def log_in(db: Database, *, username: str, password: str) -> Actor:
    """`auth.log_in`, or, when the file cannot be written, `log_in_to_read`."""
    try:
        return auth.log_in(db, username=username, password=password)
    except (ReadOnlyDatabase, DiskFull):
        return log_in_to_read(db, username=username, password=password)


@checked
def log_in_to_read(db: Database, *, username: str, password: str) -> Actor:
    with db.reading() as uow:
        session = uow.session
        staff, ok = auth.check_log_in(session, username.strip().lower(), password, utc_now())
        if not ok or staff is None:
            raise auth.wrong_name_or_password()
        actor = load_actor(session, staff.id)
        if actor is None:
            raise LoginRefused(QT_TRANSLATE_NOOP(
                "db", "This account has been deactivated. Ask an administrator."), field="username")
        return actor
