"""`zonedesk`: open the program; `zonedesk demo` writes a demo database; `zonedesk verify-audit`
checks a database's audit chain and reconciles its rows with it; `zonedesk server init` makes a
PostgreSQL server ready (db/server/setup.py).

`zonedesk --self-test` proves the installation works (desktop/self_test.py); `zonedesk --version`
says which version and build this is.

`zonedesk --db postgresql://server/zonedesk` works on a district's server (docs/server.md).
`zonedesk --db PATH` opens an existing database; a path that finds no file is refused (it may be
mistyped) unless `--create` says to make a new database there. Exit status of verify-audit:
0 intact, 1 broken, 2 the file cannot be read as a Zone Desk database."""

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from db.locations import DB_ENV, database_named, database_path, is_server_url

if TYPE_CHECKING:
    from db.audit_verification import Verification

# Nothing heavier than db.locations at the top: the program's start (and a second start that
# only hands over to the window already open) waits for these imports. Each command imports
# what it needs.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zonedesk", description="Zone Desk")
    parser.add_argument("--db", help="database file, or a server's postgresql://server/zonedesk"
                        " (default: ZONEDESK_DB, then the data folder)")
    parser.add_argument("--create", action="store_true",
                        help="make a new database at --db if there is none (never done unasked)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language")
    parser.add_argument("--throw-away-demo", action="store_true",  # Help → Open the demo's own
                        help=argparse.SUPPRESS)
    parser.add_argument("--version", action="store_true", help="say which version this is")
    parser.add_argument("--self-test", action="store_true",
                        help="prove this installation works, in a temporary folder (no display "
                        "needed, no user data touched); exit 0 if it does, 1 naming what failed")
    parser.add_argument("--verbose", action="store_true",
                        help="--self-test: the time of each step, and the traceback of a failure")
    commands = parser.add_subparsers(dest="command")
    make_demo = commands.add_parser("demo", help="write a demo database")
    make_demo.add_argument("--db", dest="demo_db", required=True, help="new database file")
    make_demo.add_argument("--firms", type=int, default=11_000, help="how many firms (11000)")
    make_demo.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    check = commands.add_parser("verify-audit", help="check a database's audit chain")
    check.add_argument("--db", dest="check_db", required=True,
                       help="database file, or a server's postgresql://server/zonedesk")
    check.add_argument("--user", help="on a server: your user name (an administrator or auditor)")
    check.add_argument("--password-stdin", action="store_true",
                       help="on a server: read the password from the first line of standard input")
    check.add_argument("--anchor", help="an anchor code (ZDA1.<seq>.<hash>) written down earlier:"
                       " prove the file unchanged up to it")
    exporting = commands.add_parser("export", help="write a list to an .xlsx or .csv file")
    exporting.add_argument("list", choices=("firms", "ledger", "certificates", "audit"),
                           help="which list (firms: the layout the firms import reads back)")
    exporting.add_argument("--db", dest="export_db", required=True, help="database file")
    exporting.add_argument("--user", required=True, help="your user name (the list is what you may see)")
    exporting.add_argument("--password-stdin", action="store_true",
                           help="read the password from the first line of standard input")
    exporting.add_argument("out", help="the file to write: OUT.xlsx or OUT.csv")
    importing = commands.add_parser("import", help="bring firms or a month's bills in from a file")
    importing.add_argument("list", choices=("firms", "bills"), help="what the file holds")
    importing.add_argument("--db", dest="import_db", required=True, help="database file")
    importing.add_argument("--user", required=True, help="your user name (rows go into your zones)")
    importing.add_argument("--password-stdin", action="store_true",
                           help="read the password from the first line of standard input")
    importing.add_argument("--dry-run", action="store_true", help="judge every row, write nothing")
    importing.add_argument("--zone", help="bills: the zone's code; firms: the zone of rows naming none")
    importing.add_argument("--month", help="bills: the month, YYYY-MM")
    importing.add_argument("--sheet", help="the sheet to read (default: the first visible one;"
                           " bills: every sheet named after a category)")
    importing.add_argument("file", help="the .xlsx, .xls or .csv file")
    backing_up = commands.add_parser("backup", help="write a checked backup of a database")
    backing_up.add_argument("--db", dest="backup_db", required=True, help="database file")
    backing_up.add_argument("--to", help="folder to write it to (default: the database's backup"
                            " folder, where old backups are rotated)")
    restoring = commands.add_parser("restore", help="put a checked backup in place of a database")
    restoring.add_argument("--db", dest="restore_db", required=True, help="database file")
    restoring.add_argument("backup", help="the backup file to restore")
    server = commands.add_parser("server", help="a PostgreSQL server for several PCs")
    server_commands = server.add_subparsers(dest="server_command", required=True)
    server_init = server_commands.add_parser(
        "init", help="make the roles, the database, its schema and reference data, and the first "
        "administrator (again: changes nothing)")
    server_init.add_argument("--admin-url", required=True,
                             help="postgresql://… of a superuser, or of a role with CREATEROLE "
                             "and CREATEDB")
    server_init.add_argument("--database", default="zonedesk", help="the database (zonedesk)")
    server_init.add_argument("--admin-username", required=True,
                             help="the first administrator's user name (their login role)")
    server_init.add_argument("--admin-display-name", required=True,
                             help="the first administrator's name as shown")
    server_move = server_commands.add_parser(
        "move", help="move an office's database file into a new database on the server")
    server_move.add_argument("--from", dest="move_from", type=Path, required=True,
                             help="the office's database file")
    server_move.add_argument("--to", dest="move_to", required=True,
                             help="the new database, as a superuser's URL "
                                  "(postgresql://postgres@server/zonedesk_office)")
    return parser


