"""Certificates as issued, what a subsidy confirmation covers, and the trusted public keys
(migration 0004). Issued certificates are fixed by triggers: only the print count grows and the
status goes once from valid to revoked."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class SigningKey(SQLModel, table=True):
    key_id: str = Field(primary_key=True)  # 16 hex digits of SHA-256(public key)
    public_key: bytes  # Ed25519, 32 raw bytes
    office: str  # who holds the private key
    own: bool = False  # made by an installation working on this file
    added_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    added_at: datetime


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
    status: str = "valid"  # valid | revoked
    revoked_reason: str = ""
    revoked_by: int | None = Field(default=None, foreign_key="staffaccount.id")
    revoked_at: datetime | None = None
    print_count: int = 1
    version: int = 1


class CertificateCover(SQLModel, table=True):
    certificate_id: int = Field(foreign_key="certificate.id", primary_key=True)
    entry_id: int = Field(foreign_key="subsidyentry.id", primary_key=True)
