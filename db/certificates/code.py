"""The signed code printed on a certificate as a QR code, and how it is read back.

The payload is the exact canonical bytes of what the certificate certifies: JSON with sorted
keys, no spaces, UTF-8 (serial, kind, USCC, firm name, issuer, date of issue, amount in fen,
kind-specific facts, and the id of the key that signed it). The code is

    ZD1.<payload in Base32>.<Ed25519 signature in Base32>

Base32 (RFC 4648, upper case, no padding) uses only characters of the QR code's alphanumeric
mode (5.5 bits a character, about 8.8 bits a byte) and only keys a USB scanner can type, so a
scanned code arrives as the same text on any keyboard layout; lower case typed by a scanner with
Caps Lock is accepted. Reading is strict: anything but the one canonical spelling of a payload
(re-serialised JSON, other key order, spaces, duplicate keys, extra padding bits) is refused,
before and independently of the signature check.
"""

import base64
import binascii
import json
from typing import Any

PREFIX = "ZD1"
# the longest code a version-20 QR code holds at level M in alphanumeric mode (measured with the
# QR writer, documents/qr.py; a test keeps the two together): a longer one is refused at issue
MAX_CHARACTERS = 970
FORMAT_VERSION = 1
REQUIRED = {"v": int, "key": str, "serial": str, "kind": str, "uscc": str, "firm": str,
            "issuer": str, "issued": str, "facts": dict}


class UnreadableCode(ValueError):
    """Not a Zone Desk code at all."""


class MalformedCode(ValueError):
    """Looks like a Zone Desk code but is not one this program made: altered or damaged."""


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    padded = text + "=" * (-len(text) % 8)
    try:
        data = base64.b32decode(padded)
    except (binascii.Error, ValueError) as error:
        raise MalformedCode("not Base32") from error
    if _b32(data) != text:  # stray padding bits or a non-canonical length
        raise MalformedCode("not canonical Base32")
    return data


def encode(payload: bytes, signature: bytes) -> str:
    return f"{PREFIX}.{_b32(payload)}.{_b32(signature)}"


def decode(text: str) -> tuple[bytes, bytes]:
    """(payload bytes, signature) of a scanned or pasted code."""
    cleaned = "".join(text.split()).upper()
    parts = cleaned.split(".")
    if len(parts) < 2 or parts[0] != PREFIX:
        raise UnreadableCode("not a Zone Desk code")
    if len(parts) != 3 or not parts[1] or not parts[2]:
        raise MalformedCode("wrong number of parts")
    payload, signature = _unb32(parts[1]), _unb32(parts[2])
    if len(signature) != 64:
        raise MalformedCode("an Ed25519 signature has 64 bytes")
    return payload, signature


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise MalformedCode("duplicate field")
    return dict(pairs)


def _reject_constant(name: str) -> None:
    raise MalformedCode(f"not JSON: {name}")


def parse(payload: bytes) -> dict[str, Any]:
    """The fields of a payload that is exactly in canonical form, or MalformedCode."""
    try:
        fields = json.loads(payload.decode("utf-8"), object_pairs_hook=_no_duplicates,
                            parse_constant=_reject_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise MalformedCode("not JSON") from error
    if not isinstance(fields, dict):
        raise MalformedCode("not an object")
    for name, kind in REQUIRED.items():
        if not isinstance(fields.get(name), kind) or isinstance(fields.get(name), bool):
            raise MalformedCode(f"field {name}")
    if fields["v"] != FORMAT_VERSION:
        raise MalformedCode("unknown version")
    amount = fields.get("amount")
    if amount is not None and (not isinstance(amount, int) or isinstance(amount, bool)):
        raise MalformedCode("field amount")
    if not all(isinstance(v, str) for v in fields["facts"].values()):
        raise MalformedCode("field facts")
    if canonical(fields) != payload:
        raise MalformedCode("not canonical")
    return fields
