"""Rotation (db/backup/rotation.py): every backup of today and yesterday, then the newest of a
day for 14 days, of a week for 8 weeks, of a month for 12 months; only this program's own
backup names in the folder are ever deleted, and the newest backup is never. Rotating after
every backup for two years keeps what the rules say for the last day (the rules' windows only
move forward, so the files deleted on the way are never the ones wanted later)."""

from datetime import date, datetime, time, timedelta

from db.backup import rotation
from db.backup.naming import backup_name, backups_in
from db.backup.rotation import rotate, to_delete, to_keep
from db.clock import SHANGHAI

FOREIGN = ("notes.txt", "zonedesk-manual.sqlite", "zonedesk-20261122-100000-000000-before-0009.sqlite",
           "other-2026-11-22_0930-00-r0009.sqlite", "zonedesk-2026-11-22_0930-00-r0009.sqlite.bak",
           "zonedesk-2026-11-22_0930-00-r0009.sqlite-wal", "Zonedesk-2026-11-22_0930-00-r0009.sqlite",
           "zonedesk-2026-02-30_0930-00-r0009.sqlite")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def test_two_years_of_daily_backups_keep_exactly_the_expected_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(rotation, "identity_of", lambda path, examining=False: "ours")
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in FOREIGN:
        (folder / name).write_text("not a backup of ours")
    (folder / "zonedesk-2026-11-23_0945-00-r0009.sqlite").mkdir()  # a folder named like one
    first = date(2026, 11, 22)
    deleted, made = [], []
    for n in range(730):  # two years: a backup at the day's first start and one at quitting
        day = first + timedelta(days=n)
        for hour in (9, 18):
            made.append(backup_name("zonedesk", at(day, hour, 30), "0009"))
            (folder / made[-1]).write_bytes(b"x")
            deleted += rotate(folder, tmp_path / "zonedesk.sqlite", at(day, hour, 31))
    today = first + timedelta(days=729)
    assert today == date(2028, 11, 20)
    expected = {backup_name("zonedesk", at(d, h, 30), "0009") for d, h in [
        (date(2028, 11, 20), 9), (date(2028, 11, 20), 18), (date(2028, 11, 19), 9),
        (date(2028, 11, 19), 18),  # today and yesterday: all
        *((date(2028, 11, 18) - timedelta(days=k), 18) for k in range(14)),  # 11-18 … 11-05
        # weeks from the one of day 71 (2028-09-04 … 09-10): the newest of each (Sunday)
        *((date(2028, 10, d), 18) for d in (29, 22, 15, 8, 1)),
        *((date(2028, 9, d), 18) for d in (24, 17, 10)),
        # months from October 2027 (12 up to September 2028, the month of day 71): the newest
        *((date(2028, m, 31), 18) for m in (10, 8, 7, 5, 3, 1)),
        *((date(2028, m, 30), 18) for m in (9, 6, 4)), (date(2028, 2, 29), 18),
        (date(2027, 12, 31), 18), (date(2027, 11, 30), 18), (date(2027, 10, 31), 18)]}
    assert len(expected) == 4 + 14 + 8 + 13
    kept = {p.name for p in backups_in(folder, "zonedesk")}
    assert kept == expected
    assert {p.name for p in folder.iterdir()} == expected | set(FOREIGN) | {
        "zonedesk-2026-11-23_0945-00-r0009.sqlite"}
    assert all((folder / name).read_text() == "not a backup of ours" for name in FOREIGN)
    assert len(deleted) == 2 * 730 - len(expected)
    assert to_keep(made, "zonedesk", at(today, 18, 31)) == expected  # one rotation over all


def test_the_newest_backup_is_kept_however_old_it_is():
    names = [backup_name("zonedesk", at(date(2020, 1, d), 9), "0008") for d in (1, 2, 3)]
    now = at(date(2026, 11, 22), 10)
    assert to_keep(names, "zonedesk", now) == {names[-1]}
    assert to_delete([*names, "notes.txt"], "zonedesk", now) == names[:2]


def test_a_clock_set_back_never_costs_the_newest_backup():
    future = backup_name("zonedesk", at(date(2027, 5, 1), 9), "0009")
    today = backup_name("zonedesk", at(date(2026, 11, 22), 9), "0009")
    assert to_keep([future, today], "zonedesk", at(date(2026, 11, 22), 10)) == {future, today}
