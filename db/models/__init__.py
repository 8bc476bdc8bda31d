"""The tables of Zone Desk. Schema changes are made by Alembic migrations (db/migrations)."""

from db.models.audit import AuditEvent, AuditHead
from db.models.certificate import Certificate, CertificateCover, DatabaseIdentity, SigningKey
from db.models.enterprise import Enterprise, EnterpriseFields, Tenancy
from db.models.money import (
    Award,
    AwardRate,
    Budget,
    ClosedPeriod,
    PolicyRate,
    ProgrammeSetting,
    SubsidyEntry,
)
from db.models.office import OfficeSetting
from db.models.reference import Cluster, District, Sector, Zone, ZoneFields
from db.models.staff import StaffAccount, StaffZone, UnknownName

__all__ = [
    "Award",
    "Certificate",
    "CertificateCover",
    "DatabaseIdentity",
    "SigningKey",
    "AwardRate",
    "Budget",
    "ClosedPeriod",
    "PolicyRate",
    "ProgrammeSetting",
    "SubsidyEntry",
    "AuditEvent",
    "AuditHead",
    "Cluster",
    "District",
    "Enterprise",
    "OfficeSetting",
    "EnterpriseFields",
    "Sector",
    "StaffAccount",
    "StaffZone",
    "Tenancy",
    "UnknownName",
    "Zone",
    "ZoneFields",
]
