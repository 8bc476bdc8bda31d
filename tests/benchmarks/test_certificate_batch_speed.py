"""A batch of 1,000 subsidy confirmations for one zone, issued and printed into one PDF, as the
clerk's batch dialog runs it (documents/issuing.py: chunks of 25, each issued in its own
transaction, then drawn). Target (DESIGN.md): 1,000 certificates in under 30 s. City scale only:
Z01 holds ~1,100 firms there; each round works on a fresh copy of the cached database."""

import shutil
from pathlib import Path

import pytest

from db.demo.accounts import DEMO_PASSWORD
from db.engine import Database
from db.queries.certificates import candidates
from db.services import auth
from db.services.certificates import CertificateRequest
from documents.issuing import issue_and_print
from tests.benchmarks.conftest import bench_database

BATCH = 1_000
FIRST, LAST = "2026-01", "2026-10"


def test_a_batch_of_1000_subsidy_confirmations(benchmark, tmp_path: Path) -> None:
    source = bench_database("city")
    copies = iter(range(10))

    def fresh() -> tuple[tuple, dict]:
        path = tmp_path / f"round-{next(copies)}.sqlite"
        shutil.copyfile(source, path)
        database = Database(path)
        actor = auth.log_in(database, username="clerk01", password=DEMO_PASSWORD)
        found = candidates(database, actor=actor, zone_id=1, kind="subsidy", period_from=FIRST,
                           period_to=LAST)
        if len(found) < BATCH:
            pytest.fail(f"Z01 has {len(found)} firms with approved subsidies, fewer than {BATCH}")
        requests = [CertificateRequest("subsidy", c.enterprise_id, 1, FIRST, LAST) for c in found[:BATCH]]
        return (database, actor, requests), {}

    def run(database: Database, actor, requests: list[CertificateRequest]) -> int:  # noqa: ANN001
        outcome = issue_and_print(database, actor=actor, requests=requests)
        database.dispose()
        return len(outcome.pdf)

    size = benchmark.pedantic(run, setup=fresh, rounds=2, iterations=1)
    benchmark.extra_info["pdf_bytes"] = size
    assert size > 0
