"""`zonedesk backup --db PATH [--to DIR]` and `zonedesk restore --db PATH BACKUP`, for scripts
and scheduled tasks: no questions asked. Exit 0 and one line naming the file written or
restored; a refusal is one sentence on stderr and exit 1 (the backup or the database does not
check out, a folder cannot be written), and then nothing was changed; 2 when there is no
database at PATH.

`backup` writes to the database's backup folder (the one an administrator chose, else
`backups` beside the file) and rotates the backups there; `--to DIR` writes one backup into DIR
and deletes nothing. `restore` is done by whoever may write the file (as copying it would be):
the audit trail records it as the command line's.
"""

import sys
from pathlib import Path
from typing import TextIO

from db.errors import ZoneDeskError


def backup(db_path: Path, to: Path | None = None, *, stdout: TextIO | None = None,
           stderr: TextIO | None = None) -> int:
    from db.backup.folder import backup_folder, is_default
    from db.backup.making import make_backup
    from db.backup.rotation import rotate
    from db.clock import utc_now

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if not db_path.is_file():
        print(f"{db_path}: no such database.", file=stderr)
        return 2
    folder = to if to is not None else backup_folder(db_path)
    try:
        made = make_backup(db_path, folder, reason="command line",
                           create_folder=to is None and is_default(db_path, folder))
    except ZoneDeskError as error:
        print(error.message(), file=stderr)
        return 1
    if to is None:
        rotate(folder, db_path, utc_now())
    print(f"Backup written: {made.path} ({made.size / 1e6:.1f} MB, schema {made.revision}).",
          file=stdout)
    return 0


def restore(db_path: Path, backup_path: Path, *, stdout: TextIO | None = None,
            stderr: TextIO | None = None) -> int:
    from db.backup.restoring import restore as put_back

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if not db_path.is_file():
        print(f"{db_path}: no such database.", file=stderr)
        return 2
    try:
        done = put_back(db_path, backup_path, by_cli=True)
    except ZoneDeskError as error:
        print(error.message(), file=stderr)
        return 1
    migrated = " and brought up to this program's schema" if done.migrated else ""
    safety = f"; the file it replaced is kept as {done.safety_backup}" if done.safety_backup else ""
    print(f"Restored {done.database} from {done.backup}{migrated}{safety}.", file=stdout)
    return 0
