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
