"""Which backups are kept: every backup of today and yesterday, then the newest of each day for
14 days, the newest of each week (Monday to Sunday) for 8 weeks, the newest of each month for
12 months; older ones are deleted. Days are Shanghai's calendar days.

The rules are applied together, each over all the backups (as restic's and borg's keep-daily,
keep-weekly, keep-monthly): a backup is kept when it is of today or yesterday, or the newest of
its day for the 16 days up to today, or the newest of its ISO week (Monday to Sunday) for the
weeks from the one of day 71 up to today's, or the newest of its month for the 12 months up to
the one of day 71 and the months since. Each window reaches up to today and only moves forward,
so rotating every day keeps exactly what one rotation over all the backups would keep. The
newest backup of all is always kept, whatever its date says.

Only files whose whole name is one of this program's backup names of this database
(naming.py) in its own backup folder are considered, and only those that hold this database's
identity are ever deleted; a half-written copy
left by a killed program (`.zonedesk-….partial` and its journal) is removed once it is a day old.
"""

import logging
import re
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from db.clock import to_shanghai

from .naming import PARTIAL, backups_in, counter_in, made_at
from .schema import identity_of

log = logging.getLogger(__name__)

ALL_DAYS = 2  # today and yesterday
DAILY = 14
WEEKLY = 8
MONTHLY = 12
STALE_PARTIAL_SECONDS = 24 * 3600


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def _rules(today: date) -> tuple:
    """(period of a day, whether a day is in the rule's window) for the daily, weekly and monthly
    rules. Every window reaches up to today and its start only moves forward as days pass."""
    daily_end = ALL_DAYS + DAILY  # 16 days: today, yesterday and 14 more
    weekly_start = today - timedelta(days=daily_end + 7 * WEEKLY - 1)  # day 71
    first_month = _month_number(weekly_start) - MONTHLY + 1
    return (
        (lambda day: day, lambda day: (today - day).days < daily_end),
        (lambda day: day.isocalendar()[:2],
         lambda day: day.isocalendar()[:2] >= weekly_start.isocalendar()[:2]),
        (lambda day: (day.year, day.month), lambda day: _month_number(day) >= first_month),
    )


def to_keep(names: Iterable[str], stem: str, now: datetime) -> set[str]:
    """The backup names to keep, of `names` (every other file name is left out of the answer,
    and is never deleted). Pure: the clock is `now`."""
    today = to_shanghai(now).date()
    found = [(moment, name) for name in names if (moment := made_at(name, stem)) is not None]
    dated = sorted(found, key=lambda item: (item[0], counter_in(item[1]), item[1]), reverse=True)
    kept = {name for moment, name in dated if (today - moment.date()).days < ALL_DAYS}
    for period_of, in_window in _rules(today):
        periods: set = set()
        for moment, name in dated:  # newest first: the first of a period is its newest
            day = moment.date()
            if in_window(day) and period_of(day) not in periods:
                periods.add(period_of(day))
                kept.add(name)
    if dated:
        kept.add(dated[0][1])  # the newest of all, even when the clock says it is old
    return kept


def to_delete(names: Iterable[str], stem: str, now: datetime) -> list[str]:
    names = list(names)
    keep = to_keep(names, stem, now)
    return sorted(n for n in names if made_at(n, stem) is not None and n not in keep)


def rotate(folder: str | Path, db_path: str | Path, now: datetime) -> list[Path]:
    """Deletes the backups of the database `db_path` in `folder` that are not kept; returns
    them. A candidate is deleted only when it opens read-only and holds this database's identity:
    another database of the same name backing up into the same folder (a shared USB drive) keeps
    its backups, and so does a file that cannot be read. A file that cannot be deleted is left
    (and logged): the next rotation tries again."""
    folder, db_path = Path(folder), Path(db_path)
    stem = db_path.stem
    mine = identity_of(db_path, examining=True)
    backups = backups_in(folder, stem)
    deleted = []
    for name in to_delete([p.name for p in backups], stem, now):
        if mine is None or identity_of(folder / name) != mine:
            continue  # not provably ours: never deleted
        try:
            (folder / name).unlink()
            deleted.append(folder / name)
        except OSError as error:
            log.warning("an old backup could not be deleted: %s", error.strerror)
    deleted.extend(_stale_partials(folder, stem))
    if deleted:
        log.info("rotation deleted %d old backups", len(deleted))
    return deleted


def _stale_partials(folder: Path, stem: str) -> list[Path]:
    removed = []
    pattern = re.compile(rf"\.{re.escape(stem)}-[a-z0-9_]{{8}}{re.escape(PARTIAL)}(-journal|-wal|-shm)?")
    try:
        partials = [p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    except OSError:
        return []
    for path in partials:
        try:
            if time.time() - path.stat().st_mtime > STALE_PARTIAL_SECONDS:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed
