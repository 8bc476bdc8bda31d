"""Password hashing with argon2id.

OWASP's minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane. Tests make it cheap with
`use_cheap_hashing()`; stored hashes made with other parameters are re-hashed at the next log-in.
Nothing is hashed at import (the program's start waits for its imports): the hash an unknown
user name is checked against is made once, by `prepare()` while the log-in window waits for the
person, or at the first log-in.
"""

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# verified against when the user name is unknown, so that it costs as long as a wrong password
_dummy_hash: str | None = None

MIN_LENGTH = 8


def use_cheap_hashing() -> None:
    """For tests only: argon2id with the smallest cost."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    _dummy_hash = None


def prepare() -> str:
    """The hash an unknown user name is checked against, made with the hasher in use."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("unknown user")
    return _dummy_hash


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or prepare(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def seal(password_hash: str) -> str:
    """What the audit trail records of a password hash: its SHA-256, so that a hash replaced
    behind the program's back is found by verify-audit (db/reconcile.py). It tells nothing of
    the password: the hash's salt, needed to try a guess, is not in it."""
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()
