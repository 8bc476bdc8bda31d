"""Demo folders left behind (their program killed, the PC switched off) are swept when the demo
is opened again: only a zonedesk-demo-… folder directly under the system's temporary folder,
holding a database marked as a demo, with nothing in it written for a day. Nothing else is ever
removed: not a fresh demo (its program may still use it), not an office's database, not a link,
not a folder of another name or place."""

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from db.clock import utc_now
from db.queries.demo_data import mark_as_demo
from desktop.demo import open_demo
from desktop.single_instance import claim

DAY = 24 * 3600


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, as the program sees it, is a folder of this test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def marked(db_path: Path, tmp_path: Path) -> Path:
    """An (empty) database marked as a demo, as the generator marks one."""
    path = tmp_path / "marked.sqlite"
    shutil.copyfile(db_path, path)
    connection = sqlite3.connect(path)
    mark_as_demo(connection)
    connection.commit()
    connection.close()
    return path


def aged(folder: Path, seconds: float) -> Path:
    """Everything in `folder`, and the folder, last written `seconds` ago."""
    moment = utc_now().timestamp() - seconds
    for parent, folders, files in os.walk(folder, topdown=False):
        for name in (*files, *folders):
            os.utime(Path(parent) / name, (moment, moment), follow_symlinks=False)
    os.utime(folder, (moment, moment))
    return folder


def demo_folder(where: Path, name: str, database: Path | None, seconds: float) -> Path:
    folder = where / name
    (folder / "data" / "logs").mkdir(parents=True)
    (folder / "data" / "logs" / "zonedesk.log").write_text("log\n", encoding="utf-8")
    if database is not None:
        shutil.copyfile(database, folder / open_demo.FILE_NAME)
    return aged(folder, seconds)


def test_a_demo_left_behind_for_a_day_is_swept_and_a_fresh_one_kept(temporary, marked):
    old = demo_folder(temporary, "zonedesk-demo-old", marked, 2 * DAY)
    fresh = demo_folder(temporary, "zonedesk-demo-fresh", marked, DAY - 600)
    in_use = demo_folder(temporary, "zonedesk-demo-in-use", marked, 3 * DAY)
    aged(in_use / "data" / "logs", 60)  # its program wrote its log a minute ago
    assert open_demo.sweep_old_demos() == [old]
    assert not old.exists() and fresh.is_dir() and in_use.is_dir()


def test_a_demo_a_program_has_open_is_kept_however_quiet(qtbot, temporary, marked):
    """An idle demo writes nothing for days (a training PC over a weekend): its program's claim
    on the file keeps the sweep away."""
    idle = demo_folder(temporary, "zonedesk-demo-idle", marked, 3 * DAY)
    opened = claim(idle / open_demo.FILE_NAME)
    assert opened is not None
    try:
        assert open_demo.sweep_old_demos() == [] and idle.is_dir()
    finally:
        opened.close()
    assert open_demo.sweep_old_demos() == [idle] and not idle.exists()


def test_nothing_but_a_marked_demo_in_such_a_folder_is_removed(temporary, marked, db_path,
                                                                tmp_path):
    office = demo_folder(temporary, "zonedesk-demo-office", db_path, 3 * DAY)  # not marked
    empty = demo_folder(temporary, "zonedesk-demo-empty", None, 3 * DAY)
    other = demo_folder(temporary, "training-demo", marked, 3 * DAY)  # another name
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    deeper = demo_folder(elsewhere, "zonedesk-demo-kept", marked, 3 * DAY)  # not the temp folder
    linked_file = demo_folder(temporary, "zonedesk-demo-link", None, 3 * DAY)
    (linked_file / open_demo.FILE_NAME).symlink_to(marked)
    aged(linked_file, 3 * DAY)
    linked_folder = temporary / "zonedesk-demo-linked"
    linked_folder.symlink_to(demo_folder(elsewhere, "zonedesk-demo-target", marked, 3 * DAY))
    not_a_folder = temporary / "zonedesk-demo-file"
    shutil.copyfile(marked, not_a_folder)
    aged(temporary, 3 * DAY)
    assert open_demo.sweep_old_demos() == []
    for kept in (office, empty, other, deeper, linked_file, linked_folder, not_a_folder,
                 elsewhere / "zonedesk-demo-target" / open_demo.FILE_NAME, marked):
        assert kept.exists(), kept


def test_opening_the_demo_sweeps_first(temporary, marked, monkeypatch):
    old = demo_folder(temporary, "zonedesk-demo-old", marked, 2 * DAY)
    monkeypatch.setattr(open_demo, "DEMO_FIRMS", 30)
    made = open_demo.make_demo(None)
    assert not old.exists()
    assert made.parent.parent == temporary and made.is_file()
