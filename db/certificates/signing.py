"""A database's signing key: an Ed25519 key pair made for one database (one office), kept in the
user's data folder as `keys/signing-key-<database id>.pem`. The file names the database it was
made for, inside as well as in its name, and a key is read only for that database; the public key
is registered in the database (db/services/own_key.py), which signs with no other.

Who can read the private key: on Linux and macOS the `keys` folder is made 0700 and the file
0600 before the key is written, and a file that another user owns or could read is refused (it
may have been copied: an administrator replaces the key). On Windows the modes mean nothing: the
data folder lies in the user's profile (%LOCALAPPDATA%\\ZoneDesk), whose ACL lets in the user,
SYSTEM and the computer's administrators only, and the key file inherits that ACL. That is not
tested here (the tests run on Linux).
"""

import hashlib
import os
import socket
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from db.errors import ZoneDeskError
from db.locations import data_dir
from db.translatable import QT_TRANSLATE_NOOP

KEYS_FOLDER = "keys"
HEADER = "Zone Desk signing key of database {database_id}\n"
POSIX = os.name == "posix"
_lock = threading.Lock()
_cache: dict[Path, "OfficeKey"] = {}


class SigningKeyRefused(ZoneDeskError):
    """This database cannot sign with the key at hand (missing, exposed, another database's);
    nothing was signed."""


def key_id_of(public_raw: bytes) -> str:
    """16 hex digits of SHA-256 of the raw public key: short enough to print, long enough that
    two keys never share it by chance."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def verify_signature(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class OfficeKey:
    private: Ed25519PrivateKey
    public_raw: bytes
    key_id: str
    office: str  # how the key is named when registered or exported (the computer's name)
    database_id: str = ""  # the database it was made for, the only one that signs with it

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def key_folder(folder: Path | None = None) -> Path:
    return (folder or data_dir()).resolve() / KEYS_FOLDER


def key_path(database_id: str, folder: Path | None = None) -> Path:
    return key_folder(folder) / f"signing-key-{database_id}.pem"


def staged_path(database_id: str, folder: Path | None = None) -> Path:
    """Where a replacement waits until the database has registered it."""
    return key_path(database_id, folder).with_suffix(".pem.new")


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if POSIX:
        if folder.stat().st_uid != os.getuid():
            raise SigningKeyRefused(QT_TRANSLATE_NOOP(
                "db", "The folder of the signing keys ({path}) belongs to another user of this "
                      "computer; nothing was signed."), field="key", path=str(folder))
        os.chmod(folder, 0o700)  # the folder is the program's own: others get nothing


def _refuse_exposed(path: Path) -> None:
    if not POSIX:
        return  # the profile's ACL protects it (see above)
    status = path.stat()
    if status.st_uid != os.getuid() or status.st_mode & 0o077:
        raise SigningKeyRefused(QT_TRANSLATE_NOOP(
            "db", "The signing key file {path} could be read by other users of this computer, "
                  "so it may have been copied; nothing was signed. An administrator should "
                  "replace this database's key."), field="key", path=str(path))


def _pem(database_id: str) -> bytes:
    private = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    return HEADER.format(database_id=database_id).encode("ascii") + private


def _write_private(folder: Path, data: bytes) -> str:
    """A new file holding `data`, readable by its owner only from its first byte on."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".signing-key-")  # made 0600
    try:
        os.write(handle, data)
        os.fsync(handle)
    finally:
        os.close(handle)
    return temporary


def _create(path: Path, database_id: str) -> None:
    """Writes a new key to `path` unless one is there: written to a temporary file and linked
    into place, so two programs starting at once end up with the same single key."""
    temporary = _write_private(path.parent, _pem(database_id))
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another program made it first: use theirs
    finally:
        os.unlink(temporary)


def _read(path: Path, database_id: str) -> OfficeKey:
    _refuse_exposed(path)
    data = path.read_bytes()
    if not data.startswith(HEADER.format(database_id=database_id).encode("ascii")):
        raise SigningKeyRefused(QT_TRANSLATE_NOOP(
            "db", "The signing key file {path} was made for another database; nothing was "
                  "signed."), field="key", path=str(path))
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except ValueError:
        private = None
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningKeyRefused(QT_TRANSLATE_NOOP(
            "db", "The signing key file {path} is damaged; nothing was signed. An administrator "
                  "can replace this database's key."), field="key", path=str(path))
    raw = private.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
    return OfficeKey(private, raw, key_id_of(raw), socket.gethostname() or "this computer",
                     database_id)


def database_key(database_id: str, folder: Path | None = None, *, create: bool = False,
                 fresh: bool = False) -> OfficeKey | None:
    """The key made for `database_id`, read from its file; made first when there is none and
    `create` says so; None when there is none. `fresh`: read the file again (another program
    may have replaced it)."""
    path = key_path(database_id, folder)
    with _lock:
        if not fresh and path in _cache:
            return _cache[path]
        _private_folder(path.parent)
        if not path.exists():
            if not create:
                return None
            _create(path, database_id)
        key = _cache[path] = _read(path, database_id)
        return key


def stage_replacement(database_id: str, folder: Path | None = None) -> OfficeKey:
    """A new key for `database_id`, written beside the current one; `install_replacement` puts
    it in place once the database has registered it."""
    staged = staged_path(database_id, folder)
    _private_folder(staged.parent)
    temporary = _write_private(staged.parent, _pem(database_id))
    os.replace(temporary, staged)
    return _read(staged, database_id)


def staged_key(database_id: str, folder: Path | None = None) -> OfficeKey | None:
    """The replacement waiting beside the current key, if a replacement was cut short."""
    staged = staged_path(database_id, folder)
    return _read(staged, database_id) if staged.exists() else None


def install_replacement(database_id: str, folder: Path | None = None) -> None:
    """The staged key becomes the database's key; the old private key is gone with it."""
    path = key_path(database_id, folder)
    with _lock:
        os.replace(staged_path(database_id, folder), path)
        _cache.pop(path, None)


def discard_replacement(database_id: str, folder: Path | None = None) -> None:
    staged_path(database_id, folder).unlink(missing_ok=True)
