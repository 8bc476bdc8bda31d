"""The public keys this file trusts."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from db.access import Action, Actor, authorise
from db.clock import to_shanghai
from db.engine import Database
from db.models import SigningKey


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    office: str
    own: bool
    added_on: date


def public_keys(db: Database, *, actor: Actor) -> list[KeyRow]:
    with db.reading() as uow:
        session = uow.session
        authorise(session, actor, Action.CERTIFICATE_READ)
        keys = session.exec(select(SigningKey).order_by(SigningKey.own.desc(),
                                                        SigningKey.office)).all()
        return [KeyRow(k.key_id, k.office, k.own, to_shanghai(k.added_at).date()) for k in keys]
