"""The installation's signing key: an Ed25519 key pair made on first use and kept in the data
folder (`signing-key.pem`, readable by its owner only). Certificates are signed with it; its
public key is registered in the database file so that every program on the file verifies them,
and can be exported for other offices (db/services/keys.py).
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

from db.locations import data_dir

KEY_FILE = "signing-key.pem"
_lock = threading.Lock()
_cache: dict[Path, "InstallationKey"] = {}


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
class InstallationKey:
    private: Ed25519PrivateKey
    public_raw: bytes
    key_id: str
    office: str  # how the key is named when registered or exported (the computer's name)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def _raw(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)


def _create(path: Path) -> None:
    """Writes a new key to `path` unless one is there: written to a temporary file and linked
    into place, so two programs starting at once end up with the same single key."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".signing-key-")
    try:
        os.write(handle, pem)
        os.fsync(handle)
        os.close(handle)
        os.chmod(temporary, 0o600)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another program made it first: use theirs
    finally:
        os.unlink(temporary)


def installation_key(folder: Path | None = None) -> InstallationKey:
    """The key of this installation (made on first use), kept in `folder` (the data folder)."""
    folder = (folder or data_dir()).resolve()
    with _lock:
        if folder in _cache:
            return _cache[folder]
        path = folder / KEY_FILE
        if not path.exists():
            _create(path)
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 key")
        raw = _raw(private)
        key = InstallationKey(private, raw, key_id_of(raw), socket.gethostname() or "this computer")
        _cache[folder] = key
        return key
