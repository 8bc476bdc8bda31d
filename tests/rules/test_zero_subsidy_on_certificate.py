"""A subsidy of 0.00 on a subsidy confirmation says why in the table's note (issue 16): the
yearly cap reached, a rate of 0 %, or a share under one fen — read back from the real PDF; a
note under the table names the cap that was reached."""

import json
import subprocess
from datetime import date

from db.certificates.content import PrintedCertificate
from db.services import approvals, policy, subsidies
from db.services.certificates import issue_many
from db.services.subsidies import Bill
from documents.certificate_pdf import render_certificates
from documents.certificate_texts import table_notes, table_rows
from tests.certificate_data import subsidy_request
from tests.ledger_data import RATE_BP, YEAR, make_book


def test_a_zero_subsidy_says_why_on_the_certificate(db, people, tmp_path):
    book = make_book(db, people)
    admin, clerk, reviewer = people.admin, people.clerk, people.reviewer
    june = date(YEAR, 6, 1)
    # land: a cap of one yuan for the rest of the year, already spent in March
    policy.set_policy_rate(db, actor=admin, category="land", valid_from=june, rate_bp=RATE_BP,
                           yearly_cap_fen=100)
    policy.set_policy_rate(db, actor=admin, category="water", valid_from=june, rate_bp=0,
                           yearly_cap_fen=5_000_000)
    ids = subsidies.save_bills(db, actor=clerk, zone_id=1, period=f"{YEAR}-06", bills=[
        Bill(book.firm_a, "land", 800_000, 0, "L-06"), Bill(book.firm_a, "water", 50_000, 0, "W-06"),
        Bill(book.firm_a, "internet", 3, 0, "N-06")])  # 15 % of three fen: no whole fen
    subsidies.submit_entries(db, actor=clerk, entry_ids=ids)
    approvals.approve(db, actor=reviewer, entry_ids=ids)

    [issued] = issue_many(db, actor=clerk, requests=[subsidy_request(book)])
    notes = {(row[1], row[2]): (row[4], row[5]) for row in table_rows(issued.printed)[1:-1]}
    assert notes[("2026年6月", "土地")] == ("0.00", "已达年度上限")
    assert notes[("2026年6月", "水费")] == ("0.00", "补贴比例为零")
    assert notes[("2026年6月", "网络")] == ("0.00", "不足一分")
    assert all(note == "" for (month, _), (_, note) in notes.items() if month != "2026年6月"
               and note != "冲正")

    pdf = tmp_path / "confirmation.pdf"
    pdf.write_bytes(render_certificates([issued.printed]))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True, text=True).stdout
    for note in ("已达年度上限", "补贴比例为零", "不足一分"):
        assert note in text
    # the note column is narrow: the cap it reached is named under the table, once
    assert "".join(text.split()).count("注：标“已达年度上限”的账单，该企业2026年土地补贴已达年度上限¥1.00。") == 1
    assert [line.cap_fen for line in issued.printed.lines if line.shortfall == "cap_reached"] == [100]
    assert all(line.cap_fen is None for line in issued.printed.lines if line.shortfall != "cap_reached")
    assert table_notes(issued.printed, "en") == [
        "Note: on the bills marked \"yearly cap reached\", the firm had reached its 2026 yearly cap "
        "for Land subsidies, ¥1.00."]
    # kept with the certificate, read back for a reprint
    stored = PrintedCertificate.from_json(issued.printed.to_json())
    assert stored == issued.printed and table_notes(stored) == table_notes(issued.printed)


def test_a_certificate_stored_before_the_cap_was_kept_still_prints_as_it_did(db, people):
    book = make_book(db, people)
    [issued] = issue_many(db, actor=people.clerk, requests=[subsidy_request(book)])
    values = json.loads(issued.printed.to_json())
    assert all("cap_fen" not in line for line in values["lines"])  # stored as before
    values["lines"][0]["shortfall"] = "cap_reached"  # an older certificate's capped line
    older = PrintedCertificate.from_json(json.dumps(values))
    assert older.lines[0].cap_fen is None and table_notes(older) == []
