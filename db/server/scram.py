"""A password's SCRAM-SHA-256 verifier, made on the PC (RFC 5802, RFC 7677), as PostgreSQL
itself stores it: `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64).

The program sends the server this verifier, never the password, so that no password is ever in
a statement the server may log (its statement log, pg_stat_statements). The server checks a
log-in against it exactly as against a password set with ALTER ROLE … PASSWORD.

The password is prepared with SASLprep (RFC 4013) first, as libpq and the server do
(src/common/saslprep.c); one that SASLprep refuses is used as its raw UTF-8 bytes, as they do.
"""

import base64
import hashlib
import hmac
import os
import re
import stringprep
import unicodedata

ITERATIONS = 4096  # PostgreSQL's own default (scram_iterations)
SALT_BYTES = 16  # as PostgreSQL makes them
_B64 = r"[A-Za-z0-9+/]+={0,2}"
PATTERN = re.compile(rf"^SCRAM-SHA-256\$[1-9][0-9]{{0,9}}:{_B64}\${_B64}:{_B64}$")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _prohibited(char: str) -> bool:
    return (stringprep.in_table_c12(char) or stringprep.in_table_c21_c22(char)
            or stringprep.in_table_c3(char) or stringprep.in_table_c4(char)
            or stringprep.in_table_c5(char) or stringprep.in_table_c6(char)
            or stringprep.in_table_c7(char) or stringprep.in_table_c8(char)
            or stringprep.in_table_c9(char) or stringprep.in_table_a1(char))


def saslprep(password: str) -> bytes:
    """The bytes hashed for `password`: SASLprep's, or the raw UTF-8 when SASLprep refuses it
    (a prohibited or unassigned character, mixed directions), as PostgreSQL does."""
    raw = password.encode("utf-8")
    if password.isascii():
        # libpq passes pure ASCII through unchanged (control characters included)
        return raw
    mapped = "".join(" " if stringprep.in_table_c12(c) else c for c in password
                     if not stringprep.in_table_b1(c))
    prepared = unicodedata.normalize("NFKC", mapped)
    if not prepared or any(_prohibited(c) for c in prepared):
        return raw
    if any(stringprep.in_table_d1(c) for c in prepared):
        if (any(stringprep.in_table_d2(c) for c in prepared)
                or not (stringprep.in_table_d1(prepared[0]) and stringprep.in_table_d1(prepared[-1]))):
            return raw
    return prepared.encode("utf-8")


def verifier(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """The verifier the server stores for `password` (a fresh random salt unless one is given)."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"


def is_verifier(text: str) -> bool:
    return bool(PATTERN.match(text))
