"""This database's own signing key: made for the database, bound to it, the only key it signs
with (DESIGN.md, Trust).

- `own_key(session, …)`, inside the caller's write transaction: the key this database signs with
  now. The first time, the key is made (a file named after the database's identity, see
  db/certificates/signing.py) and its public key registered here. From then on the file must
  hold exactly the registered key: a missing, damaged, exposed or other key is refused, and
  nothing is signed. A key handed in by the caller is used only if it was made for this
  database and is its registered key.
- `office_key(db)`: the same in a transaction of its own (scripts, batch issuing, tests).
- `name_office(db, …)`: an administrator names the office that holds the key (asked when the
  first administrator is made; the computer's name until then), audited: verifications show it
  as the key's holder and exported key files carry it.
- `replace_signing_key(db, …)`: an administrator replaces a lost or exposed key, with a reason,
  audited. The old public key stays, retired: what it signed still verifies; new certificates
  are signed with the new key. The old private key file is overwritten by the new one.
"""

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from db.access import Action, Actor, authorise
from db.arguments import checked
from db.audit import Change, record
from db.certificates import signing
from db.certificates.signing import OfficeKey, SigningKeyRefused
from db.clock import utc_now
from db.engine import Database
from db.errors import ValidationError
from db.models import DatabaseIdentity, SigningKey
from db.server.dialect import is_server
from db.services.key_on_server import ServerKey, server_key
from db.translatable import QT_TRANSLATE_NOOP

MAX_REASON = 200
MAX_OFFICE = 100


def database_id(session: Session) -> str:
    identity = session.get(DatabaseIdentity, 1)
    if identity is None:  # migration 0005 makes it, triggers keep it
        raise SigningKeyRefused(QT_TRANSLATE_NOOP(
            "db", "This database file has lost its identity, so it cannot sign; nothing was "
                  "signed. Restore a backup."), field="key")
    return identity.database_id


def current_key(session: Session) -> SigningKey | None:
    """The registered key this database signs with now (retired keys only verify)."""
    return session.exec(select(SigningKey).where(SigningKey.own.is_(True),
                                                 SigningKey.retired_at.is_(None))).first()


def key_values(row: SigningKey) -> dict[str, object]:
    """What the trail records of a key (its id is the digest of its public key)."""
    return {"key_id": row.key_id, "office": row.office,
            "own": row.own, "database_id": row.database_id, "added_by": row.added_by,
            "retired_at": row.retired_at, "retired_by": row.retired_by,
            "retired_reason": row.retired_reason}


def _register(session: Session, actor: Actor | None, key: OfficeKey, now: datetime,
              action: str = "key.register") -> None:
    if session.get(SigningKey, key.key_id) is not None:
        raise SigningKeyRefused(QT_TRANSLATE_NOOP(
            "db", "The signing key {key_id} is already on this database as a retired or another "
                  "office's key, and cannot become its key again; nothing was signed."),
            field="key", key_id=key.key_id)
    row = SigningKey(key_id=key.key_id, public_key=key.public_raw, office=key.office, own=True,
                     database_id=key.database_id, added_by=actor.staff_id if actor else None,
                     added_at=now)
    session.add(row)
    session.flush()
    record(session, actor, Change(action, "signing_key", key.key_id, None, key_values(row)))


def _refuse_other(key_id: str) -> SigningKeyRefused:
    return SigningKeyRefused(QT_TRANSLATE_NOOP(
        "db", "The signing key {key_id} is not this database's key: a database signs only with "
              "the key made for it. Nothing was signed."), field="key", key_id=key_id)