def _printable_anywhere() -> None:
    """A name the console's code page cannot show (Chinese on an English Windows, a rare
    character in GBK, output redirected to a file) is printed escaped instead of stopping a
    command whose work is already done."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _printable_anywhere()
    args = _parser().parse_args(argv)
    if args.version or args.self_test:
        from desktop import self_test
        if args.version:
            print(self_test.version_line())
            return 0
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
        return self_test.run_self_test(verbose=args.verbose)
    if args.command == "demo":
        return _demo(Path(args.demo_db), args.firms, args.seed)
    if args.command == "verify-audit":
        if is_server_url(args.check_db):
            return _verify_server(args.check_db, args.user, args.anchor, args.password_stdin,
                                  args.lang)
        return _verify(Path(args.check_db), args.anchor)
    if args.command == "export":
        from desktop.export_command import export
        return export(args.list, _location(args.export_db), args.user, Path(args.out),
                      password_stdin=args.password_stdin, language=args.lang)
    if args.command == "import":
        from desktop.importing.command import import_file
        return import_file(args.list, _location(args.import_db), args.user, Path(args.file),
                           password_stdin=args.password_stdin, dry_run=args.dry_run, zone=args.zone,
                           month=args.month, sheet=args.sheet, language=args.lang)
    if args.command in ("backup", "restore"):
        from desktop.backup import command
        return (command.backup(Path(args.backup_db), Path(args.to) if args.to else None)
                if args.command == "backup" else
                command.restore(Path(args.restore_db), Path(args.backup)))
    if args.command == "server":
        return _server_move(args) if args.server_command == "move" else _server_init(args)
    if display_missing():
        if args.lang == "zh_CN":
            print("园区服务台需要图形桌面，但没有找到显示器（未设置 DISPLAY 或 WAYLAND_DISPLAY）："
                  "请在桌面环境中启动。", file=sys.stderr)
        print("Zone Desk needs a display and found none (neither DISPLAY nor WAYLAND_DISPLAY is "
              "set): start it in a desktop session.", file=sys.stderr)
        return 2
    server = args.db or os.environ.get(DB_ENV)
    if is_server_url(server):  # a district's server (desktop/server_launch.py)
        from desktop.server_launch import launch_on_server
        return launch_on_server(server, args.lang)
    path = database_path(args.db)
    if database_named(args.db) and not args.create and not path.exists():
        print(f"{path}: no such database. Check the name, or add --create to make a new "
              "database there.", file=sys.stderr)
        return 2
    from desktop.launch import launch
    return launch(path, args.lang, create=args.create or not database_named(args.db),
                  throw_away=args.throw_away_demo)


# Qt platforms that draw without a display: tests, screenshots, frame buffers
HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}


def display_missing(environ: dict[str, str] | None = None, platform: str = sys.platform) -> bool:
    """On Linux and the like, whether the window has nowhere to go: no X11 or Wayland display
    and no headless Qt platform chosen. Qt would abort with a misleading message about a
    missing xcb library; this is said in one line before any Qt window is made."""
    environ = os.environ if environ is None else environ
    if platform in ("win32", "cygwin", "darwin"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if chosen in HEADLESS_PLATFORMS:
        return False
    return not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")


def _demo(path: Path, firms: int, seed: int) -> int:
    from db import demo

    if path.exists():
        print(f"{path} exists already; remove it first or choose another file.", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    report = demo.generate(path, firms=firms, seed=seed,
                           progress=lambda done, total: print(f"\r{done:,}/{total:,} firms", end=""))
    print(f"\nDemo database {path}: {report.firms:,} firms, {report.tenancies:,} tenancies, "
          f"{report.entries:,} subsidy entries, {report.awards:,} awards and guarantees, "
          f"{report.staff} staff, {report.audit_events:,} audit events in "
          f"{time.perf_counter() - started:.1f} s. Accounts: "
          + ", ".join(a.username for a in demo.ACCOUNTS) + f"; password {demo.DEMO_PASSWORD}")
    return 0


def _server_init(args: argparse.Namespace) -> int:
    """The administrator's password from ZONEDESK_ADMIN_PASSWORD, else asked twice; one line
    for each step done (or found done); a refusal in one sentence on stderr, exit 1."""
    from db.errors import ZoneDeskError
    from db.server.setup import SetupRefused, init

    password = os.environ.get("ZONEDESK_ADMIN_PASSWORD")
    if password is None:
        import getpass
        password = getpass.getpass(f"Password for {args.admin_username}: ")
        if getpass.getpass("The same password again: ") != password:
            print("The two passwords differ: nothing was done.", file=sys.stderr)
            return 1
    try:
        said = init(args.admin_url, database=args.database, admin_username=args.admin_username,
                    admin_display_name=args.admin_display_name, admin_password=password)
    except ZoneDeskError as error:
        print(error.message(), file=sys.stderr)
        return 1
    except SetupRefused as error:
        print(error, file=sys.stderr)
        return 1
    for line in said:
        print(line)
    return 0


def _server_move(args: argparse.Namespace) -> int:
    """The file moved (db/server/moving.py); each account's one-time password printed once."""
    from sqlalchemy.engine import make_url

    from db.server.moving import MoveRefused, move
    from db.server.setup import SetupRefused

    target = make_url(args.move_to)
    if not target.database:
        print("Say which new database to move into: postgresql://…/NAME", file=sys.stderr)
        return 2
    admin_url = target.set(database="postgres").render_as_string(hide_password=False)
    try:
        moved = move(args.move_from, admin_url, database=target.database)
    except (MoveRefused, SetupRefused) as error:
        print(error, file=sys.stderr)
        return 1
    print("One-time passwords (shown only now; each person changes theirs at the first log-in):")
    width = max((len(name) for name in moved.passwords), default=0)
    for username, password in moved.passwords.items():
        print(f"  {username.ljust(width)}  {password}")
    return 0


