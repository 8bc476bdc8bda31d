"""Which schemas this program knows, read from the migration files' own `revision` and
`down_revision` lines, without SQLAlchemy or Alembic: the program's start asks it before the
data layer is imported (db/first_look.py)."""

import re
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)['\"]?", re.MULTILINE)


def _revisions() -> tuple[set[str], set[str]]:
    """(every revision, every revision that has a successor), from the version files' own
    `revision`/`down_revision` lines."""
    revisions, parents = set(), set()
    for source in (MIGRATIONS / "versions").glob("*.py"):
        values = dict((k, v) for k, v in _REVISION.findall(source.read_text(encoding="utf-8")))
        revisions.add(values["revision"])
        if values.get("down_revision", "None") != "None":
            parents.add(values["down_revision"])
    return revisions, parents


def known_revisions() -> set[str]:
    """The schemas this program knows; a file at any other was written by a newer Zone Desk."""
    return _revisions()[0]


def head_revision() -> str:
    """The newest migration. (Importing Alembic costs a third of a second at every start; it is
    imported only when there is something to migrate. A test compares this with Alembic's own
    answer.)"""
    revisions, parents = _revisions()
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {sorted(heads)}")
    return heads.pop()
