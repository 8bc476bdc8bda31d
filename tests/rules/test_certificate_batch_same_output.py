"""A batch of certificates is issued and printed faster (issue 14) and exactly as before:

- the layout formats a certificate's table and wraps its paragraphs once, however many row
  heights it tries to keep the certificate on one page: the pages are those that laying out
  everything anew for each height gave;
- a QR code's path is written from zxing's image with its numbers written once: the very text
  that formatting every run from the matrix gave; each code encoded once even when a chunk of
  25 is laid out before it is drawn;
- a transaction inserts its certificates without ORM objects and what they all cover in one
  statement: the rows, the ids and the audit events are those the ORM gave (audit_values()
  of each certificate as read back);
- the batch dialog draws a chunk while the next one commits: the PDF is the one drawing the
  issued certificates one by one gives.
"""

import re
import threading
from dataclasses import replace

import pytest
import zxingcpp
from reportlab import rl_config
from sqlalchemy import event
from sqlmodel import select

from db.audit import to_json
from db.certificates.content import PrintedCertificate
from db.models import AuditEvent, Certificate, CertificateCover
from db.services import certificates as issuing_service
from db.services.certificate_subjects import subject
from db.services.certificates import audit_values, issue_many
from documents import certificate_layout as layout
from documents import qr
from documents.certificate_pdf import CertificateBook, render_certificates
from documents.certificate_texts import table_notes, table_rows, wording
from documents.issuing import issue_and_print
from tests.certificate_data import subsidy_request
from tests.ledger_data import make_book
from tests.rules.test_certificate_issue_once import AWKWARD
from tests.rules.test_certificate_pdf import certificate


@pytest.fixture
def book(db, people):  # noqa: ANN001, ANN201
    return make_book(db, people)


def _laid_out_anew(cert: PrintedCertificate, words, language: str,  # noqa: ANN001
                   row_height: float | None = None) -> list[layout.Item]:
    """The items as the layout made them before: everything wrapped and formatted again for
    each row height tried."""
    style = layout._STYLES[language]
    row_height = row_height or style.row_height
    items: list[layout.Item] = []
    if words.salutation:
        items += layout.wrap(words.salutation, size=style.size, leading=style.leading)
    layout._add_paragraphs(items, words.body, style)
    if cert.kind == "subsidy":
        rows = table_rows(cert, language)
        items.append(layout.Gap(8))
        items.append(layout.Row(rows[0], style.row_size, row_height + 2, header=True))
        items += [layout.Row(cells, style.row_size, row_height) for cells in rows[1:-1]]
        items.append(layout.Row(rows[-1], style.row_size, row_height, total=True))
        notes = table_notes(cert, language)
        if notes:
            items.append(layout.Gap(4))
        for note in notes:
            items += [replace(line, note=True) for line in layout.wrap(
                note, size=style.note_size, leading=style.note_leading, justify=style.justify)]
        items.append(layout.Gap(10))
    layout._add_paragraphs(items, words.after_table, style)
    return items


class _AnewEachTime:
    """layout._Items as it behaved before: each height laid out from the start."""

    def __init__(self, cert: PrintedCertificate, words, language: str) -> None:  # noqa: ANN001
        self.args = (cert, words, language)

    def height(self, row_height: float) -> float:
        return sum(item.height for item in _laid_out_anew(*self.args, row_height))

    def items(self, row_height: float | None = None) -> list[layout.Item]:
        return _laid_out_anew(*self.args, row_height)


def _certificates() -> list[PrintedCertificate]:
    awkward = replace(AWKWARD, amount_fen=sum(line.subsidy_fen for line in AWKWARD.lines))
    made = [certificate(kind) for kind in ("tenancy", "little_giant", "loan_guarantee")]
    for count in (6, 10, 24, 27, 30, 36, 40, 60, 130):  # one page, tighter rows, continued
        made.append(certificate("subsidy", lines=count))
    for times in (1, 8, 9, 10, 11, 12, 40):
        made.append(replace(awkward, lines=awkward.lines * times,
                            amount_fen=awkward.amount_fen * times))
    return made + [replace(c, print_number=2, revoked=True) for c in made[-4:]]


def test_the_pages_are_those_laying_out_anew_for_each_row_height_gave(monkeypatch):
    certificates = _certificates()
    languages = ("zh_CN", "en")
    formatted = []
    monkeypatch.setattr(layout, "table_rows", lambda *args: formatted.append(args) or table_rows(
        *args))
    pages = [layout.paginate(c, wording(c, language), language) for c in certificates
             for language in languages]
    tighter = [p for p in pages if any(isinstance(item, layout.Row) and item.height < 14
                                       for item, _ in p[0].items)]
    assert tighter and any(len(p) > 1 for p in pages)  # both kinds of table are in the test
    assert len(formatted) == sum(c.kind == "subsidy" for c in certificates) * len(languages)
    monkeypatch.setattr(layout, "_Items", _AnewEachTime)
    assert pages == [layout.paginate(c, wording(c, language), language) for c in certificates
                     for language in languages]


def _runs_from_the_matrix(symbol: qr.Symbol) -> str:
    """The path as draw_qr() wrote it before: each run's numbers formatted from the matrix."""
    operators = []
    for row, modules in enumerate(symbol.matrix):
        operators += [f"{start} {row} {end - start} 1 re"
                      for start, end in (run.span() for run in re.finditer(b"\x01+", modules))]
    return " ".join(operators) + " f"