def _location(db: str) -> Path | str:
    """A file's path, or a server's address as written (a Path would fold its //)."""
    return db if is_server_url(db) else Path(db)


def _verify(path: Path, anchor: str | None) -> int:
    from db.audit_verification import verify_file

    return _said(verify_file(path, anchor), "file")


def _verify_server(url: str, username: str | None, anchor: str | None, password_stdin: bool,
                   language: str) -> int:
    """The person logs in on the server (their password checked there) and the trail is read
    as they may read it: all of it, for an administrator or an auditor."""
    from db.audit_verification import UNREADABLE, verify_server
    from db.errors import ZoneDeskError
    from desktop.command_log_in import command_log_in
    from desktop.modals import translate_error

    if not username:
        print("Say who verifies the server's trail: --user NAME (an administrator or an auditor).",
              file=sys.stderr)
        return UNREADABLE
    opened = command_log_in(url, username, password_stdin=password_stdin, language=language)
    if isinstance(opened, int):
        return UNREADABLE
    database, actor = opened
    try:
        return _said(verify_server(database, anchor, actor=actor), "database")
    except ZoneDeskError as error:
        print(translate_error(error), file=sys.stderr)
        return UNREADABLE
    finally:
        database.dispose()


def _said(result: "Verification", what: str) -> int:
    out = sys.stdout if result.status == 0 else sys.stderr
    for sentence in result.sentences:
        print(sentence, file=out)
    if result.anchor:
        print(f"Anchor of the {what} as verified (write it down to prove it later): {result.anchor}")
    return result.status


if __name__ == "__main__":
    sys.exit(main())
