"""The words of the staff's user guide, in Simplified Chinese and English: one section a task,
each with a few sentences and one screenshot (made by scripts/user_guide.py, named <key>.png).
The names of buttons and panes are the program's own, as its translation shows them."""

from html import escape

# (key, {language: (title, paragraphs)}), in the order of a working day
SECTIONS = (
    ("login", {
        "zh_CN": ("首次登录", (
            "第一次在新电脑上打开园区服务台时，程序会新建数据库，并请您创建第一个管理员账号："
            "填写用户名、姓名、两次密码和“证明签发单位”，然后点击“创建并登录”。",
            "以后每次打开程序都会显示登录窗口：输入管理员为您开设的用户名和密码，按回车登录。"
            "连续多次输错密码，账号会被暂时锁定；离开电脑一段时间后程序会自动锁屏，"
            "需要重新输入密码。",
        )),
        "en": ("First log-in", (
            "The first time Zone Desk opens on a new PC it makes a new database and asks for its "
            "first administrator: a user name, a full name, the password twice and the office "
            "that signs certificates, then “Create and log in”.",
            "From then on it opens on the log-in window: type the user name and password your "
            "administrator gave you and press Enter. Too many wrong passwords lock the account "
            "for a while; away from the PC, the program locks itself and asks for your password.",
        )),
    }),
    ("firm", {
        "zh_CN": ("登记企业", (
            "在左侧“企业”页点击“新增企业…”（或按 Ctrl+N）。统一社会信用代码边输入边检查，"
            "格式不对会立即标红；企业规模按从业人员和营业收入自动判定。",
            "新企业还要填写所在园区和首次入驻信息：房号、面积和入驻日期。按回车保存，"
            "保存后企业即出现在列表中；在搜索框输入名称、拼音首字母或信用代码的一部分即可找到它。",
        )),
        "en": ("Registering a firm", (
            "In the Enterprises pane click “New firm…” (or press Ctrl+N). The credit code (USCC) "
            "is checked as you type and turns red at once when it is malformed; the size class "
            "follows from the employees and the revenue.",
            "A new firm also needs its zone and first tenancy: the unit, the floor area and the "
            "date it moved in. Enter saves; the firm then shows in the list, found by typing part "
            "of its name, its pinyin initials or its credit code.",
        )),
    }),
    ("bill_sheet", {
        "zh_CN": ("月度账单", (
            "“月度账单”是办事员每天的主要工作：先选园区和月份，表中每行是一家入驻企业，"
            "每列是一类费用（土地、电费、水费、网络）。输入账单金额后，补贴金额立即算出。",
            "按 Ctrl+S “保存草稿”，核对无误后按 Ctrl+Enter “提交审核”（选中几行只提交这几行）。"
            "水电公司的 Excel、WPS 或 CSV 账单可用“导入账单…”一次读入。已结账的月份只能查看，不能修改。",
        )),
        "en": ("The monthly bill sheet", (
            "The bill sheet is a clerk's daily work: choose the zone and the month; each row is a "
            "tenant firm, each column a kind of bill (land, electricity, water, Internet). Type a "
            "bill and its subsidy is worked out at once.",
            "Ctrl+S saves the drafts; when they are right, Ctrl+Enter submits them for review (only "
            "the selected rows, if you selected some). “Import bills…” reads the utilities' Excel, "
            "WPS or CSV file in one go. A closed month can be read but not changed.",
        )),
    }),
    ("approvals", {
        "zh_CN": ("审核", (
            "审核员在“审核”页看到本园区待审核的补贴和奖励，可按园区、事项和文字筛选；"
            "右侧显示各园区各类别剩余的预算，所选金额超出预算时标红。",
            "选中后按 Ctrl+Enter 审核通过（程序会先报出笔数和合计金额请您确认），"
            "按 Ctrl+Delete 退回并填写理由。不能审核自己录入的事项。审核通过的金额不再修改，"
            "如有差错，以冲销加新录入的方式更正。",
        )),
        "en": ("Approving", (
            "A reviewer's Approvals pane lists what was submitted in their zones, filtered by zone, "
            "item and text; beside it, the budget left for each zone and category, red where the "
            "selection would exceed it.",
            "Select rows and press Ctrl+Enter to approve (the program first names the count and "
            "the total), or Ctrl+Delete to reject with a reason. Nobody approves their own "
            "entries. Approved money is never edited: a mistake is corrected by a reversal and a "
            "new entry.",
        )),
    }),
    ("certificates", {
        "zh_CN": ("证明书", (
            "在“证明书”页点击“签发…”：选择证明种类、园区和月份，程序列出可以出证的企业，"
            "勾选后点击“签发 N 份证明”。签发后即显示证明预览，可直接打印或另存为 PDF。",
            "每份证明有唯一编号（如 Z01-2026-000123）和带数字签名的二维码。"
            "“补打”会打印同一编号的副本并计数；审核员可填写理由将证明“作废”。",
        )),
        "en": ("Certificates", (
            "In the Certificates pane click “Issue…”: choose the kind, the zone and the months; "
            "the firms that may be certified are listed; tick them and click “Issue N "
            "certificates”. The certificate is then previewed, ready to print or save as PDF.",
            "Each certificate has its own serial (such as Z01-2026-000123) and a signed QR code. "
            "“Reprint” prints a copy with the same serial, counted; a reviewer may “Revoke…” a "
            "certificate, giving the reason.",
        )),
    }),
    ("verification", {
        "zh_CN": ("核验证明", (
            "有人拿来一份证明时，在“核验”页用扫码枪扫描证明上的二维码，或输入证明编号，再按回车。",
            "程序显示核验结论：有效、已作废（附作废理由），或“内容被改动或签名不符”。"
            "同时显示证明所载的企业和金额，请与纸面逐项核对。",
        )),
        "en": ("Verifying a certificate", (
            "When someone shows a certificate, open the Verification pane, scan its QR code with "
            "the scanner or type its serial, and press Enter.",
            "The verdict shows: valid, revoked (with the reason), or content altered. The firm and "
            "the amount the certificate states are shown too: compare them with the paper.",
        )),
    }),
    ("reports", {
        "zh_CN": ("报表", (
            "在“报表”页选择园区报表、全市报表或企业对账单，再选月、季度或年度。",
            "“预览 PDF…”按公文格式生成报表，可在预览中打印或保存；“保存 XLSX…”另存为 Excel 工作簿，"
            "便于进一步汇总。",
        )),
        "en": ("Reports", (
            "In the Reports pane choose a zone report, the city report or a firm's statement, then "
            "a month, a quarter or a year.",
            "“Preview PDF…” makes the report on official-document pages, to print or save from the "
            "preview; “Save XLSX…” saves it as an Excel workbook for further sums.",
        )),
    }),
    ("backups", {
        "zh_CN": ("备份", (
            "程序每天第一次启动时、退出前（如有改动）以及升级数据库之前都会自动备份，"
            "旧备份按规则自动清理。",
            "管理员可在“文件”菜单中“立即备份…”到指定文件夹（例如 U 盘），"
            "或“恢复备份…”：程序先检查备份文件完整无误，再为当前数据库另做一份安全备份，"
            "然后恢复并重新登录。“备份文件夹…”可更改自动备份的位置。",
        )),
        "en": ("Backups", (
            "The program backs up by itself: at the first start of each day, on quitting when "
            "anything changed, and before the database is upgraded; old backups are cleared "
            "in turn.",
            "An administrator can “Back up now…” into a folder of their choice (a USB stick, "
            "say) or “Restore…” a backup from the File menu: the backup is checked first, a safety "
            "backup of the database as it is now is made, then it is restored and you log in "
            "again. “Backup folder…” changes where the automatic backups go.",
        )),
    }),
)

