"""The name of a backup file: `zonedesk-2026-12-03_0930-15-r0009.sqlite` for the database
`zonedesk.sqlite` backed up on 3 December 2026 at 09:30:15 in Shanghai at schema revision 0009.

A valid file name on Windows too (no ':'), sorted by its name in the order the backups were
made. Only a file whose whole name matches this pattern is ever deleted by the rotation: a
backup made before a migration (db/migrate.py, `…-before-0009.sqlite`), a copy someone named
`zonedesk-manual.sqlite`, another database's backups and every other file are left alone.
"""

import re
from datetime import datetime
from pathlib import Path

from db.clock import SHANGHAI, to_shanghai

SUFFIX = ".sqlite"
PARTIAL = ".partial"  # a backup being written, renamed into place once checked
_STAMP = re.compile(r"-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})-(\d{2})-r([0-9A-Za-z_]{1,32})(?:-(\d{1,4}))?\.sqlite")


def backup_name(stem: str, moment: datetime, revision: str, counter: int = 0) -> str:
    """The file name of a backup of the database `stem` made at `moment` (any time zone); the
    `counter`-th further backup in the same second is `…-r0009-2.sqlite`, `-3`, …"""
    local = to_shanghai(moment)
    extra = f"-{counter}" if counter else ""
    return f"{stem}-{local:%Y-%m-%d_%H%M-%S}-r{revision}{extra}{SUFFIX}"


def made_at(name: str, stem: str) -> datetime | None:
    """When the backup named `name` was made (Shanghai time), or None when the name is not one
    of this program's backup names of the database `stem`."""
    if not name.startswith(f"{stem}-"):
        return None
    found = _STAMP.fullmatch(name[len(stem):])
    if found is None:
        return None
    year, month, day, hour, minute, second = (int(v) for v in found.groups()[:6])
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)
    except ValueError:  # 2026-02-30: not a name this program wrote
        return None


def stamped(name: str) -> datetime | None:
    """When a file named like a backup of any database was made (None: not named so)."""
    found = _STAMP.search(name)
    if found is None or found.end() != len(name) or found.start() == 0:
        return None
    return made_at(name, name[:found.start()])


def revision_in(name: str) -> str | None:
    found = _STAMP.search(name)
    return found.group(7) if found else None


def backups_in(folder: Path, stem: str) -> list[Path]:
    """This program's backups of the database `stem` in `folder`, newest first (none when the
    folder is missing or cannot be read)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found = [(made_at(p.name, stem), p) for p in entries]
    dated = [(moment, p) for moment, p in found if moment is not None and p.is_file()]
    return [p for _moment, p in sorted(dated, key=lambda item: (item[0], counter_in(item[1].name)),
                                        reverse=True)]


def counter_in(name: str) -> int:
    """Which backup of its second the file is (0: the first)."""
    found = _STAMP.search(name)
    return int(found.group(8)) if found and found.group(8) else 0
