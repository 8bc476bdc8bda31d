"""`zonedesk import firms|bills --db PATH --user NAME [--password-stdin] [--dry-run]
[--zone Z] [--month YYYY-MM] [--sheet NAME] FILE`: an office moving thousands of firms at once.

The person logs in as at the log-in window; the file is judged row by row through the same
services as the import dialog, the counts by verdict are printed, and the refused rows (and
those waiting for a decision, which only the dialog asks) are written beside the file with
their reasons. Without --dry-run the import is written when nothing is refused or waiting: all
rows or none. Bills need --zone and --month; for firms --zone is the zone of rows that name
none. Exit 0: judged (and written) with nothing refused; 1: rows refused or waiting, the log-in
or the import refused; 2: the file or the database cannot be read.
"""

import sys
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication

from db.errors import ZoneDeskError
from desktop.command_log_in import command_log_in, install_language


def import_file(what: str, db_path: Path | str, username: str, path: Path, *, password_stdin: bool = False,
                dry_run: bool = False, zone: str | None = None, month: str | None = None,
                sheet: str | None = None, language: str = "zh_CN", stdin: TextIO | None = None,
                stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    install_language(language)
    if what == "bills" and (zone is None or month is None):
        print(QCoreApplication.translate(
            "import", "Importing bills needs --zone (the zone's code) and --month (YYYY-MM)."),
            file=stderr)
        return 2
    if not path.is_file():
        print(QCoreApplication.translate("import", "{file}: no such file.").format(file=path),
              file=stderr)
        return 2
    opened = command_log_in(db_path, username, password_stdin=password_stdin, language=language,
                            stdin=stdin, stderr=stderr)
    if isinstance(opened, int):
        return opened
    database, actor = opened
    from db.importing.source import ImportFileError, read_sheets, read_source
    from desktop.importing.import_words import counts_text, refused_file_for, save_refused_rows
    from desktop.modals import translate_error
    try:
        zone_id = _zone_id(database, actor, zone) if zone else None
        if zone and zone_id is None:
            print(QCoreApplication.translate(
                "import", "There is no zone {zone}: give a zone's code, such as Z01.").format(zone=zone),
                file=stderr)
            return 2
        if what == "firms":
            from db.importing.firms import import_firms
            sources = [read_source(path, sheet=sheet)]
            report = import_firms(database, actor=actor, source=sources[0], default_zone_id=zone_id,
                                  dry_run=dry_run)
        else:
            from db.importing.bills import bill_sheets, import_bills
            sources = [read_source(path, sheet=sheet)] if sheet else bill_sheets(read_sheets(path))
            report = import_bills(database, actor=actor, sources=sources, zone_id=zone_id,
                                  period=month, dry_run=dry_run)
    except ImportFileError as error:
        print(translate_error(error), file=stderr)
        return 2
    except ZoneDeskError as error:
        print(translate_error(error), file=stderr)
        return 1
    finally:
        database.dispose()
    encoding = f" ({QCoreApplication.translate('db', report.encoding)})" if report.encoding else ""
    print(f"{path.name}{encoding}: {counts_text(report)}", file=stdout)
    if not report.may_commit:
        out = refused_file_for(path)
        try:
            save_refused_rows(report, sources, out)
        except OSError as error:
            print(QCoreApplication.translate("import", "{file} could not be written: {reason}").format(
                file=out, reason=error.strerror or error), file=stderr)
        else:
            print(QCoreApplication.translate(
                "import", "The refused rows and their reasons: {file}").format(file=out), file=stdout)
        print(QCoreApplication.translate(
            "import", "Nothing was imported. Fix the refused rows, make the decisions in the program's "
                  "import window, and import the file again."), file=stdout)
        return 1
    if report.written:
        print(QCoreApplication.translate("import", "Imported."), file=stdout)
    elif dry_run:
        print(QCoreApplication.translate("import", "Dry run: nothing was written."), file=stdout)
    else:
        print(QCoreApplication.translate(
            "import", "Nothing to import: every row is as the program has it."), file=stdout)
    return 0


def _zone_id(database, actor, code: str) -> int | None:  # noqa: ANN001
    """The zone named by its code (or its name), as the program lists the zones."""
    from db.queries.reference import zones
    wanted = code.strip()
    return next((zone.id for zone in zones(database, actor=actor) if wanted in (zone.code, zone.name)),
                None)
