"""Two programs issuing certificates for the same zone at the same moment: every serial taken
once, none skipped, each program's certificates complete, the audit chain intact. Both programs
share one data folder, so they also race to make the database's key on first use."""

import multiprocessing
import traceback
from pathlib import Path

from sqlmodel import select

from db import audit, passwords
from db.access import Actor
from db.clock import utc_now
from db.engine import Database
from db.models import Certificate, SigningKey
from db.server.connection import ServerDatabase, is_server_url
from db.services.certificates import CertificateRequest, issue_many
from db.services.own_key import office_key
from tests.certificate_data import serial
from tests.fixed_clock import travel_in_child
from tests.ledger_data import make_book

EACH = 40  # certificates each program issues, one transaction each


def _issue(target: str, data: str, actor: Actor, firms: list[int], start, results, now) -> None:
    travel_in_child(now)
    passwords.use_cheap_hashing()
    database = ServerDatabase(target) if is_server_url(target) else Database(target)
    try:
        start.wait(60)
        key = office_key(database, Path(data))  # the first call of each program makes or reads it
        serials = []
        for n in range(EACH):
            request = CertificateRequest("tenancy", firms[n % len(firms)], 1)
            serials += [i.serial for i in issue_many(database, actor=actor, requests=[request], key=key)]
        results.put(("ok", serials))
    except BaseException:  # reported to the parent, which fails the test with it
        results.put(("error", traceback.format_exc()))
    finally:
        database.dispose()


def test_two_programs_never_share_or_skip_a_serial(db, people, tmp_path: Path):
    book = make_book(db, people)
    firms = [book.firm_a, book.firm_b, book.firm_c]
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    data = tmp_path / "shared-data"
    target = db.url if isinstance(db, ServerDatabase) else str(db.path)  # a file, or a server's
    programs = [context.Process(target=_issue, args=(target, str(data), who, firms, start, results,
                                                              utc_now()))
                for who in (people.clerk, people.admin)]
    for program in programs:
        program.start()
    start.set()
    outcomes = [results.get(timeout=240) for _ in programs]
    for program in programs:
        program.join(60)
    errors = [detail for status, detail in outcomes if status != "ok"]
    assert not errors, errors[0]
    taken = [s for _, serials in outcomes for s in serials]
    assert len(taken) == 2 * EACH and len(set(taken)) == 2 * EACH
    assert sorted(taken) == [serial("Z01", n) for n in range(1, 2 * EACH + 1)]
    with db.reading() as uow:
        rows = uow.session.exec(select(Certificate.seq, Certificate.issued_by)).all()
        keys = uow.session.exec(select(SigningKey)).all()
    assert sorted(seq for seq, _ in rows) == list(range(1, 2 * EACH + 1))
    assert {who for _, who in rows} == {people.clerk.staff_id, people.admin.staff_id}
    assert len(keys) == 1  # one key made for the database, registered once
    assert audit.verify(db).ok
