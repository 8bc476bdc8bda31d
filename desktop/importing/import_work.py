"""What the import dialog runs on the database thread: read the file as chosen, judge it (the dry
run) or import it, and the lists the template's drop-downs offer. Plain values in, plain values
out; no widget.

The import itself writes the sheets that were checked (kept from the check), not the file read
again: what is written is what the person saw in the preview.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from db.access import Actor
from db.engine import Database
from db.importing.bills import bill_sheets, import_bills
from db.importing.firms import import_firms
from db.importing.source import SourceSheet, read_sheets, read_source
from db.importing.verdicts import Decision, ImportReport
from db.queries import reference
from documents.import_template import write_template

EVERY_CATEGORY_SHEET = "\x00every-category-sheet"  # the sheet choice "each sheet named after a category"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Choice:
    """What the person chose: the file, its sheet, and where its rows go."""

    kind: str  # "firms" | "bills"
    path: Path
    sheet: str | None  # a sheet's name, EVERY_CATEGORY_SHEET, or None (a CSV: its only one)
    zone_id: int | None  # firms: the zone of rows that name none; bills: the sheet's zone
    period: str | None = None  # bills: YYYY-MM


@dataclass(frozen=True)
class Checked:
    """A verdict, and the sheets it was given on (the refused rows are copied from them)."""

    choice: Choice
    report: ImportReport
    sources: list[SourceSheet]


def read_chosen(choice: Choice) -> list[SourceSheet]:
    if choice.sheet == EVERY_CATEGORY_SHEET:
        return bill_sheets(read_sheets(choice.path))
    return [read_source(choice.path, sheet=choice.sheet)]


def judge(db: Database, actor: Actor, choice: Choice, *, sources: list[SourceSheet] | None = None,
          accepted: Iterable[tuple[int, Decision]] = (), dry_run: bool = True,
          progress: Progress | None = None, cancelled: Cancelled | None = None) -> Checked:
    """The dry run (reading the file), or the import of the sheets checked before (`sources`)."""
    sources = sources if sources is not None else read_chosen(choice)
    if choice.kind == "firms":
        report = import_firms(db, actor=actor, source=sources[0], default_zone_id=choice.zone_id,
                              accepted=accepted, dry_run=dry_run, progress=progress, cancelled=cancelled)
    else:
        report = import_bills(db, actor=actor, sources=sources, zone_id=choice.zone_id,
                              period=choice.period or "", dry_run=dry_run, progress=progress,
                              cancelled=cancelled)
    return Checked(choice, report, sources)


def save_template(db: Database, actor: Actor, path: Path, kind: str,
                  translate: Callable[[str, str], str]) -> None:
    """The template of `kind`, its drop-downs offering the program's sectors and industries and
    the person's zones."""
    write_template(path, kind, translate=translate, sectors=[s.name for s in reference.sectors(db)],
                   zones=[(z.code, z.name) for z in reference.zones(db, actor=actor, only_mine=True)])
