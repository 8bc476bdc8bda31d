"""The public keys this file trusts: this database's own (the one it signs with now, and those
retired, which still verify what they signed) and those imported from other offices."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.clock import to_shanghai
from db.engine import Database
from db.models import SigningKey


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    office: str
    own: bool
    added_on: date
    retired_on: date | None = None  # an own key that signs no more
    retired_reason: str = ""

    @property
    def signs_now(self) -> bool:
        return self.own and self.retired_on is None


@checked
def public_keys(db: Database, *, actor: Actor) -> list[KeyRow]:
    """Own keys first (the current one, then the retired, newest first), then other offices'."""
    with db.reading() as uow:
        session = uow.session
        authorise(session, actor, Action.CERTIFICATE_READ)
        keys = session.exec(select(SigningKey)).all()
        rows = [KeyRow(k.key_id, k.office, k.own, to_shanghai(k.added_at).date(),
                       to_shanghai(k.retired_at).date() if k.retired_at else None,
                       k.retired_reason) for k in keys]
        return sorted(rows, key=lambda r: (not r.own, r.retired_on is not None,
                                           -r.retired_on.toordinal() if r.retired_on else 0,
                                           r.office))
