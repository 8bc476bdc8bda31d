"""Issuing and printing in one go, for one certificate or a batch of hundreds.

The requests are issued in chunks of `CHUNK`, each chunk in its own write transaction
(db/services/certificates.py::issue_many), and each chunk's certificates are drawn into the one
PDF after their transaction committed: while the next chunk's transaction is written to disk
(a wait that leaves Python free), or at the end. Cancelling is looked at between chunks only: a
cancelled batch stops after the chunk in hand, so every serial taken is a certificate issued and
in the PDF, and nothing after it was issued. Short transactions let another program on the same
file write between chunks.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from db.access import Actor
from db.certificates.signing import OfficeKey
from db.engine import Database
from db.errors import ZoneDeskError
from db.queries.demo_data import is_demo
from db.services.certificates import CertificateRequest, issue_many, new_batch
from documents.certificate_pdf import CertificateBook, LaidOut

CHUNK = 25


@dataclass(frozen=True)
class BatchOutcome:
    pdf: bytes  # every certificate issued, in the order asked
    serials: list[str]
    asked: int
    cancelled: bool  # stopped early: `serials` were issued and are all in `pdf`
    # a chunk after the first was refused (say, an entry reversed meanwhile): the chunks before
    # it stay issued and are in `pdf`; the refused chunk and those after it were not issued
    error: ZoneDeskError | None = None

    @property
    def issued(self) -> int:
        return len(self.serials)


class _Drawing:
    """The certificates of the chunk committed last, laid out, drawn while the next chunk
    commits (or when the batch ends): drawn once, in order."""

    def __init__(self, book: CertificateBook) -> None:
        self.book = book
        self.waiting: list[LaidOut] = []

    def draw(self) -> None:
        waiting, self.waiting = self.waiting, []
        for laid_out in waiting:
            self.book.draw(laid_out)


def issue_and_print(db: Database, *, actor: Actor, requests: Sequence[CertificateRequest],
                    progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    key: OfficeKey | None = None, language: str = "zh_CN") -> BatchOutcome:
    book = CertificateBook(language=language, demo=is_demo(db))
    drawing = _Drawing(book)
    serials: list[str] = []
    total = len(requests)
    if progress:
        progress(0, total)
    error = None
    batch = new_batch()  # every chunk of this issue, revocable as one
    for start in range(0, total, CHUNK):
        if cancelled is not None and cancelled():
            break
        try:
            chunk = issue_many(db, actor=actor, requests=list(requests[start:start + CHUNK]),
                               key=key, batch=batch,
                               meanwhile=drawing.draw if drawing.waiting else None)
        except ZoneDeskError as refused:
            if not serials:
                raise  # nothing issued: the refusal is the whole answer
            error = refused
            break
        # laid out now, so that what cannot be printed stops the batch before the next chunk
        drawing.waiting = [book.lay_out(issued.printed) for issued in chunk]
        serials += [issued.serial for issued in chunk]
        if progress:
            progress(len(serials), total)
    drawing.draw()  # the last chunk (or the one before a refusal: its commit drew nothing)
    pdf = book.finish() if serials else b""
    return BatchOutcome(pdf, serials, total, len(serials) < total and error is None, error)