def _from_file(this: str, registered: SigningKey, folder: Path | None) -> OfficeKey:
    key = signing.database_key(this, folder)
    if key is None or key.public_raw != registered.public_key:
        staged = signing.staged_key(this, folder)
        if staged is not None and staged.public_raw == registered.public_key:
            signing.install_replacement(this, folder)  # a replacement cut short: finish it
        key = signing.database_key(this, folder, fresh=True)
    if key is None:
        raise SigningKeyRefused(QT_TRANSLATE_NOOP(
            "db", "This database's signing key ({key_id}) is missing from {folder}; nothing was "
                  "signed. An administrator can replace the key; certificates already issued "
                  "stay valid."), field="key", key_id=registered.key_id,
            folder=str(signing.key_folder(folder)))
    if key.public_raw != registered.public_key:
        raise _refuse_other(key.key_id)
    return key


def office_name(office: str) -> str:
    """The office's name as typed, trimmed; ValidationError when empty or too long."""
    office = office.strip() if isinstance(office, str) else ""
    if not office:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "db", "Name the office that signs this database's certificates."), field="office")
    if len(office) > MAX_OFFICE:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."), field="office",
                              max=MAX_OFFICE)
    return office


def own_key(session: Session, *, actor: Actor | None = None,
            key: OfficeKey | ServerKey | None = None, folder: Path | None = None,
            office: str | None = None) -> OfficeKey | ServerKey:
    """The key to sign with, in the caller's write transaction (see the module's text);
    `office`: the holder's name when the key is made now (else the computer's name). On a
    server, the office's key kept by the server (db/services/key_on_server.py)."""
    if is_server(session):
        found = server_key(session, actor=actor, office=office)
        if key is not None and key.key_id != found.key_id:
            raise _refuse_other(key.key_id)
        return found
    this = database_id(session)
    registered = current_key(session)
    if key is not None:
        if key.database_id != this or (registered is not None
                                       and registered.public_key != key.public_raw):
            raise _refuse_other(key.key_id)
    elif registered is not None:
        return _from_file(this, registered, folder)
    else:
        key = signing.database_key(this, folder, create=True)
    if registered is None and office:
        key = replace(key, office=office)
    if registered is None:
        _register(session, actor, key, utc_now())
    return key


@checked
def office_key(db: Database, folder: Path | None = None) -> OfficeKey | ServerKey:
    """This database's signing key (made and registered the first time); `folder`: the data
    folder, when not the user's own (db/locations.py)."""
    with db.writing() as uow:
        key = own_key(uow.session, folder=folder)
        uow.commit()
    return key


@checked
def name_office(db: Database, *, actor: Actor, office: str) -> str:
    """Names the office that holds this database's keys (the current one and those retired:
    the same office held them); the key is made now if it was not yet. Returns the name."""
    office = office_name(office)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.KEY_NAME)
        if current_key(session) is None:
            own_key(session, actor=actor, office=office)
        for row in session.exec(select(SigningKey).where(SigningKey.own.is_(True))).all():
            if row.office != office:
                before = key_values(row)
                row.office = office
                session.flush()
                record(session, actor, Change("key.name", "signing_key", row.key_id, before,
                                              key_values(row)))
        uow.commit()
    return office


@checked
def replace_signing_key(db: Database, *, actor: Actor, reason: str) -> str:
    """Retires this database's key and makes a new one (in the data folder, db/locations.py);
    returns the new key's id."""
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "Say why the key is replaced."),
                              field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationError(QT_TRANSLATE_NOOP("db", "At most {max} characters."), field="reason",
                              max=MAX_REASON)
    with db.writing() as uow:
        session = uow.session
        actor = authorise(session, actor, Action.KEY_REPLACE)
        if is_server(session):
            new_id = server_key(session, actor=actor, reason=reason).key_id
            uow.commit()
            return new_id
        this = database_id(session)
        new = signing.stage_replacement(this)
        try:
            now = utc_now()
            old = current_key(session)
            if old is not None:
                before = key_values(old)
                old.retired_at, old.retired_by, old.retired_reason = now, actor.staff_id, reason
                session.flush()
                record(session, actor, Change("key.retire", "signing_key", old.key_id, before,
                                              key_values(old)))
            _register(session, actor, new, now, "key.replace")
            uow.commit()
        except BaseException:
            signing.discard_replacement(this)
            raise
    signing.install_replacement(this)
    return new.key_id
