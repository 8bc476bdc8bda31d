"""A first pass through the services, end to end on a real file."""

from datetime import date

from db import audit
from db.services import enterprises
from tests.conftest import firm_fields


def test_register_edit_and_audit(db, people, db_path):
    firm = enterprises.register_enterprise(
        db, actor=people.clerk, fields=firm_fields(), zone_id=1,
        tenancy=enterprises.FirstTenancy("A栋101", 12050, date(2025, 1, 1)))
    version = enterprises.update_enterprise(db, actor=people.clerk, enterprise_id=firm,
                                            expected_version=1, fields=firm_fields(employees=120))
    assert version == 2
    check = audit.verify(db_path)
    assert check.ok, check
