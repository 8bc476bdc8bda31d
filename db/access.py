"""Who may do what, in which zones. Checked in db/ on every read and write.

Clerks and reviewers work in their own zones; administrators and auditors see all zones, and
auditors change nothing. The desktop hides what a role may not use, but these checks decide.
"""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import text
from sqlmodel import Session, select

from db.errors import PermissionDenied
from db.models import StaffAccount, StaffZone
from db.translatable import QT_TRANSLATE_NOOP


class Role(StrEnum):
    CLERK = "clerk"
    REVIEWER = "reviewer"
    ADMIN = "admin"
    AUDITOR = "auditor"


class Action(StrEnum):
    ENTERPRISE_READ = "enterprise.read"
    ENTERPRISE_CREATE = "enterprise.create"
    ENTERPRISE_EDIT = "enterprise.edit"
    USCC_CONFIRM = "enterprise.confirm_uscc"
    TENANCY_OPEN = "tenancy.open"
    TENANCY_CLOSE = "tenancy.close"
    TENANCY_MOVE = "tenancy.move"
    ZONE_READ = "zone.read"
    ZONE_EDIT = "zone.edit"
    STAFF_READ = "staff.read"
    STAFF_CREATE = "staff.create"
    STAFF_EDIT = "staff.edit"
    STAFF_DEACTIVATE = "staff.deactivate"
    STAFF_UNLOCK = "staff.unlock"
    STAFF_RESET_PASSWORD = "staff.reset_password"
    AUDIT_READ = "audit.read"
    MONEY_READ = "money.read"  # entries, awards, budgets, the ledger, the overview
    ENTRY_EDIT = "entry.edit"  # type bills, save drafts, record awards
    ENTRY_SUBMIT = "entry.submit"
    ENTRY_REVERSE = "entry.reverse"  # ask for the reversal of an approved entry or award
    ENTRY_DECIDE = "entry.decide"  # approve or reject (never one's own)
    POLICY_EDIT = "policy.edit"  # rates, budgets, programme limits, award amounts
    PERIOD_CLOSE = "period.close"  # close and reopen months
    CERTIFICATE_READ = "certificate.read"  # the certificates list, verification, previews
    CERTIFICATE_ISSUE = "certificate.issue"  # issue and reprint
    CERTIFICATE_REVOKE = "certificate.revoke"
    KEY_IMPORT = "key.import"  # trust another office's public key
    KEY_REPLACE = "key.replace"  # replace this database's signing key (lost or exposed)
    KEY_NAME = "key.name"  # name the office that holds this database's key
    BACKUP_MANAGE = "backup.manage"  # the backup folder, back up now, restore a backup


C, R, AD, AU = Role.CLERK, Role.REVIEWER, Role.ADMIN, Role.AUDITOR

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.ENTERPRISE_READ: frozenset({C, R, AD, AU}),
    Action.ENTERPRISE_CREATE: frozenset({C, AD}),
    Action.ENTERPRISE_EDIT: frozenset({C, AD}),
    Action.USCC_CONFIRM: frozenset({R, AD}),
    Action.TENANCY_OPEN: frozenset({C, AD}),
    Action.TENANCY_CLOSE: frozenset({C, AD}),
    Action.TENANCY_MOVE: frozenset({C, AD}),
    Action.ZONE_READ: frozenset({C, R, AD, AU}),
    Action.ZONE_EDIT: frozenset({AD}),
    Action.STAFF_READ: frozenset({AD, AU}),
    Action.STAFF_CREATE: frozenset({AD}),
    Action.STAFF_EDIT: frozenset({AD}),
    Action.STAFF_DEACTIVATE: frozenset({AD}),
    Action.STAFF_UNLOCK: frozenset({AD}),
    Action.STAFF_RESET_PASSWORD: frozenset({AD}),
    Action.AUDIT_READ: frozenset({AD, AU}),
    Action.MONEY_READ: frozenset({C, R, AD, AU}),
    Action.ENTRY_EDIT: frozenset({C, AD}),
    Action.ENTRY_SUBMIT: frozenset({C, AD}),
    Action.ENTRY_REVERSE: frozenset({C, AD}),
    Action.ENTRY_DECIDE: frozenset({R, AD}),
    Action.POLICY_EDIT: frozenset({AD}),
    Action.PERIOD_CLOSE: frozenset({AD}),
    Action.CERTIFICATE_READ: frozenset({C, R, AD, AU}),
    Action.CERTIFICATE_ISSUE: frozenset({C, AD}),
    Action.CERTIFICATE_REVOKE: frozenset({R, AD}),
    Action.KEY_IMPORT: frozenset({AD}),
    Action.KEY_REPLACE: frozenset({AD}),
    Action.KEY_NAME: frozenset({AD}),
    Action.BACKUP_MANAGE: frozenset({AD}),
}

ZONE_SCOPED = frozenset({C, R})


@dataclass(frozen=True)
class Actor:
    """The signed-in person, as db/ knows them. Services reload it from the file (`current`)."""

    staff_id: int
    username: str
    display_name: str
    role: Role
    zone_ids: frozenset[int]

    @property
    def all_zones(self) -> bool:
        return self.role not in ZONE_SCOPED

    def may(self, action: Action) -> bool:
        return self.role in PERMISSIONS[action]

    def covers(self, zone_id: int) -> bool:
        return self.all_zones or zone_id in self.zone_ids


def load_actor(session: Session, staff_id: int) -> Actor | None:
    # the columns named: on a server no staff role may read password_hash (migration 0014)
    staff = session.exec(select(StaffAccount.id, StaffAccount.username, StaffAccount.display_name,
                                StaffAccount.role, StaffAccount.active)
                         .where(StaffAccount.id == staff_id)).first()
    if staff is None or not staff.active:
        return None
    zones = session.exec(select(StaffZone.zone_id).where(StaffZone.staff_id == staff_id)).all()
    return Actor(staff.id, staff.username, staff.display_name, Role(staff.role), frozenset(zones))


def act_as(session: Session, actor: Actor) -> None:
    """On a server, the rest of the action's transaction runs as the person's own role, so that
    row-level security (migration 0014) scopes it by `current_user` whoever the connection
    logged in as (a person connects as themselves; a script or a test may connect as a
    superuser). Nothing on SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return
    from db.server.roles import quoted

    session.execute(text(f"SET LOCAL ROLE {quoted(actor.username)}"))


def current(session: Session, actor: Actor) -> Actor:
    """The actor as the file says now: a deactivated account or a changed role takes effect at
    the next action, not at the next log-in."""
    act_as(session, actor)
    fresh = load_actor(session, actor.staff_id)
    if fresh is None:
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "db", "Your account has been deactivated. Ask an administrator."))
    return fresh


def require(actor: Actor, action: Action, zone_id: int | None = None) -> None:
    if not actor.may(action):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("db", "Your role ({role}) may not do this ({action})."),
            role=actor.role.value, action=action.value)
    if zone_id is not None and not actor.covers(zone_id):
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "db", "This belongs to a zone you do not cover."))


def authorise(session: Session, actor: Actor, action: Action, zone_id: int | None = None) -> Actor:
    """Reloads the actor and checks role and zone in one step; returns the fresh actor."""
    fresh = current(session, actor)
    require(fresh, action, zone_id)
    return fresh
