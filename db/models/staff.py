"""Staff accounts and the zones each one covers."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class StaffAccount(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True)
    display_name: str
    role: str  # clerk | reviewer | admin | auditor
    password_hash: str
    failed_attempts: int = 0
    locked_until: datetime | None = None  # UTC
    active: bool = True
    version: int = 1
    created_at: datetime


class StaffZone(SQLModel, table=True):
    staff_id: int = Field(foreign_key="staffaccount.id", primary_key=True)
    zone_id: int = Field(foreign_key="zone.id", primary_key=True)


class UnknownName(SQLModel, table=True):
    """Wrong passwords given for a name that is no account (migration 0006), counted and locked
    like an account's so that the answers never tell which names exist. Kept under a digest of
    the name keyed by the database's identity, never the name (db/services/auth.py)."""

    name_digest: str = Field(primary_key=True)  # 64 hex digits
    failed_attempts: int = 0
    locked_until: datetime | None = None  # UTC
    last_failed_at: datetime
