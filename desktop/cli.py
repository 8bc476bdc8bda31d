"""`zonedesk`: open the program; `zonedesk demo` writes a demo database; `zonedesk verify-audit`
checks a database's audit chain."""

import argparse
import sys
import time
from pathlib import Path

from db import audit, demo
from db.locations import database_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zonedesk", description="Zone Desk")
    parser.add_argument("--db", help="database file (default: ZONEDESK_DB, then the data folder)")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="language")
    commands = parser.add_subparsers(dest="command")
    make_demo = commands.add_parser("demo", help="write a demo database")
    make_demo.add_argument("--db", dest="demo_db", required=True, help="new database file")
    make_demo.add_argument("--firms", type=int, default=11_000, help="how many firms (11000)")
    make_demo.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    check = commands.add_parser("verify-audit", help="check a database's audit chain")
    check.add_argument("--db", dest="check_db", required=True, help="database file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return _demo(Path(args.demo_db), args.firms, args.seed)
    if args.command == "verify-audit":
        return _verify(Path(args.check_db))
    from desktop.launch import launch
    return launch(database_path(args.db), args.lang)


def _demo(path: Path, firms: int, seed: int) -> int:
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


def _verify(path: Path) -> int:
    if not path.exists():
        print(f"{path}: no such file", file=sys.stderr)
        return 2
    result = audit.verify(path)
    if result.ok:
        print(f"Audit chain intact: {result.events:,} events.")
        return 0
    where = f"event {result.first_broken_seq}" if result.first_broken_seq else "the audit table"
    print(f"Audit chain BROKEN at {where}: {result.reason}. "
          f"{result.events:,} events before it verified.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