@pytest.mark.parametrize("text", ["ZD1.A", "ZD1." + "AB2C" * 60, "ZD1." + "Q7" * 470])
def test_the_qr_path_is_the_text_formatting_each_run_gave(text):
    symbol = qr._symbol(text)
    assert symbol.side == 4 * symbol.version + 17 and len(symbol.pixels) == symbol.side ** 2
    assert qr._runs(symbol) == _runs_from_the_matrix(symbol)


def test_a_chunk_laid_out_before_it_is_drawn_encodes_each_code_once(monkeypatch):
    encoded = []
    real = zxingcpp.create_barcode
    monkeypatch.setattr(zxingcpp, "create_barcode", lambda text, *a, **k: encoded.append(
        text) or real(text, *a, **k))
    qr._symbol.cache_clear()
    certificates = [certificate("subsidy", serial=f"Z07-2026-{n:06d}", lines=6)
                    for n in range(1, 31)]
    certificates = [replace(c, qr_text=f"ZD1.{n:04d}" + "A" * 200)
                    for n, c in enumerate(certificates)]
    printed = CertificateBook()
    for laid_out in [printed.lay_out(c) for c in certificates]:
        printed.draw(laid_out)
    assert len(encoded) == len(certificates)


def _statements(db) -> list[str]:  # noqa: ANN001
    seen: list[str] = []
    event.listen(db.writing_engine, "before_cursor_execute",
                 lambda conn, cursor, sql, *rest: seen.append(" ".join(sql.split())))
    return seen


def test_a_transaction_inserts_its_certificates_as_the_orm_did(db, people, book):
    issue_many(db, actor=people.admin, requests=[subsidy_request(book, book.firm_b)])
    requests = [subsidy_request(book, firm) for firm in (book.firm_a, book.firm_b) * 3]
    requests.insert(3, subsidy_request(book, book.firm_d, zone=2))
    seen = _statements(db)
    issued = issue_many(db, actor=people.admin, requests=requests)
    # SQLite inserts them one by one (to give their ids in order); a server all in one statement
    one_by_one = db.engine.dialect.name == "sqlite"
    assert sum(s.startswith("INSERT INTO certificate ") for s in seen) == (len(requests) if one_by_one else 1)
    assert sum(s.startswith("INSERT INTO certificatecover ") for s in seen) == 1  # all of them
    ids = [i.certificate_id for i in issued]
    assert ids == sorted(ids) and len(set(ids)) == len(requests)
    with db.reading() as uow:
        session = uow.session
        for one, request in zip(issued, requests, strict=True):
            row = session.get(Certificate, one.certificate_id)
            assert row.serial == one.serial and row.content == one.printed.to_json()
            assert (row.status, row.print_count, row.version, row.revoked_reason) == (
                "valid", 1, 1, "")
            assert row.revoked_by is None and row.revoked_at is None
            covered = sorted(session.exec(select(CertificateCover.entry_id).where(
                CertificateCover.certificate_id == row.id)))
            assert covered == sorted(subject(session, request).entry_ids)
            event_row = session.exec(select(AuditEvent).where(
                AuditEvent.entity_type == "certificate",
                AuditEvent.entity_id == str(row.id))).one()
            assert event_row.action == "certificate.issue" and event_row.before_json == "null"
            assert event_row.after_json == to_json(audit_values(row))


def test_a_batch_drawn_while_the_next_chunk_commits_prints_what_drawing_each_gives(
        db, people, book, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)  # the same bytes for the same drawing
    drawn_on = []
    real_draw = CertificateBook.draw
    monkeypatch.setattr(CertificateBook, "draw", lambda self, laid_out: drawn_on.append(
        threading.current_thread().name) or real_draw(self, laid_out))
    committed = []
    real_commit = issuing_service._commit
    monkeypatch.setattr(issuing_service, "_commit", lambda uow, meanwhile: committed.append(
        meanwhile is not None) or real_commit(uow, meanwhile))
    monkeypatch.setattr("documents.issuing.CHUNK", 2)
    requests = [subsidy_request(book, firm) for firm in (book.firm_a, book.firm_b) * 3]
    outcome = issue_and_print(db, actor=people.admin, requests=requests)
    assert outcome.issued == len(requests) and not outcome.cancelled and outcome.error is None
    assert committed == [False, True, True]  # each chunk after the first draws the one before
    assert drawn_on == ["while-committing"] * 4 + [threading.current_thread().name] * 2
    with db.reading() as uow:
        stored = [PrintedCertificate.from_json(c.content) for c in uow.session.exec(
            select(Certificate).where(Certificate.serial.in_(outcome.serials)).order_by(
                Certificate.id))]
    assert [c.serial for c in stored] == outcome.serials
    monkeypatch.setattr(CertificateBook, "draw", real_draw)
    assert outcome.pdf == render_certificates(stored)


def test_a_drawing_that_fails_while_committing_is_raised_after_the_commit(db, people, book):
    def failing() -> None:
        raise RuntimeError("drawing failed")

    with pytest.raises(RuntimeError, match="drawing failed"):
        issue_many(db, actor=people.admin, requests=[subsidy_request(book)], meanwhile=failing)
    with db.reading() as uow:  # the transaction committed all the same: its serial was taken
        assert len(list(uow.session.exec(select(Certificate)))) == 1