HEADINGS = {
    "zh_CN": ("园区服务台 用户指南", "本指南介绍办事员、审核员和管理员的日常操作。截图来自演示数据库。",
              "目录"),
    "en": ("Zone Desk user guide", "This guide shows the daily work of clerks, reviewers and "
           "administrators. The screenshots come from the demo database.", "Contents"),
}


def page(language: str, widths: dict[str, int]) -> str:
    """The guide's index.html in `language`; `widths`: each screenshot's width in pixels."""
    title, intro, contents = HEADINGS[language]
    parts = [f'<html lang="{language}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
             "</head><body>", f"<h1>{escape(title)}</h1>", f"<p>{escape(intro)}</p>",
             f"<h3>{escape(contents)}</h3><ol>"]
    parts += [f'<li><a href="#{key}">{escape(texts[language][0])}</a></li>'
              for key, texts in SECTIONS]
    parts.append("</ol>")
    for number, (key, texts) in enumerate(SECTIONS, 1):
        heading, paragraphs = texts[language]
        parts.append(f'<h2 id="{key}"><a name="{key}"></a>{number}. {escape(heading)}</h2>')
        parts += [f"<p>{escape(text)}</p>" for text in paragraphs]
        parts.append(f'<p><img src="{key}.png" width="{widths[key]}" alt="{escape(heading)}"></p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
