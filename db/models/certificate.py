"""Certificates as issued, what a subsidy confirmation covers, and the trusted public keys
(migration 0004); the database's identity its own key is bound to (migration 0005). Issued
certificates are fixed by triggers: only the print count grows and the status goes once from
valid to revoked."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class DatabaseIdentity(SQLModel, table=True):
    """This file's identity (migration 0005): one row, never changed. Its signing key is made
    for it and named after it (db/certificates/signing.py)."""

    one: int = Field(default=1, primary_key=True)
    database_id: str  # 32 hex digits, random
    created_at: datetime


class SigningKey(SQLModel, table=True):
    key_id: str = Field(primary_key=True)  # 16 hex digits of SHA-256(public key)
    public_key: bytes  # Ed25519, 32 raw bytes
    office: str  # who holds the private key
    own: bool = False  # this database's key: what it signed is valid only if issued here
    added_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    added_at: datetime
    database_id: str | None = None  # the database an own key was made for (none before 0005)
    # an own key replaced by an administrator (or the shared key of older versions): it signs
    # no more, and still verifies what it signed; at most one own key is not retired
    retired_at: datetime | None = None
    retired_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    retired_reason: str = ""


class Certificate(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    serial: str = Field(unique=True)  # Z07-2026-000123
    zone_id: int = Field(foreign_key="zone.id")
    year: int
    seq: int
    kind: str  # tenancy | subsidy | little_giant | loan_guarantee
    enterprise_id: int = Field(foreign_key="enterprise.id")
    amount_fen: int | None = None
    period_from: str = ""
    period_to: str = ""
    award_id: int | None = Field(default=None, foreign_key="award.id")
    tenancy_id: int | None = Field(default=None, foreign_key="tenancy.id")
    payload: bytes  # the exact signed bytes (db/certificates/code.py)
    signature: bytes
    key_id: str = Field(foreign_key="signingkey.key_id")
    content: str  # PrintedCertificate.to_json(): what was printed
    issued_by: int = Field(foreign_key="staffaccount.id")
    issued_at: datetime
    batch: str | None = None  # 32 hex digits shared by one issue's certificates (0008)
    status: str = "valid"  # valid | revoked
    revoked_reason: str = ""
    revoked_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    revoked_at: datetime | None = None
    print_count: int = 1
    version: int = 1


class CertificateCover(SQLModel, table=True):
    certificate_id: int = Field(foreign_key="certificate.id", primary_key=True)
    entry_id: int = Field(foreign_key="subsidyentry.id", primary_key=True)
