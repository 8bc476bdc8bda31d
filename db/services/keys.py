"""Public keys: export this database's, import another office's so that its certificates
verify here. A key file is a short text:

    Zone Desk public key
    office: 浦东新区某服务中心
    key-id: 1a2b3c4d5e6f7081
    ed25519: <the 32-byte public key in Base64>
"""

import base64
import binascii

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit import Change, record
from db.certificates.signing import key_id_of
from db.clock import utc_now
from db.engine import Database
from db.errors import ValidationError
from db.models import SigningKey
from db.services.own_key import current_key, own_key
from db.translatable import QT_TRANSLATE_NOOP

HEADER = "Zone Desk public key"


def public_key_text(public_raw: bytes, office: str) -> str:
    return (f"{HEADER}\noffice: {office}\nkey-id: {key_id_of(public_raw)}\n"
            f"ed25519: {base64.b64encode(public_raw).decode('ascii')}\n")


@checked
def export_public_key(db: Database, *, actor: Actor, office: str | None = None) -> str:
    """The public key this database signs with now (made first if it has signed nothing yet),
    as the text to send to other offices. Its private key never leaves the data folder."""
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.CERTIFICATE_READ)
        registered = current_key(session)
        if registered is None:  # the database's key, made with the database's first need of it
            own_key(session, actor=actor)  # in the person's name (on a server, the trail's rule)
            registered = current_key(session)
            uow.commit()
        return public_key_text(registered.public_key, office or registered.office)


def _parse(text: str) -> tuple[str, bytes]:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    values = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
    values = {k.strip(): v.strip() for k, v in values.items()}
    wrong = ValidationError(QT_TRANSLATE_NOOP(
        "db", "This is not a Zone Desk public key file."), field="file")
    if not lines or lines[0] != HEADER or "ed25519" not in values:
        raise wrong
    try:
        raw = base64.b64decode(values["ed25519"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise wrong from error
    if len(raw) != 32:
        raise wrong
    if values.get("key-id") and values["key-id"] != key_id_of(raw):
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "The key file is damaged: its key id does not match the key."), field="file")
    return values.get("office", ""), raw


@checked
def import_public_key(db: Database, *, actor: Actor, text: str, office: str = "") -> str:
    """Trusts the key of `text` from now on; returns its key id."""
    named, raw = _parse(text)
    office = (office or named).strip()
    if not office:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Say whose key this is."), field="office")
    key_id = key_id_of(raw)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.KEY_IMPORT)
        known = session.get(SigningKey, key_id)
        if known is not None and known.own:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This is this database's own key (key id {key_id}), not another office's."),
                field="file", key_id=key_id)
        if known is not None:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "db", "This key is already trusted (key id {key_id})."), field="file", key_id=key_id)
        now = utc_now()
        session.add(SigningKey(key_id=key_id, public_key=raw, office=office, own=False,
                               added_by=actor.staff_id, added_at=now))
        session.flush()
        record(session, actor, Change("key.import", "signing_key", key_id, None,
                                      {"key_id": key_id, "office": office, "own": False}))
        uow.commit()
        return key_id
