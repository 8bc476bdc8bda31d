"""`zonedesk export firms|ledger|certificates|audit --db PATH --user NAME [--password-stdin]
OUT.xlsx|OUT.csv`: a list to a file for scripts, with the panes' checks and scope.

The person logs in as at the log-in window (db/services/auth.py `log_in`: a wrong password is
counted, a locked account refused); the list is read with their scope, as their pane reads it,
and written with the headers and words of the language chosen (Chinese unless `--lang en`),
from the same translations as the program (desktop/widgets/list_export.py). Firms are written
in the layout the firms import reads back. A refusal is one sentence on stderr and exit 2 (the
file is not there or cannot be written, the suffix is unknown) or 1 (log-in refused).

From a demo database (db/queries/demo_data.py) a workbook's sheets say 演示数据, and a line on
stderr says that the file holds demo data (a CSV file has no place for the mark).
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from db.access import Actor
from db.engine import Database
from db.errors import ZoneDeskError
from db.export.table import ExportTable
from db.queries.demo_data import is_demo
from desktop.command_log_in import command_log_in
from documents.list_export import writer_for

LISTS = ("firms", "ledger", "certificates", "audit")


def _source(what: str) -> Callable[[Database, Actor], ExportTable]:
    """The whole list of `what` that the person may see (imported when asked: the audit pane's
    source is its own module)."""
    if what == "firms":
        from db.export.firms import firms_import_table
        return lambda db, actor: firms_import_table(db, actor=actor)
    if what == "ledger":
        from db.export.ledger import ledger_table
        from db.queries.ledger import LedgerFilter
        return lambda db, actor: ledger_table(db, actor=actor, flt=LedgerFilter())
    if what == "certificates":
        from db.export.certificates import certificates_table
        from db.queries.certificates import CertificateFilter
        return lambda db, actor: certificates_table(db, actor=actor, flt=CertificateFilter())
    from db.export.audit_source import audit_table
    return lambda db, actor: audit_table(db, actor=actor)


def export(what: str, db_path: Path | str, username: str, out: Path, *, password_stdin: bool = False,
           language: str = "zh_CN", stdin: TextIO | None = None, stdout: TextIO | None = None,
           stderr: TextIO | None = None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr

    def refuse(sentence: str, status: int = 2) -> int:
        print(sentence, file=stderr)
        return status

    write = writer_for(out)
    if write is None:
        return refuse(f"{out}: a list is exported as .xlsx or .csv only.")
    if not out.parent.is_dir():
        return refuse(f"{out} cannot be written: there is no folder {out.parent}.")
    opened = command_log_in(db_path, username, password_stdin=password_stdin, language=language,
                            stdin=stdin, stderr=stderr)
    if isinstance(opened, int):
        return opened
    database, actor = opened
    try:
        from desktop.widgets.list_export import header_texts, spoken
        try:
            table = _source(what)(database, actor)
        except ZoneDeskError as error:  # a role that may not read this list
            return refuse(error.message(), 1)
        except ImportError:  # a list this installation does not have
            return refuse(f"This version of Zone Desk cannot export the {what} list.")
        demo = is_demo(database)
        try:
            rows = write(spoken(table), out, headers=header_texts(table), demo=demo)
        except OSError as error:
            return refuse(f"{out} cannot be written: {error.strerror or error}.")
    finally:
        database.dispose()
    if demo:
        print(f"演示数据 DEMO DATA: {out} holds the made-up firms and money of a demo database,"
              " for training only.", file=stderr)
    print(f"{rows:,} rows written to {out}.", file=stdout)
    return 0
