<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Zone Desk</source>
        <translation>关于园区服务台</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可协议</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>字体</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>第三方库</translation>
    </message>
    <message>
        <source>GNU LGPL</source>
        <translation>GNU LGPL 许可证</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the version, build and folders, for a support call</source>
        <translation>复制版本、构建号和文件夹位置，供技术支持使用</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>构建号</translation>
    </message>
    <message>
        <source>Database server</source>
        <translation>数据库服务器</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>Zone Desk</source>
        <translation>园区服务台</translation>
    </message>
    <message>
        <source>The service-centre program of Shanghai&apos;s SME industrial zones.</source>
        <translation>上海市中小企业园区服务中心业务系统。</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <source>Needed by</source>
        <translation>引入方</translation>
    </message>
    <message>
        <source>Qt and PySide6 are used under the GNU Lesser General Public License, version 3 (LGPL-3.0): its text, and that of the GNU GPL it builds on, are on the tab GNU LGPL.</source>
        <translation>Qt 和 PySide6 依照 GNU 宽通用公共许可证第 3 版（LGPL-3.0）使用：该许可证及其所依据的 GNU GPL 全文见“GNU LGPL 许可证”页。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>&amp;About Zone Desk…</source>
        <translation>关于园区服务台(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>AccountMenu</name>
    <message>
        <source>Lock when idle</source>
        <translation>空闲自动锁定</translation>
    </message>
    <message>
        <source>Lock the window after this many minutes without use (0: never):</source>
        <translation>无操作多少分钟后锁定窗口（0 表示从不）：</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Lock when &amp;idle…</source>
        <translation>空闲自动锁定(&amp;I)…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
</context>
<context>
    <name>ApprovalQueueModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Bill or loan</source>
        <translation>账单或贷款</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>You entered this</source>
        <translation>由您录入</translation>
    </message>
    <message>
        <source>Reverses #{id}: {reason}</source>
        <translation>冲销 #{id}：{reason}</translation>
    </message>
    <message>
        <source>You entered this: another reviewer must decide it.</source>
        <translation>由您录入：须由其他审核员审核。</translation>
    </message>
</context>
<context>
    <name>ApprovalsPane</name>
    <message>
        <source>Approvals</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Filter by firm, zone, month or who entered it (Ctrl+F)</source>
        <translation>按企业、园区、月份或录入人筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>All my zones</source>
        <translation>我负责的全部园区</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>Select all shown</source>
        <translation>全选显示的事项</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Approve the selected items (Ctrl+Enter)</source>
        <translation>审核通过所选事项（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Reject the selected items, with a reason (Ctrl+Delete)</source>
        <translation>退回所选事项并填写原因（Ctrl+Delete）</translation>
    </message>
    <message>
        <source>approvals</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Budget left for the items in the queue</source>
        <translation>待审事项涉及的预算余额</translation>
    </message>
    <message>
        <source>{count} waiting for review</source>
        <translation>{count} 条待审核</translation>
    </message>
    <message>
        <source>The selection exceeds the {year} {item} budget of {zone} by ¥{over}.</source>
        <translation>所选事项超出{zone} {year} 年{item}预算 ¥{over}。</translation>
    </message>
    <message>
        <source>{count} of the selected items were entered by you: another reviewer must decide them.</source>
        <translation>所选事项中有 {count} 条由您录入：须由其他审核员审核。</translation>
    </message>
    <message>
        <source>{count} approved.</source>
        <translation>已通过 {count} 条。</translation>
    </message>
    <message numerus="yes">
        <source>Approve %n item(s), {total} in all?</source>
        <translation>
            <numerusform>通过 %n 项，合计 {total}？</numerusform>
        </translation>
    </message>
    <message>
        <source>Loan guarantees among them: {amount} guaranteed.</source>
        <translation>其中贷款担保：担保金额 {amount}。</translation>
    </message>
    <message>
        <source>Approved money is frozen: only a reversal can undo it.</source>
        <translation>通过后款项即冻结，只能通过冲销撤回。</translation>
    </message>
    <message>
        <source>Don&apos;t ask again today</source>
        <translation>今天不再询问</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>退回</translation>
    </message>
    <message numerus="yes">
        <source>Why are the %n selected item(s) rejected? The clerk sees the reason.</source>
        <translation>
            <numerusform>退回所选 %n 条事项的原因是什么？办事员将看到此原因。</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} rejected.</source>
        <translation>已退回 {count} 条。</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>核验审计链</translation>
    </message>
    <message>
        <source>Print chain head…</source>
        <translation>打印链头…</translation>
    </message>
    <message>
        <source>audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>所有操作</translation>
    </message>
    <message>
        <source>Any firm: type part of its name or credit code</source>
        <translation>所有企业：输入名称或信用代码的一部分</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>From: any day</source>
        <translation>起：不限</translation>
    </message>
    <message>
        <source>To: any day</source>
        <translation>止：不限</translation>
    </message>
    <message>
        <source>Select an event to see what it changed.</source>
        <translation>选择一条记录，查看其改动。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <source>No event matches.</source>
        <translation>没有符合条件的记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Event {seq} · {at} · {who} · {action} · {subject}</source>
        <translation>第 {seq} 号 · {at} · {who} · {action} · {subject}</translation>
    </message>
    <message>
        <source>No field changed.</source>
        <translation>没有字段改动。</translation>
    </message>
    <message>
        <source>Verifying the audit chain…</source>
        <translation>正在核验审计链…</translation>
    </message>
    <message>
        <source>The audit chain is intact: {count} events verified, and the database&apos;s rows agree with it.</source>
        <translation>审计链完整：已核验 {count} 条记录，库中数据与审计记录一致。</translation>
    </message>
    <message numerus="yes">
        <source>The audit chain holds ({count} events verified), but the database&apos;s rows differ from it in %n place(s), the first at {where}: they were edited behind the program&apos;s back.</source>
        <translation>
            <numerusform>审计链完整（已核验 {count} 条记录），但库中数据与审计记录不符，共 %n 处，第一处在 {where}：这些数据曾被绕过本程序修改。</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit chain intact</source>
        <translation>审计链完整</translation>
    </message>
    <message>
        <source>event {seq}</source>
        <translation>第 {seq} 号记录</translation>
    </message>
    <message>
        <source>The audit chain is BROKEN at {where}: {reason}. {count} events before it verified.</source>
        <translation>审计链在{where}处断裂：{reason}。此前 {count} 条记录核验无误。</translation>
    </message>
    <message>
        <source>Now (the newest event)</source>
        <translation>当前（最新记录）</translation>
    </message>
    <message>
        <source>End of {month}</source>
        <translation>{month}月末</translation>
    </message>
    <message>
        <source>Print chain head</source>
        <translation>打印链头</translation>
    </message>
    <message>
        <source>Which chain head is printed?</source>
        <translation>打印哪一个链头？</translation>
    </message>
    <message>
        <source>Signing the chain head…</source>
        <translation>正在签署链头…</translation>
    </message>
    <message>
        <source>Chain head: event {seq}, hash {hash}.</source>
        <translation>链头：第 {seq} 号记录，哈希 {hash}。</translation>
    </message>
    <message>
        <source>Chain head statement</source>
        <translation>审计链头声明</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{field}: {new}</source>
        <translation>{field}：{new}</translation>
    </message>
    <message>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Firm or record</source>
        <translation>企业或记录</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>改动</translation>
    </message>
</context>
<context>
    <name>AutomaticBackups</name>
    <message>
        <source>Making a backup before Zone Desk closes…</source>
        <translation>园区服务台关闭前正在备份…</translation>
    </message>
    <message>
        <source>Backup made: {name}</source>
        <translation>已备份：{name}</translation>
    </message>
    <message>
        <source>The automatic backup failed; the earlier backups are kept. The details are in the log file.</source>
        <translation>自动备份失败，以前的备份均已保留。详细信息见日志文件。</translation>
    </message>
</context>
<context>
    <name>AwardDialog</name>
    <message>
        <source>Submit for review at once</source>
        <translation>立即提交审核</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Yuan, e.g. 5,000,000</source>
        <translation>元，例如 5,000,000</translation>
    </message>
    <message>
        <source>Choose a firm from the suggestions.</source>
        <translation>请从提示中选择企业。</translation>
    </message>
</context>
<context>
    <name>AwardRateDialog</name>
    <message>
        <source>Little-giant award amount</source>
        <translation>专精特新奖励金额</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Award (yuan)</source>
        <translation>奖励（元）</translation>
    </message>
</context>
<context>
    <name>AwardRateTableModel</name>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>奖励</translation>
    </message>
</context>
<context>
    <name>AwardTableModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Award or guaranteed</source>
        <translation>奖励或担保金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Reverses #{id}</source>
        <translation>冲销 #{id}</translation>
    </message>
    <message>
        <source>Reversed by #{id}</source>
        <translation>已由 #{id} 冲销</translation>
    </message>
    <message>
        <source>Reversal #{id} waiting for review</source>
        <translation>冲销 #{id} 待审核</translation>
    </message>
    <message>
        <source>{months} months</source>
        <translation>{months} 个月</translation>
    </message>
    <message>
        <source>Rejected: {reason}</source>
        <translation>已退回：{reason}</translation>
    </message>
    <message>
        <source>Reversal asked because: {reason}</source>
        <translation>申请冲销原因：{reason}</translation>
    </message>
</context>
<context>
    <name>AwardsPane</name>
    <message>
        <source>Awards</source>
        <translation>奖励与担保</translation>
    </message>
    <message>
        <source>Filter by firm, credit code, document or bank (Ctrl+F)</source>
        <translation>按企业、信用代码、文号或银行筛选（Ctrl+F）</translation>
    </message>
    <message>
        <source>Record little-giant award…</source>
        <translation>登记专精特新奖励…</translation>
    </message>
    <message>
        <source>Record loan guarantee…</source>
        <translation>登记贷款担保…</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Reverse…</source>
        <translation>冲销…</translation>
    </message>
    <message>
        <source>awards</source>
        <translation>奖励与担保</translation>
    </message>
    <message>
        <source>{count} awards and guarantees</source>
        <translation>{count} 项奖励及担保</translation>
    </message>
    <message>
        <source>{shown} of {total} awards and guarantees</source>
        <translation>{shown} / {total} 项奖励及担保</translation>
    </message>
    <message>
        <source>Award #{id} recorded.</source>
        <translation>奖励 #{id} 已登记。</translation>
    </message>
    <message>
        <source>{count} submitted for review.</source>
        <translation>已提交审核 {count} 条。</translation>
    </message>
    <message>
        <source>Reverse award #{id}</source>
        <translation>冲销奖励 #{id}</translation>
    </message>
    <message>
        <source>The reversal cancels ¥{amount} for {firm} once a reviewer approves it. Why is it reversed?</source>
        <translation>审核通过后，该冲销将取消{firm}的 ¥{amount}。冲销原因是什么？</translation>
    </message>
    <message>
        <source>Ask for the reversal</source>
        <translation>申请冲销</translation>
    </message>
    <message>
        <source>Reversal #{id} submitted for review.</source>
        <translation>冲销 #{id} 已提交审核。</translation>
    </message>
</context>
<context>
    <name>BackgroundRunner</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复备份(&amp;R)…</translation>
    </message>
    <message>
        <source>Backup &amp;folder…</source>
        <translation>备份文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Back up into which folder?</source>
        <translation>备份到哪个文件夹？</translation>
    </message>
    <message>
        <source>Making a backup…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>The backup was written to {file}.</source>
        <translation>备份已写入 {file}。</translation>
    </message>
    <message>
        <source>Restore which backup?</source>
        <translation>恢复哪个备份？</translation>
    </message>
    <message>
        <source>Zone Desk backups (*.sqlite);;All files (*)</source>
        <translation>园区服务台备份 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>恢复此备份？</translation>
    </message>
    <message>
        <source>The database is replaced by the backup made {made}: everything done since then is undone (a safety backup of the database as it is now is made first). Zone Desk then shows the log-in again, on the restored file. Restore it?</source>
        <translation>数据库将被 {made} 的备份替换：此后所做的一切都将撤销（会先为当前数据库制作一份安全备份）。随后园区服务台将在恢复后的文件上重新显示登录窗口。确定恢复吗？</translation>
    </message>
    <message>
        <source>Folder for the automatic backups</source>
        <translation>自动备份的文件夹</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>The automatic backups now go to {folder}.</source>
        <translation>自动备份今后保存到 {folder}。</translation>
    </message>
</context>
<context>
    <name>BillSheet</name>
    <message>
        <source>A quantity cannot be negative.</source>
        <translation>数量不能为负数。</translation>
    </message>
    <message>
        <source>The quantity has more than one decimal point.</source>
        <translation>数量中有多个小数点。</translation>
    </message>
    <message>
        <source>Thousands separators must group three digits, as in 12,345.5.</source>
        <translation>千位分隔符须每三位一组，例如 12,345.5。</translation>
    </message>
    <message>
        <source>“{text}” is not a quantity: use digits and one decimal point only.</source>
        <translation>“{text}”不是数量：只能使用数字和一个小数点。</translation>
    </message>
    <message>
        <source>At most two decimal places in a quantity.</source>
        <translation>数量最多保留两位小数。</translation>
    </message>
    <message>
        <source>A bill number has at most {max} characters.</source>
        <translation>账单编号最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>Enter the bill amount, or clear the quantity and the bill number to remove the bill.</source>
        <translation>请输入账单金额；如要删除该账单，请清空数量和账单编号。</translation>
    </message>
</context>
<context>
    <name>BillSheetModel</name>
    <message>
        <source>{name}
Credit code {uscc}, unit {unit}</source>
        <translation>{name}
信用代码 {uscc}，房号 {unit}</translation>
    </message>
    <message>
        <source>No subsidy rate is set for {category} in {period}.</source>
        <translation>{period} 没有设定{category}补贴比例。</translation>
    </message>
    <message>
        <source>{category}: {share} % of the bill, at most ¥{cap} a firm a year.</source>
        <translation>{category}：补贴账单的 {share}%，每家企业每年最多 ¥{cap}。</translation>
    </message>
    <message>
        <source>Bills
total (¥)</source>
        <translation>账单
合计（¥）</translation>
    </message>
    <message>
        <source>Subsidies
total (¥)</source>
        <translation>补贴
合计（¥）</translation>
    </message>
    <message>
        <source>{category}
bill (¥)</source>
        <translation>{category}
账单（¥）</translation>
    </message>
    <message>
        <source>{category}
quantity ({unit})</source>
        <translation>{category}
数量（{unit}）</translation>
    </message>
    <message>
        <source>{category}
bill number</source>
        <translation>{category}
账单编号</translation>
    </message>
    <message>
        <source>{category}
subsidy (¥)</source>
        <translation>{category}
补贴（¥）</translation>
    </message>
    <message>
        <source>Bills with a mistake are not counted until they are corrected.</source>
        <translation>有错误的账单在更正前不计入合计。</translation>
    </message>
    <message>
        <source>no rate</source>
        <translation>未设比例</translation>
    </message>
    <message>
        <source>{amount} · {status}</source>
        <translation>{amount} · {status}</translation>
    </message>
    <message>
        <source>{amount} · sent back</source>
        <translation>{amount} · 已退回</translation>
    </message>
    <message>
        <source>{period} is closed: nothing in it can be changed.</source>
        <translation>{period} 已结账：其中内容不能修改。</translation>
    </message>
    <message>
        <source>No subsidy rate is set for {category} in {period}: an administrator must set it before these bills can be typed.</source>
        <translation>{period} 没有设定{category}补贴比例：须由管理员设定后才能录入这些账单。</translation>
    </message>
    <message>
        <source>Typed but not yet saved.</source>
        <translation>已录入，尚未保存。</translation>
    </message>
    <message>
        <source>Saved as a draft, not yet submitted for review.</source>
        <translation>已保存为草稿，尚未提交审核。</translation>
    </message>
    <message>
        <source>Submitted for review: it can no longer be typed over.</source>
        <translation>已提交审核：不能再修改。</translation>
    </message>
    <message>
        <source>Approved: only a reversal can change it.</source>
        <translation>已通过：只能通过冲销更正。</translation>
    </message>
    <message>
        <source>Sent back by the reviewer: {reason}
Correct the bill (or type it again as it is) and submit it again.</source>
        <translation>审核员已退回：{reason}
请更正账单（或按原样重新录入）后再次提交。</translation>
    </message>
</context>
<context>
    <name>BillSheetPane</name>
    <message>
        <source>Save as draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Ctrl+Enter: the selected rows (select them by their names or with Shift+Space), else the whole sheet</source>
        <translation>Ctrl+Enter：提交所选行（点击企业名称或按 Shift+Space 选择），未选择时提交整张账单</translation>
    </message>
    <message>
        <source>Import bills…</source>
        <translation>导入账单…</translation>
    </message>
    <message>
        <source>This sheet&apos;s bills from the utilities&apos; Excel, WPS or CSV file, as drafts</source>
        <translation>从水电网等单位的 Excel、WPS 或 CSV 文件导入本表账单，作为草稿</translation>
    </message>
    <message>
        <source>You cover no zone: ask an administrator to add you to one.</source>
        <translation>您没有负责的园区，请联系管理员添加。</translation>
    </message>
    <message>
        <source>Unsaved bills</source>
        <translation>未保存的账单</translation>
    </message>
    <message>
        <source>The bills typed for {period} are not saved. Discard them?</source>
        <translation>{period} 已录入的账单尚未保存。放弃这些账单？</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>正在读取账单…</translation>
    </message>
    <message>
        <source>{period} is closed: its bills can be read but not changed.</source>
        <translation>{period} 已结账：账单只能查看，不能修改。</translation>
    </message>
    <message>
        <source>Your role can read the bill sheet but not type bills.</source>
        <translation>您的角色可以查看账单，但不能录入。</translation>
    </message>
    <message>
        <source>No firm is a tenant of this zone in {period}.</source>
        <translation>{period} 本园区没有入驻企业。</translation>
    </message>
    <message>
        <source>The sheet opened on {period}, where work waits: {drafts} drafts not yet submitted, {sent_back} bills sent back.</source>
        <translation>账单表已打开 {period}，该月有待办：{drafts} 份草稿未提交，{sent_back} 份账单被退回。</translation>
    </message>
    <message>
        <source>Nothing to save: no bill was typed or changed.</source>
        <translation>没有需要保存的内容：未录入或修改账单。</translation>
    </message>
    <message>
        <source>There is nothing to submit: no draft bill in these rows.</source>
        <translation>没有可提交的内容：这些行中没有草稿账单。</translation>
    </message>
    <message>
        <source>Submit {count} bills for review? Submitted bills can no longer be typed over.</source>
        <translation>提交 {count} 条账单审核？提交后不能再修改。</translation>
    </message>
    <message>
        <source>{count} cells are marked wrong: correct them first, nothing was saved. {firm}, {cell} of {period}: {reason}</source>
        <translation>有 {count} 个单元格有误，请先更正，未保存任何内容。{firm}，{period} {cell}：{reason}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>{count} bills submitted for review.</source>
        <translation>已提交审核 {count} 条账单。</translation>
    </message>
    <message>
        <source>Saved: {saved} bills as drafts, {removed} drafts removed.</source>
        <translation>已保存：{saved} 条账单为草稿，删除草稿 {removed} 条。</translation>
    </message>
    <message>
        <source>Nothing was saved. {reason}</source>
        <translation>未保存任何内容。{reason}</translation>
    </message>
    <message>
        <source>Save the bills typed (or discard them) before importing.</source>
        <translation>导入前请先保存（或放弃）已录入的账单。</translation>
    </message>
    <message>
        <source>Nothing to paste: the clipboard holds no text.</source>
        <translation>没有可粘贴的内容：剪贴板中没有文本。</translation>
    </message>
    <message numerus="yes">
        <source>Pasted %n cell(s).</source>
        <translation>
            <numerusform>已粘贴 %n 个单元格。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them are marked wrong: correct them before saving.</source>
        <translation>
            <numerusform>其中 %n 个有误，请更正后再保存。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) not pasted: those cells cannot be typed in (the first: {firm}, {cell}).</source>
        <translation>
            <numerusform>%n 个值未粘贴：这些单元格不可录入（第一个：{firm}，{cell}）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s) not pasted: they fall outside the sheet.</source>
        <translation>
            <numerusform>%n 个值未粘贴：超出账单表范围。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Submit %n selected row(s) for review</source>
        <translation>
            <numerusform>提交所选 %n 行审核</numerusform>
        </translation>
    </message>
    <message>
        <source>Sheet total for {count} firms: bills ¥{bills}, subsidies ¥{subsidies}</source>
        <translation>{count} 家企业合计：账单 ¥{bills}，补贴 ¥{subsidies}</translation>
    </message>
    <message>
        <source>{firm}: {reason}</source>
        <translation>{firm}：{reason}</translation>
    </message>
</context>
<context>
    <name>BudgetChart</name>
    <message>
        <source>all categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Budget and used, {year}, {what}: the {top} largest of {count} zones</source>
        <translation>{year} 年预算与已用，{what}：{count} 个园区中最大的 {top} 个</translation>
    </message>
    <message>
        <source>Budget and used, {year}, {what}</source>
        <translation>{year} 年预算与已用，{what}</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
</context>
<context>
    <name>BudgetDialog</name>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Budget (yuan)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <source>All budgets together: {total} of the programme cap of {cap}.</source>
        <translation>全部预算合计：{total}，项目总额度 {cap}。</translation>
    </message>
</context>
<context>
    <name>BudgetTableModel</name>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Budget for</source>
        <translation>预算类别</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>Left after</source>
        <translation>审核后剩余</translation>
    </message>
    <message>
        <source>The selection exceeds what is left by ¥{over}.</source>
        <translation>所选事项超出剩余额度 ¥{over}。</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设定</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>What is certified</source>
        <translation>证明内容</translation>
    </message>
    <message>
        <source>{count} approved entries</source>
        <translation>已批准 {count} 笔</translation>
    </message>
    <message>
        <source>Unit {unit}</source>
        <translation>房号 {unit}</translation>
    </message>
</context>
<context>
    <name>CertificateActions</name>
    <message>
        <source>{count} certificates issued: {first} … {last}.</source>
        <translation>已签发 {count} 份证明：{first} … {last}。</translation>
    </message>
    <message>
        <source>Certificate {serial} issued.</source>
        <translation>证明 {serial} 已签发。</translation>
    </message>
    <message>
        <source>{count} certificates issued</source>
        <translation>已签发 {count} 份证明</translation>
    </message>
    <message>
        <source>Certificate {serial}</source>
        <translation>证明 {serial}</translation>
    </message>
    <message>
        <source>Stopped after {n} of {asked} certificates: {reason} The {n} issued are all in the file; nothing else was issued.</source>
        <translation>已出具 {n} 份（共 {asked} 份）后停止：{reason} 已出具的 {n} 份都在文件中；其余均未出具。</translation>
    </message>
    <message>
        <source>Issuing cancelled</source>
        <translation>签发已取消</translation>
    </message>
    <message>
        <source>Cancelled: {n} of {asked} certificates were issued (all in the file); nothing else was issued.</source>
        <translation>已取消：{asked} 份证明中已签发 {n} 份（均在文件中）；其余均未签发。</translation>
    </message>
    <message>
        <source>Copy of {serial} made (printing number {number}).</source>
        <translation>已生成 {serial} 的副本（第 {number} 次打印）。</translation>
    </message>
    <message>
        <source>Copy of {serial} (printing number {number})</source>
        <translation>{serial} 副本（第 {number} 次打印）</translation>
    </message>
    <message>
        <source>Preview of {serial}</source>
        <translation>预览 {serial}</translation>
    </message>
    <message>
        <source>Revoke certificate {serial}</source>
        <translation>作废证明 {serial}</translation>
    </message>
    <message>
        <source>{kind} {serial} for {firm} will verify as revoked from now on, with your reason. Why is it revoked?</source>
        <translation>{firm}的{kind} {serial} 此后核验时将显示为已作废，并附上您填写的原因。作废原因是什么？</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>作废</translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n certificate(s)</source>
        <translation>
            <numerusform>作废 %n 份证明</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n selected certificate(s), {first} … {last}, will verify as revoked from now on, all with your reason. Why are they revoked?</source>
        <translation>
            <numerusform>所选 %n 份证明（{first} … {last}）此后验证时均显示为已作废，并附上您填写的原因。作废原因是什么？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n</source>
        <translation>
            <numerusform>作废 %n 份</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke the batch of %n certificate(s)</source>
        <translation>
            <numerusform>作废整批 %n 份证明</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n valid certificate(s) issued together with {serial}, {first} … {last}, will verify as revoked from now on, all with your reason. Why are they revoked?</source>
        <translation>
            <numerusform>与 {serial} 同批签发、仍有效的 %n 份证明（{first} … {last}）此后验证时均显示为已作废，并附上您填写的原因。作废原因是什么？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n certificate(s) revoked: {first} … {last}.</source>
        <translation>
            <numerusform>已作废 %n 份证明：{first} … {last}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate {serial} revoked.</source>
        <translation>证明 {serial} 已作废。</translation>
    </message>
</context>
<context>
    <name>CertificateTableModel</name>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Prints</source>
        <translation>打印次数</translation>
    </message>
    <message>
        <source>Revoked: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <source>Printed {count} times: the original and {copies} copies</source>
        <translation>已打印 {count} 次：正本及 {copies} 份副本</translation>
    </message>
</context>
<context>
    <name>CertificatesPane</name>
    <message>
        <source>Serial, firm or credit code (Ctrl+F)</source>
        <translation>编号、企业名称或信用代码（Ctrl+F）</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>All my zones</source>
        <translation>我的全部园区</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部种类</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>签发…</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <source>Print a copy: same serial, marked as a copy, counted</source>
        <translation>打印副本：编号不变，标注为副本，计入打印次数</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Look at the certificate as issued; nothing is printed or counted</source>
        <translation>查看签发时的证明；不打印，不计次数</translation>
    </message>
    <message>
        <source>Revoke its batch…</source>
        <translation>作废整批…</translation>
    </message>
    <message>
        <source>Every certificate still valid that was issued together with this one</source>
        <translation>与此证明同批签发、仍有效的全部证明</translation>
    </message>
    <message>
        <source>certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Certificates shown: {count}</source>
        <translation>显示证明：{count} 份</translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n…</source>
        <translation>
            <numerusform>作废 %n 份…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Account: {name} ({username})</source>
        <translation>账号：{name}（{username}）</translation>
    </message>
    <message>
        <source>You logged in with a one-time password. Choose your own password now; type the one-time password as the current one.</source>
        <translation>您是用一次性密码登录的。请现在设置您自己的密码；“当前密码”处填写一次性密码。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>请输入当前密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The new password is the same as the current one.</source>
        <translation>新密码与当前密码相同。</translation>
    </message>
    <message>
        <source>Your password has been changed. Use the new one from now on.</source>
        <translation>密码已修改，今后请使用新密码登录。</translation>
    </message>
</context>
<context>
    <name>CloseMonthDialog</name>
    <message>
        <source>Close a month</source>
        <translation>月份结账</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>A closed month accepts no new, changed, approved or reversed entry. Reversals of its entries are posted in the current month.</source>
        <translation>已结账月份不能新增、修改、审核或冲销记录。对其记录的冲销记入当前月份。</translation>
    </message>
    <message>
        <source>Close month</source>
        <translation>结账</translation>
    </message>
</context>
<context>
    <name>CloseTenancyDialog</name>
    <message>
        <source>Close tenancy</source>
        <translation>退租</translation>
    </message>
    <message>
        <source>The tenancy of unit {unit} in {zone} ends on the day below, and the firm is marked as moved out.</source>
        <translation>{zone} {unit} 的租约于下列日期结束，企业标记为已迁出。</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
</context>
<context>
    <name>ClosedTableModel</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>结账人</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>结账时间</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <source>{title} — 演示数据 DEMO DATA</source>
        <translation>{title} — 演示数据</translation>
    </message>
    <message>
        <source>Demo data for training: the firms and the money are made up. Log in as {accounts}; the password is {password}.</source>
        <translation>演示数据，仅供培训：其中的企业和资金均为虚构。请以 {accounts} 之一登录，密码均为 {password}。</translation>
    </message>
    <message>
        <source>The demo could not be started.</source>
        <translation>无法启动演示。</translation>
    </message>
    <message>
        <source>Making a demo database for training…</source>
        <translation>正在生成培训用的演示数据库…</translation>
    </message>
    <message>
        <source>Open the &amp;demo…</source>
        <translation>打开演示(&amp;D)…</translation>
    </message>
    <message>
        <source>Practise on made-up firms in a window of its own; your data is not touched.</source>
        <translation>在单独的窗口中用虚构的企业练习，不会改动您的数据。</translation>
    </message>
</context>
<context>
    <name>EnterpriseDialog</name>
    <message>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Details changed</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <source>Moved to another zone</source>
        <translation>已迁往其他园区</translation>
    </message>
    <message>
        <source>Credit code confirmed</source>
        <translation>信用代码已确认</translation>
    </message>
    <message>
        <source>Tenancy opened</source>
        <translation>入驻</translation>
    </message>
    <message>
        <source>Tenancy closed</source>
        <translation>退租</translation>
    </message>
    <message>
        <source>Someone else saved this firm after you opened it. What you typed is still here; reload to see their changes, then make yours again.</source>
        <translation>您打开此企业后，其他人已保存过修改。您输入的内容仍在；请重新加载查看其修改，然后再做您的修改。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Confirm credit code</source>
        <translation>确认信用代码</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New firm</source>
        <translation>新增企业</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Tenancies</source>
        <translation>入驻记录</translation>
    </message>
    <message>
        <source>History</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Firm: {name}</source>
        <translation>企业：{name}</translation>
    </message>
    <message>
        <source>Firm moved</source>
        <translation>企业迁移</translation>
    </message>
    <message>
        <source>The firm is now in a zone you do not cover, so it leaves your list.</source>
        <translation>该企业已迁入您不负责的园区，将从您的列表中移除。</translation>
    </message>
    <message>
        <source>Unusually large values</source>
        <translation>数值异常偏大</translation>
    </message>
    <message>
        <source>These values are unusually large for a firm:
{values}

Save them as they are?</source>
        <translation>以下数值对一家企业而言异常偏大：
{values}

确定按此保存吗？</translation>
    </message>
    <message>
        <source>You cover no zone: ask an administrator.</source>
        <translation>您没有负责的园区，请联系管理员。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>{reason}

Save this code anyway? A reviewer will then be asked to confirm it against the business licence.</source>
        <translation>{reason}

仍然保存该代码？之后将由审核员对照营业执照确认。</translation>
    </message>
    <message>
        <source>{reason}

Save this code anyway? You confirm that it matches the business licence.</source>
        <translation>{reason}

仍然保存该代码？您确认它与营业执照一致。</translation>
    </message>
    <message>
        <source>Credit code check failed</source>
        <translation>信用代码校验未通过</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>You have changed this firm without saving. Close it and lose the changes?</source>
        <translation>企业信息已修改但未保存。关闭并放弃修改？</translation>
    </message>
</context>
<context>
    <name>EnterpriseForm</name>
    <message>
        <source>Credit code (USCC)</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Registered capital (10,000 yuan)</source>
        <translation>注册资本（万元）</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业领域</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>从业人员（人）</translation>
    </message>
    <message>
        <source>Annual revenue (10,000 yuan)</source>
        <translation>年营业收入（万元）</translation>
    </message>
    <message>
        <source>Total assets (10,000 yuan)</source>
        <translation>资产总额（万元）</translation>
    </message>
    <message>
        <source>Size class</source>
        <translation>企业规模</translation>
    </message>
    <message>
        <source>Core technology</source>
        <translation>核心技术</translation>
    </message>
    <message>
        <source>Core technology note</source>
        <translation>核心技术说明</translation>
    </message>
    <message>
        <source>Little-giant level</source>
        <translation>专精特新认定等级</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation>联系邮箱</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Credit code check</source>
        <translation>信用代码校验</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Tenant since</source>
        <translation>入驻日期</translation>
    </message>
    <message>
        <source>18 characters</source>
        <translation>18 位</translation>
    </message>
    <message>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>The firm has core-technology results</source>
        <translation>企业拥有核心技术成果</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Size and recognition</source>
        <translation>规模与认定</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>e.g. 120.5</source>
        <translation>例如 120.5</translation>
    </message>
    <message>
        <source>Zone and first tenancy</source>
        <translation>园区与入驻</translation>
    </message>
    <message>
        <source>At most {max} characters; this has {count}.</source>
        <translation>最多 {max} 个字符，当前 {count} 个。</translation>
    </message>
    <message>
        <source>Certificates cannot print {chars}.</source>
        <translation>证明书无法打印{chars}。</translation>
    </message>
    <message>
        <source>Required for this industry</source>
        <translation>该行业必填</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
</context>
<context>
    <name>EnterpriseTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业领域</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Little giant</source>
        <translation>专精特新</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>EnterprisesPane</name>
    <message>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>New firm…</source>
        <translation>新增企业…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Firms and their tenancies from an Excel, WPS or CSV file</source>
        <translation>从 Excel、WPS 或 CSV 文件导入企业及其入驻信息</translation>
    </message>
    <message>
        <source>Search by name, credit code or contact (Ctrl+F)</source>
        <translation>按名称、信用代码或联系人搜索（Ctrl+F）</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>All sectors</source>
        <translation>全部行业领域</translation>
    </message>
    <message>
        <source>Any little-giant level</source>
        <translation>全部认定等级</translation>
    </message>
    <message>
        <source>firms</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No firm matches.</source>
        <translation>没有符合条件的企业。</translation>
    </message>
    <message>
        <source>1 firm</source>
        <translation>1 家企业</translation>
    </message>
    <message>
        <source>{count} firms</source>
        <translation>{count} 家企业</translation>
    </message>
</context>
<context>
    <name>FileOpening</name>
    <message>
        <source>Create a new database there</source>
        <translation>在该处新建数据库</translation>
    </message>
    <message>
        <source>Open it for reading only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Open the newest backup for reading</source>
        <translation>以只读方式打开最新备份</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Open another file…</source>
        <translation>打开其他文件…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Zone Desk — open a database</source>
        <translation>园区服务台 — 打开数据库</translation>
    </message>
    <message>
        <source>Open a Zone Desk database</source>
        <translation>打开园区服务台数据库</translation>
    </message>
    <message>
        <source>Zone Desk databases (*.sqlite *.db);;All files (*)</source>
        <translation>园区服务台数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>{file} is open for reading only: you can look things up, but nothing can be saved.</source>
        <translation>{file} 以只读方式打开：可以查阅，但无法保存任何内容。</translation>
    </message>
    <message>
        <source>{file} is already open in Zone Desk: its window was brought to the front.</source>
        <translation>{file} 已在园区服务台中打开，已将其窗口切换到前台。</translation>
    </message>
    <message>
        <source>{file} is open in another Zone Desk that does not answer. Close that program, or wait until it has started, and try again.</source>
        <translation>{file} 已在另一个园区服务台程序中打开，但该程序没有响应。请关闭该程序，或等它启动完成后再试。</translation>
    </message>
    <message>
        <source>Already open</source>
        <translation>文件已打开</translation>
    </message>
</context>
<context>
    <name>FirmFinder</name>
    <message>
        <source>Find a firm: name, credit code or pinyin initials</source>
        <translation>查找企业：名称、信用代码或拼音首字母</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Shift+F3</source>
        <translation>Shift+F3</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>F3 or Enter</source>
        <translation>F3 或回车</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>No firm matches “{text}”.</source>
        <translation>没有与“{text}”匹配的企业。</translation>
    </message>
    <message>
        <source>{number} of {count}</source>
        <translation>第 {number} / {count} 个</translation>
    </message>
</context>
<context>
    <name>FirmPicker</name>
    <message>
        <source>Type part of the name or credit code</source>
        <translation>输入名称或信用代码的一部分</translation>
    </message>
</context>
<context>
    <name>FirmStatementDialog</name>
    <message>
        <source>Firm statement</source>
        <translation>企业对账单</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Billed (yuan)</source>
        <translation>账单金额（元）</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{name} ({uscc})</source>
        <translation>{name}（{uscc}）</translation>
    </message>
    <message>
        <source>No subsidy or award has been entered for this firm.</source>
        <translation>该企业尚无补贴或奖励记录。</translation>
    </message>
    <message>
        <source>Approved in all years: subsidies {subsidies}, awards {awards}.</source>
        <translation>历年审核通过：补贴 {subsidies}，奖励 {awards}。</translation>
    </message>
    <message>
        <source>{year}: subsidies approved {subsidies} · awards approved {awards}</source>
        <translation>{year} 年：补贴已通过 {subsidies} · 奖励已通过 {awards}</translation>
    </message>
    <message>
        <source>loans guaranteed {guaranteed}</source>
        <translation>担保贷款 {guaranteed}</translation>
    </message>
    <message>
        <source>waiting for review {waiting}</source>
        <translation>待审核 {waiting}</translation>
    </message>
    <message>
        <source>Reversal of {number}: {reason}</source>
        <translation>冲销 {number}：{reason}</translation>
    </message>
    <message>
        <source>The statement could not be read.</source>
        <translation>无法读取对账单。</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Zone Desk — first administrator</source>
        <translation>园区服务台 — 创建管理员</translation>
    </message>
    <message>
        <source>This database is new. Create the administrator account that will set up zones and staff.</source>
        <translation>这是一个新数据库。请创建管理员账号，用于设置园区和工作人员。</translation>
    </message>
    <message>
        <source>e.g. Zhangjiang Science City SME Service Centre</source>
        <translation>如：张江科学城中小企业服务中心</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Office that signs certificates</source>
        <translation>证明签发单位</translation>
    </message>
    <message>
        <source>Create and log in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Unit {unit}, {area} m², from {start}</source>
        <translation>房号 {unit}，{area} 平方米，自 {start} 起</translation>
    </message>
    <message>
        <source>Ended on {date}</source>
        <translation>{date} 结束</translation>
    </message>
    <message>
        <source>{field}: {old} → {new}</source>
        <translation>{field}：{old} → {new}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Zone Desk is locked.</source>
        <translation>园区服务台已锁定。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import firms</source>
        <translation>导入企业</translation>
    </message>
    <message>
        <source>Import bills</source>
        <translation>导入账单</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.csv);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The choice changed: check the file again.</source>
        <translation>所选内容已改变：请重新检查文件。</translation>
    </message>
    <message>
        <source>Choose the file to import first.</source>
        <translation>请先选择要导入的文件。</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>Checking every row of the file…</source>
        <translation>正在逐行检查文件…</translation>
    </message>
    <message>
        <source>Nothing can be imported while rows are refused: fix them in the file (Save refused rows… lists them with their reasons), then check it again.</source>
        <translation>有被拒绝的行时不能导入：请在文件中改正这些行（“保存被拒绝的行…”会列出每行及其原因），然后重新检查。</translation>
    </message>
    <message>
        <source>Some rows wait for a decision: look at each and tick it, then import.</source>
        <translation>有些行需要确认：请逐行查看并勾选，然后导入。</translation>
    </message>
    <message>
        <source>Nothing to import: every row is as the program has it.</source>
        <translation>没有需要导入的内容：每一行都与系统中的记录相同。</translation>
    </message>
    <message>
        <source>Checked: nothing has been written yet. Import writes every row, or none.</source>
        <translation>检查完毕：尚未写入任何内容。导入时全部写入，或全部不写入。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Importing the rows…</source>
        <translation>正在导入各行…</translation>
    </message>
    <message>
        <source>Nothing was imported: the program&apos;s records changed since the check, and the rows were judged again. Look at the verdicts.</source>
        <translation>未导入任何内容：检查之后系统中的记录有变动，各行已重新检查。请查看检查结果。</translation>
    </message>
    <message>
        <source>{file} imported. {counts}</source>
        <translation>{file} 已导入。{counts}</translation>
    </message>
    <message>
        <source>The bills are drafts in the bill sheet: check them there and submit them for review.</source>
        <translation>账单已作为草稿放入账单表：请在账单表中核对后提交审核。</translation>
    </message>
    <message>
        <source>Save the refused rows</source>
        <translation>保存被拒绝的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written with their reasons to {file}.</source>
        <translation>
            <numerusform>已将 %n 行及其原因写入 {file}。</numerusform>
        </translation>
    </message>
    <message>
        <source>firms template.xlsx</source>
        <translation>企业导入模板.xlsx</translation>
    </message>
    <message>
        <source>bills template.xlsx</source>
        <translation>账单导入模板.xlsx</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Template saved to {file}: fill it in, then choose it here.</source>
        <translation>模板已保存到 {file}：填写后在此选择该文件。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
</context>
<context>
    <name>ImportFileBar</name>
    <message>
        <source>An .xlsx, .xls or .csv file saved from Excel or WPS</source>
        <translation>从 Excel 或 WPS 保存的 .xlsx、.xls 或 .csv 文件</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>Save &amp;template…</source>
        <translation>保存模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Chec&amp;k the file</source>
        <translation>检查文件(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Sheet</source>
        <translation>工作表(&amp;S)</translation>
    </message>
    <message>
        <source>None: each row names its zone</source>
        <translation>不指定：每行自带园区</translation>
    </message>
    <message>
        <source>&amp;Zone of rows without one</source>
        <translation>未填园区的行归入(&amp;Z)</translation>
    </message>
    <message>
        <source>{zone}, {period}: the bills become drafts in this bill sheet.</source>
        <translation>{zone}，{period}：账单将作为草稿放入此账单表。</translation>
    </message>
    <message>
        <source>Bill sheet</source>
        <translation>账单表</translation>
    </message>
    <message>
        <source>Every sheet named after a category</source>
        <translation>所有以类别命名的工作表</translation>
    </message>
    <message>
        <source>{sheet} (hidden)</source>
        <translation>{sheet}（隐藏）</translation>
    </message>
    <message>
        <source>(a CSV file has one sheet)</source>
        <translation>（CSV 文件只有一个工作表）</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Confirm the &amp;decisions shown</source>
        <translation>确认所显示的各项(&amp;D)</translation>
    </message>
    <message>
        <source>Ticks every row shown that waits for a decision. Look at each of them first: a ticked row is imported as it is.</source>
        <translation>勾选所显示的每一个待确认行。请先逐行查看：勾选的行将按原样导入。</translation>
    </message>
    <message>
        <source>Save &amp;refused rows…</source>
        <translation>保存被拒绝的行(&amp;R)…</translation>
    </message>
    <message>
        <source>The refused rows as read, each with its reasons, in a workbook to fix and import again.</source>
        <translation>将被拒绝的行按原样连同原因保存为工作簿，改正后可再次导入。</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>Choose a file and check it: every row is judged as the import would write it, and nothing is written yet.</source>
        <translation>请选择文件并检查：每一行都按实际导入的方式检查，此时不会写入任何内容。</translation>
    </message>
    <message>
        <source>sheet {sheets}</source>
        <translation>工作表 {sheets}</translation>
    </message>
    <message>
        <source>Read as {encoding}</source>
        <translation>按 {encoding} 读取</translation>
    </message>
    <message>
        <source>Columns not read: {columns}</source>
        <translation>未读取的列：{columns}</translation>
    </message>
    <message>
        <source>All rows ({count})</source>
        <translation>全部行（{count}）</translation>
    </message>
    <message>
        <source>Row {row}: {text}</source>
        <translation>第 {row} 行：{text}</translation>
    </message>
</context>
<context>
    <name>ImportPreviewTableModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>What changes / why</source>
        <translation>变更内容 / 原因</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>确认</translation>
    </message>
</context>
<context>
    <name>IssueCertificatesDialog</name>
    <message>
        <source>Issue certificates</source>
        <translation>签发证明</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Filter by firm or credit code</source>
        <translation>按企业名称或信用代码筛选</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Looking for what may be certified…</source>
        <translation>正在查找可出具证明的企业…</translation>
    </message>
    <message>
        <source>Issue {count} certificates</source>
        <translation>签发 {count} 份证明</translation>
    </message>
    <message>
        <source>Issue 1 certificate</source>
        <translation>签发 1 份证明</translation>
    </message>
    <message>
        <source>Nothing to certify for this choice.</source>
        <translation>所选条件下没有可出具证明的内容。</translation>
    </message>
    <message>
        <source>{count} of {total} chosen</source>
        <translation>已选 {count} / {total}</translation>
    </message>
    <message>
        <source>total {amount}</source>
        <translation>合计 {amount}</translation>
    </message>
    <message numerus="yes">
        <source>%n ticked row(s) hidden by the filter will not be issued</source>
        <translation>
            <numerusform>另有 %n 项已勾选但被筛选隐藏，不会签发</numerusform>
        </translation>
    </message>
    <message>
        <source>Issuing {count} certificates…</source>
        <translation>正在签发 {count} 份证明…</translation>
    </message>
    <message>
        <source>Issue {count} certificates ({kind}) for {zone}, certifying {amount} in all? Certificates cannot be deleted, only revoked.</source>
        <translation>为{zone}签发 {count} 份证明（{kind}），证明金额合计 {amount}？证明签发后不能删除，只能作废。</translation>
    </message>
    <message>
        <source>Issue {count} certificates ({kind}) for {zone}? Certificates cannot be deleted, only revoked.</source>
        <translation>为{zone}签发 {count} 份证明（{kind}）？证明签发后不能删除，只能作废。</translation>
    </message>
</context>
<context>
    <name>LedgerPane</name>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>All my zones</source>
        <translation>我负责的全部园区</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Entered by anyone</source>
        <translation>全部录入人</translation>
    </message>
    <message>
        <source>Statement…</source>
        <translation>对账单…</translation>
    </message>
    <message>
        <source>All subsidies and awards of the selected firm, by year</source>
        <translation>所选企业的全部补贴和奖励，按年份</translation>
    </message>
    <message>
        <source>Firm name or credit code (Ctrl+F)</source>
        <translation>企业名称或信用代码（Ctrl+F）</translation>
    </message>
    <message>
        <source>ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>From month</source>
        <translation>起始月份</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>The first month comes after the last.</source>
        <translation>起始月份晚于结束月份。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Entries shown: {count}</source>
        <translation>显示记录：{count} 条</translation>
    </message>
    <message>
        <source>Shown: billed {billed} · subsidies and awards {granted}, of which approved {approved}</source>
        <translation>显示合计：账单 {billed} · 补贴及奖励 {granted}，其中已通过 {approved}</translation>
    </message>
    <message>
        <source>loans guaranteed {guaranteed}</source>
        <translation>担保贷款 {guaranteed}</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Billed (yuan)</source>
        <translation>账单金额（元）</translation>
    </message>
    <message>
        <source>Subsidy (yuan)</source>
        <translation>补贴金额（元）</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Reviewed at</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <source>Bill or document no.</source>
        <translation>账单/文件编号</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>原因/备注</translation>
    </message>
    <message>
        <source>The subsidy granted for the bill; for an award, the award; for a loan guarantee, the amount guaranteed</source>
        <translation>按账单核定的补贴金额；奖励为奖励金额；贷款担保为担保金额</translation>
    </message>
    <message>
        <source>The bill&apos;s number, or the little-giant recognition&apos;s document number</source>
        <translation>账单编号，或“小巨人”认定文件文号</translation>
    </message>
    <message>
        <source>Why it was sent back or reversed; a loan guarantee&apos;s bank</source>
        <translation>退回或冲销的原因；贷款担保的银行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Reversal of {number}: {reason}</source>
        <translation>冲销 {number}：{reason}</translation>
    </message>
</context>
<context>
    <name>ListPane</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {file}.</source>
        <translation>
            <numerusform>已将 %n 行写入 {file}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LittleGiantDialog</name>
    <message>
        <source>Record a little-giant award</source>
        <translation>登记专精特新奖励</translation>
    </message>
    <message>
        <source>e.g. 沪经信企〔2026〕12号</source>
        <translation>例如 沪经信企〔2026〕12号</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>认定文号</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>No award amount is set for this level on that date.</source>
        <translation>该等级在该日期没有设定奖励金额。</translation>
    </message>
    <message>
        <source>Not recognised yet.</source>
        <translation>尚未认定。</translation>
    </message>
    <message>
        <source>Now: {level}, recognised on {day}.</source>
        <translation>当前：{level}，认定日期 {day}。</translation>
    </message>
    <message>
        <source>The firm is still being read: try again.</source>
        <translation>正在读取企业信息，请稍后重试。</translation>
    </message>
</context>
<context>
    <name>LoanGuaranteeDialog</name>
    <message>
        <source>Record a loan guarantee</source>
        <translation>登记贷款担保</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Loan amount</source>
        <translation>贷款金额</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Guaranteed amount</source>
        <translation>担保金额</translation>
    </message>
    <message>
        <source>Guaranteed for this firm so far: ¥{so_far} of ¥{cap} (¥{left} left).</source>
        <translation>该企业已担保：¥{so_far}，上限 ¥{cap}（尚余 ¥{left}）。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Zone Desk — log in</source>
        <translation>园区服务台 — 登录</translation>
    </message>
    <message>
        <source>Zone Desk</source>
        <translation>园区服务台</translation>
    </message>
    <message>
        <source>SME industrial zone service centre</source>
        <translation>中小企业园区服务中心</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Bill sheet</source>
        <translation>月度账单</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>奖励与担保</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证明书</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>政策设置</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Zone Desk</source>
        <translation>园区服务台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>all zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>{name} · {role} · {zones}</source>
        <translation>{name} · {role} · {zones}</translation>
    </message>
    <message>
        <source>Unsaved bills</source>
        <translation>未保存的账单</translation>
    </message>
    <message>
        <source>Some bills you typed are not saved yet. Quit and lose them?</source>
        <translation>有已录入的账单尚未保存。退出并放弃这些账单？</translation>
    </message>
</context>
<context>
    <name>MonthlyChart</name>
    <message>
        <source>Approved subsidies per month, {first} to {last}</source>
        <translation>{first}至{last}各月审核通过的补贴</translation>
    </message>
    <message>
        <source>Approved subsidies per month, {year}</source>
        <translation>{year} 年各月审核通过的补贴</translation>
    </message>
</context>
<context>
    <name>OverviewPane</name>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Last twelve months</source>
        <translation>最近十二个月</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>All my zones</source>
        <translation>我负责的全部园区</translation>
    </message>
    <message>
        <source>Budgets of all categories</source>
        <translation>全部类别预算</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Approved from {first} to {last}: {amount} from {count} entries (reversals netted)</source>
        <translation>{first}至{last}审核通过：{amount}，共 {count} 条（已扣除冲销）</translation>
    </message>
    <message>
        <source>No subsidy has been approved from {first} to {last}.</source>
        <translation>{first}至{last}尚无审核通过的补贴。</translation>
    </message>
    <message>
        <source>Waiting for review: subsidy entries {entries}, awards {awards}</source>
        <translation>待审核：补贴 {entries} 条，奖励 {awards} 条</translation>
    </message>
    <message>
        <source>Approved in {year}: {amount} from {count} entries (reversals netted)</source>
        <translation>{year} 年审核通过：{amount}，共 {count} 条（已扣除冲销）</translation>
    </message>
    <message>
        <source>No subsidy has been approved in {year} yet.</source>
        <translation>{year} 年尚无审核通过的补贴。</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Pages: {count}</source>
        <translation>共 {count} 页</translation>
    </message>
    <message>
        <source>Preview only: nothing is printed or counted from here.</source>
        <translation>仅供预览：此处不打印，也不计打印次数。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Printing cancelled: nothing was sent to the printer.</source>
        <translation>打印已取消：没有内容发送到打印机。</translation>
    </message>
    <message>
        <source>Sent {count} pages to the printer.</source>
        <translation>已向打印机发送 {count} 页。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>The file could not be saved: {reason}</source>
        <translation>文件无法保存：{reason}</translation>
    </message>
    <message>
        <source>Saved as {name}.</source>
        <translation>已保存为 {name}。</translation>
    </message>
</context>
<context>
    <name>PolicyPane</name>
    <message>
        <source>Policy</source>
        <translation>政策设置</translation>
    </message>
    <message>
        <source>Subsidy rates</source>
        <translation>补贴比例</translation>
    </message>
    <message>
        <source>New rate…</source>
        <translation>新增比例…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Set a budget…</source>
        <translation>设定预算…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Programme limits</source>
        <translation>项目限额</translation>
    </message>
    <message>
        <source>Award amounts</source>
        <translation>奖励金额</translation>
    </message>
    <message>
        <source>New amount…</source>
        <translation>新增金额…</translation>
    </message>
    <message>
        <source>Closed months</source>
        <translation>已结账月份</translation>
    </message>
    <message>
        <source>Close month…</source>
        <translation>结账…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新开账…</translation>
    </message>
    <message>
        <source>All budgets together: {total} of the programme cap of {cap}</source>
        <translation>全部预算合计：{total}，项目总额度 {cap}</translation>
    </message>
</context>
<context>
    <name>PublicKeysDialog</name>
    <message>
        <source>Public keys</source>
        <translation>公钥</translation>
    </message>
    <message>
        <source>A certificate is valid only when it was signed with one of these keys. Import another service centre&apos;s key to verify its certificates here.</source>
        <translation>只有用以下密钥之一签名的证明才有效。导入其他服务中心的公钥后，即可在此核验其签发的证明。</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>密钥编号</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Added on</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <source>Office (as named in the file when left empty)</source>
        <translation>单位名称（留空则使用文件中的名称）</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export this database&apos;s key…</source>
        <translation>导出本数据库的密钥…</translation>
    </message>
    <message>
        <source>Replace this database&apos;s key…</source>
        <translation>更换本数据库的密钥…</translation>
    </message>
    <message>
        <source>This office&apos;s name, as certificates&apos; verifications show it</source>
        <translation>本单位名称（核验证明时显示）</translation>
    </message>
    <message>
        <source>Save the office&apos;s name</source>
        <translation>保存单位名称</translation>
    </message>
    <message>
        <source>Key held by</source>
        <translation>密钥持有单位</translation>
    </message>
    <message>
        <source>This database</source>
        <translation>本数据库</translation>
    </message>
    <message>
        <source>This database, retired on {day}</source>
        <translation>本数据库，{day} 停用</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export the public key</source>
        <translation>导出公钥</translation>
    </message>
    <message>
        <source>The file could not be saved: {reason}</source>
        <translation>文件无法保存：{reason}</translation>
    </message>
    <message>
        <source>Saved as {name}: send it to the offices that verify this centre&apos;s certificates.</source>
        <translation>已保存为 {name}：请发送给需要核验本中心证明的单位。</translation>
    </message>
    <message>
        <source>Replace this database&apos;s key</source>
        <translation>更换本数据库的密钥</translation>
    </message>
    <message>
        <source>Do this when the key was lost or may have been copied. Certificates already issued stay valid; new ones are signed with the new key, which other offices must import again. Why is the key replaced?</source>
        <translation>密钥丢失或可能已被复制时才这样做。已签发的证明仍然有效；新证明将用新密钥签名，其他办公室需重新导入。为什么更换密钥？</translation>
    </message>
    <message>
        <source>Replace the key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <source>New key {key_id}: export it and send it to the offices that verify this centre&apos;s certificates.</source>
        <translation>新密钥 {key_id}：请导出并发送给核验本中心证明的办公室。</translation>
    </message>
    <message>
        <source>This database&apos;s key is now held by {office}: export it again for the offices that verify its certificates.</source>
        <translation>本数据库密钥的持有单位已改为{office}：请重新导出公钥，发给核验本中心证明的单位。</translation>
    </message>
    <message>
        <source>Import a public key</source>
        <translation>导入公钥</translation>
    </message>
    <message>
        <source>The file could not be read: {reason}</source>
        <translation>文件无法读取：{reason}</translation>
    </message>
    <message>
        <source>Key {key_id} imported: certificates signed with it now verify here.</source>
        <translation>已导入密钥 {key_id}：用它签名的证明现在可以在此核验。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QueueTotals</name>
    <message>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Subsidies</source>
        <translation>补贴</translation>
    </message>
    <message>
        <source>Little-giant awards</source>
        <translation>专精特新奖励</translation>
    </message>
    <message>
        <source>Guaranteed (on loans)</source>
        <translation>担保金额（贷款）</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>{guaranteed} (on {loans})</source>
        <translation>{guaranteed}（贷款 {loans}）</translation>
    </message>
</context>
<context>
    <name>RateDialog</name>
    <message>
        <source>Subsidy rate</source>
        <translation>补贴比例</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Share of the bill (%)</source>
        <translation>补贴比例（%）</translation>
    </message>
    <message>
        <source>Yearly cap per firm (yuan)</source>
        <translation>每家企业年度上限（元）</translation>
    </message>
    <message>
        <source>Write the share as a percentage such as 15 or 12.5.</source>
        <translation>请以百分数填写比例，例如 15 或 12.5。</translation>
    </message>
</context>
<context>
    <name>RateTableModel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Share of the bill</source>
        <translation>补贴比例</translation>
    </message>
    <message>
        <source>Yearly cap per firm</source>
        <translation>每家企业年度上限</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
</context>
<context>
    <name>ReopenMonthDialog</name>
    <message>
        <source>Reopen a month</source>
        <translation>重新开账</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Why it is reopened</source>
        <translation>重新开账原因</translation>
    </message>
    <message>
        <source>Reopen month</source>
        <translation>重新开账</translation>
    </message>
</context>
<context>
    <name>ReportsPane</name>
    <message>
        <source>Zone report</source>
        <translation>园区报表</translation>
    </message>
    <message>
        <source>City report (all zones)</source>
        <translation>全市报表（所有园区）</translation>
    </message>
    <message>
        <source>Report of all my zones</source>
        <translation>我负责的全部园区报表</translation>
    </message>
    <message>
        <source>Firm statement (all years)</source>
        <translation>企业对账单（全部年度）</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Preview PDF…</source>
        <translation>预览 PDF…</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Save XLSX…</source>
        <translation>保存 XLSX…</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Q{quarter}</source>
        <translation>第{quarter}季度</translation>
    </message>
    <message>
        <source>Choose a zone.</source>
        <translation>请选择园区。</translation>
    </message>
    <message>
        <source>Choose a firm: type part of its name or credit code.</source>
        <translation>请选择企业：输入名称或统一社会信用代码的一部分。</translation>
    </message>
    <message>
        <source>Statement of {firm}</source>
        <translation>{firm}对账单</translation>
    </message>
    <message>
        <source>{uscc} statement</source>
        <translation>{uscc}对账单</translation>
    </message>
    <message>
        <source>City report, {period}</source>
        <translation>全市报表（{period}）</translation>
    </message>
    <message>
        <source>{period} city report</source>
        <translation>{period}全市报表</translation>
    </message>
    <message>
        <source>Report of {zone}, {period}</source>
        <translation>{zone}报表（{period}）</translation>
    </message>
    <message>
        <source>{zone} {period} zone report</source>
        <translation>{zone}{period}园区报表</translation>
    </message>
    <message>
        <source>Save XLSX</source>
        <translation>保存 XLSX</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The report could not be made.</source>
        <translation>报表未能生成。</translation>
    </message>
    <message>
        <source>The file could not be saved: {reason}</source>
        <translation>文件未能保存：{reason}</translation>
    </message>
    <message>
        <source>Preview opened.</source>
        <translation>已打开预览。</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>已保存为 {path}。</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>A new password for {name} ({user}). Give it to them in person; it also lifts a lock-out.</source>
        <translation>为 {name}（{user}）设置新密码。请当面告知本人；重置密码同时解除锁定。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Made:</source>
        <translation>备份时间：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>Firms:</source>
        <translation>企业：</translation>
    </message>
    <message>
        <source>Entries:</source>
        <translation>补贴记录：</translation>
    </message>
    <message>
        <source>Schema:</source>
        <translation>数据结构版本：</translation>
    </message>
    <message>
        <source>Check:</source>
        <translation>检查：</translation>
    </message>
    <message>
        <source>It checks out: the file is sound and its audit trail is intact.</source>
        <translation>检查通过：文件完好，审计记录链完整。</translation>
    </message>
    <message>
        <source>It cannot be restored: {reason}</source>
        <translation>无法恢复：{reason}</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
</context>
<context>
    <name>Restoring</name>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>{file} was restored from {backup}. Log in again: the accounts and passwords are those of the backup.</source>
        <translation>{file} 已从 {backup} 恢复。请重新登录：账号和密码以该备份中的为准。</translation>
    </message>
</context>
<context>
    <name>ServerLaunch</name>
    <message>
        <source>{url} is not a server address. Write it as postgresql://server/zonedesk.</source>
        <translation>{url} 不是服务器地址。请写成 postgresql://服务器/zonedesk 的形式。</translation>
    </message>
    <message>
        <source>The server address names a person or holds a password. Leave them out (postgresql://server/zonedesk): each person logs in with their own name and password.</source>
        <translation>服务器地址中含有用户名或密码。请去掉它们（写成 postgresql://服务器/zonedesk）：每个人用自己的用户名和密码登录。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
</context>
<context>
    <name>SettingDialog</name>
    <message>
        <source>Programme limit</source>
        <translation>项目限额</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
</context>
<context>
    <name>SettingTableModel</name>
    <message>
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>SheetChooser</name>
    <message>
        <source>&amp;Zone</source>
        <translation>园区(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Search</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Find the next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Find the previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <source>Open the selected row</source>
        <translation>打开所选行</translation>
    </message>
    <message>
        <source>From the search box to the list</source>
        <translation>从搜索框转到列表</translation>
    </message>
    <message>
        <source>New enterprise</source>
        <translation>新建企业</translation>
    </message>
    <message>
        <source>New staff account</source>
        <translation>新建工作人员账号</translation>
    </message>
    <message>
        <source>Save the drafts</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Submit for approval</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <source>Approve the selected items</source>
        <translation>批准所选项</translation>
    </message>
    <message>
        <source>Reject the selected items</source>
        <translation>退回所选项</translation>
    </message>
    <message>
        <source>Preview the report</source>
        <translation>预览报表</translation>
    </message>
    <message>
        <source>Side bar</source>
        <translation>侧边栏</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>快捷键(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>New staff account</source>
        <translation>新增工作人员账号</translation>
    </message>
    <message>
        <source>Staff account {user}</source>
        <translation>工作人员账号 {user}</translation>
    </message>
    <message>
        <source>e.g. zhang.wei</source>
        <translation>例如 zhang.wei</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Tick the zones this person works in.</source>
        <translation>请勾选此人负责的园区。</translation>
    </message>
    <message>
        <source>Administrators and auditors cover all zones.</source>
        <translation>管理员和审计员负责全部园区。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>StaffPane</name>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Filter by user name, name, role or zone</source>
        <translation>按用户名、姓名、角色或园区筛选</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Read-only: your role may look at the accounts, not change them.</source>
        <translation>只读：您的角色可以查看账号，但不能修改。</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>{count} accounts</source>
        <translation>{count} 个账号</translation>
    </message>
    <message>
        <source>{shown} of {total} accounts</source>
        <translation>{shown} / {total} 个账号</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Deactivate account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Deactivate the account of {name} ({user})? They can no longer log in until an administrator reactivates it.</source>
        <translation>停用 {name}（{user}）的账号？停用后该账号无法登录，直至管理员重新启用。</translation>
    </message>
    <message>
        <source>{name} can log in again.</source>
        <translation>{name} 可以重新登录。</translation>
    </message>
    <message>
        <source>{name} can no longer log in.</source>
        <translation>{name} 已无法登录。</translation>
    </message>
    <message>
        <source>{name} is unlocked and can log in.</source>
        <translation>{name} 已解锁，可以登录。</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>TenanciesTab</name>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Move to another zone…</source>
        <translation>迁往其他园区…</translation>
    </message>
    <message>
        <source>Close tenancy…</source>
        <translation>退租…</translation>
    </message>
    <message>
        <source>Open a tenancy…</source>
        <translation>办理入驻…</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
</context>
<context>
    <name>TenancyDialog</name>
    <message>
        <source>Move to another zone</source>
        <translation>迁往其他园区</translation>
    </message>
    <message>
        <source>The firm’s current tenancy ends the day before the move, and the staff of the new zone look after it from then on.</source>
        <translation>企业当前租约于迁移日前一天结束，此后由新园区工作人员负责。</translation>
    </message>
    <message>
        <source>Open a tenancy</source>
        <translation>办理入驻</translation>
    </message>
    <message>
        <source>The firm takes a unit in one of your zones and is active again.</source>
        <translation>该企业入驻您负责的园区，恢复为在园状态。</translation>
    </message>
    <message>
        <source>e.g. 120.5</source>
        <translation>例如 120.5</translation>
    </message>
    <message>
        <source>To zone</source>
        <translation>迁入园区</translation>
    </message>
    <message>
        <source>Move on</source>
        <translation>迁移日期</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>迁移</translation>
    </message>
    <message>
        <source>Open tenancy</source>
        <translation>入驻</translation>
    </message>
    <message>
        <source>Choose a zone from the list.</source>
        <translation>请从列表中选择园区。</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Zone Desk — locked</source>
        <translation>园区服务台 — 已锁定</translation>
    </message>
    <message>
        <source>Locked after a time without use. {name} ({username}): enter your password to go on where you left off.</source>
        <translation>长时间未操作，已自动锁定。{name}（{username}）：请输入密码，继续刚才的工作。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>&amp;User guide…</source>
        <translation>用户指南(&amp;U)…</translation>
    </message>
</context>
<context>
    <name>VerdictDialog</name>
    <message>
        <source>Verification of {serial}</source>
        <translation>核验 {serial}</translation>
    </message>
</context>
<context>
    <name>VerdictView</name>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>证明内容</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发单位</translation>
    </message>
    <message>
        <source>Key held by</source>
        <translation>密钥持有单位</translation>
    </message>
    <message>
        <source>What this code claims (not verified: do not rely on it)</source>
        <translation>此代码声称的内容（未经核验，不可采信）</translation>
    </message>
    <message>
        <source>{claimed}   (issued here as: {issued})</source>
        <translation>{claimed}&#x3000;（本库签发时为：{issued}）</translation>
    </message>
    <message>
        <source>Revoked on {day}: {reason}</source>
        <translation>已于 {day} 作废：{reason}</translation>
    </message>
    <message>
        <source>Revoked: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
    <message>
        <source>Signed by {office}. Whether it was revoked since is known only there.</source>
        <translation>由{office}签名。此后是否作废，仅该单位可查。</translation>
    </message>
    <message>
        <source>Issued on this database, signature verified, not revoked.</source>
        <translation>本库签发，签名核验通过，未作废。</translation>
    </message>
    <message>
        <source>Do not accept this certificate: what it says is not what was signed.</source>
        <translation>请勿接受此证明：其内容与签名内容不符。</translation>
    </message>
    <message>
        <source>Do not accept this certificate, and tell an administrator: it carries this office&apos;s signature, but this database never issued {serial} with this content. Someone signed it outside this database, with a copy of the file or of its key.</source>
        <translation>请勿接受此证明，并告知管理员：它带有本办公室的签名，但本数据库从未以此内容签发过 {serial}。有人在本数据库之外，用数据库文件或其密钥的副本签了名。</translation>
    </message>
    <message>
        <source>There is none in the zones you cover. A certificate of another zone can be checked by scanning its QR code.</source>
        <translation>您负责的园区中没有此证明。其他园区的证明可扫描其二维码核验。</translation>
    </message>
    <message>
        <source>This certificate of a zone you do not cover was revoked. Only what its code holds is shown; its zone&apos;s staff see the reason.</source>
        <translation>此证明属于您不负责的园区，已作废。仅显示二维码所含内容；作废原因由该园区工作人员查看。</translation>
    </message>
    <message>
        <source>Issued on this database, signature verified, not revoked. It belongs to a zone you do not cover: only what its code holds is shown.</source>
        <translation>由本数据库签发，签名核验通过，未作废。它属于您不负责的园区：仅显示二维码所含内容。</translation>
    </message>
</context>
<context>
    <name>VerificationPane</name>
    <message>
        <source>Verify a certificate</source>
        <translation>核验证明</translation>
    </message>
    <message>
        <source>Scan the QR code on the certificate, paste its code or type its serial (like Z01-2026-000001), then press Enter.</source>
        <translation>扫描证明上的二维码、粘贴其代码或输入编号（如 Z01-2026-000001），然后按回车。</translation>
    </message>
    <message>
        <source>A scanned code carries its own content, so any certificate can be checked by scanning it, whatever its zone. A typed serial finds only the certificates of the zones you cover.</source>
        <translation>扫描的二维码自带证明内容，因此任何园区的证明都可扫码核验。手工输入编号只能查到您负责园区的证明。</translation>
    </message>
    <message>
        <source>QR code or serial</source>
        <translation>二维码或编号</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Public keys…</source>
        <translation>公钥…</translation>
    </message>
</context>
<context>
    <name>ZoneDialog</name>
    <message>
        <source>Zone {code}</source>
        <translation>园区 {code}</translation>
    </message>
    <message>
        <source>The details of this zone are confirmed</source>
        <translation>本园区信息已核实</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Service centre</source>
        <translation>服务中心</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Leave the box unticked while the name or details are placeholders; the zone is then marked &quot;to be confirmed&quot; in every list.</source>
        <translation>名称或信息仍为占位内容时请勿勾选；未勾选的园区在各列表中标为“待核实”。</translation>
    </message>
</context>
<context>
    <name>ZoneTableModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Service centre</source>
        <translation>服务中心</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Firms</source>
        <translation>企业数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>To be confirmed</source>
        <translation>待核实</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>The name and details of this zone are placeholders that an administrator has not yet confirmed.</source>
        <translation>本园区的名称和信息为占位内容，管理员尚未核实。</translation>
    </message>
</context>
<context>
    <name>ZonesPane</name>
    <message>
        <source>Zones</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Filter by code, name, district, centre or phone</source>
        <translation>按编号、名称、所在区、服务中心或电话筛选</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>zones</source>
        <translation>园区</translation>
    </message>
    <message numerus="yes">
        <source>%n zone(s)</source>
        <translation>
            <numerusform>%n 个园区</numerusform>
        </translation>
    </message>
    <message>
        <source>{shown} of {total} zones</source>
        <translation>{shown} / {total} 个园区</translation>
    </message>
</context>
<context>
    <name>_MoneyChart</name>
    <message>
        <source>10,000 yuan</source>
        <translation>万元</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>{what}, {where}: {amount}</source>
        <translation>{what}，{where}：{amount}</translation>
    </message>
</context>
<context>
    <name>certificates</name>
    <message>
        <source>Tenancy confirmation</source>
        <translation>入驻证明</translation>
    </message>
    <message>
        <source>Subsidy confirmation</source>
        <translation>补贴确认书</translation>
    </message>
    <message>
        <source>Little-giant award certificate</source>
        <translation>“小巨人”奖励证书</translation>
    </message>
    <message>
        <source>Loan guarantee recommendation letter</source>
        <translation>贷款担保推荐函</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已作废</translation>
    </message>
</context>
<context>
    <name>command</name>
    <message>
        <source>{file}: no such database.</source>
        <translation>{file}：没有这个数据库。</translation>
    </message>
    <message>
        <source>Password for {user}: </source>
        <translation>{user} 的密码：</translation>
    </message>
</context>
<context>
    <name>db</name>
    <message>
        <source>Your account has been deactivated. Ask an administrator.</source>
        <translation>您的账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>Your role ({role}) may not do this ({action}).</source>
        <translation>您的角色（{role}）无权执行此操作（{action}）。</translation>
    </message>
    <message>
        <source>This belongs to a zone you do not cover.</source>
        <translation>该记录属于您不负责的园区。</translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation>请输入金额。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>The amount has more than one decimal point.</source>
        <translation>金额中有多个小数点。</translation>
    </message>
    <message>
        <source>Thousands separators must group three digits, as in 1,234,567.89.</source>
        <translation>千位分隔符须每三位一组，例如 1,234,567.89。</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: use digits, one decimal point and commas only.</source>
        <translation>“{text}”不是金额：只能使用数字、一个小数点和千位逗号。</translation>
    </message>
    <message>
        <source>At most {decimals} decimal places here.</source>
        <translation>此处最多保留 {decimals} 位小数。</translation>
    </message>
    <message>
        <source>This firm does not exist or is not in your zones.</source>
        <translation>该企业不存在，或不在您负责的园区。</translation>
    </message>
    <message>
        <source>This database already has staff accounts: log in instead.</source>
        <translation>该数据库已有工作人员账号，请直接登录。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: this account is locked until {time}. An administrator can unlock it sooner.</source>
        <translation>密码错误次数过多，该账号锁定至 {time}。管理员可提前解锁。</translation>
    </message>
    <message>
        <source>This account has been deactivated. Ask an administrator.</source>
        <translation>该账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>The server could not be reached ({reason}). Check the network, or ask the district&apos;s IT whether the server is running.</source>
        <translation>无法连接服务器（{reason}）。请检查网络，或询问区里的信息部门服务器是否在运行。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>Choose a sector from the list.</source>
        <translation>请从列表中选择行业领域。</translation>
    </message>
    <message>
        <source>Choose an industry from the list.</source>
        <translation>请从列表中选择所属行业。</translation>
    </message>
    <message>
        <source>No award amount is set for this level on that date: ask an administrator.</source>
        <translation>该认定等级在该日期没有设定奖励金额，请联系管理员。</translation>
    </message>
    <message>
        <source>Choose a level from the list.</source>
        <translation>请从列表中选择认定等级。</translation>
    </message>
    <message>
        <source>This firm already has an award for this level.</source>
        <translation>该企业已有此等级的奖励。</translation>
    </message>
    <message>
        <source>Enter the loan amount.</source>
        <translation>请输入贷款金额。</translation>
    </message>
    <message>
        <source>The term is 1 to 360 months.</source>
        <translation>期限为 1 至 360 个月。</translation>
    </message>
    <message>
        <source>The guaranteed amount must be more than 0 and at most the loan.</source>
        <translation>担保金额必须大于 0，且不超过贷款金额。</translation>
    </message>
    <message>
        <source>The firm&apos;s guarantees would reach ¥{total}, over the ¥{cap} limit by ¥{over}.</source>
        <translation>该企业担保总额将达 ¥{total}，超出 ¥{cap} 上限 ¥{over}。</translation>
    </message>
    <message>
        <source>Entry {id} is no longer a draft (it is {status}): reload and try again.</source>
        <translation>第 {id} 条已不是草稿（现为{status}），请刷新后重试。</translation>
    </message>
    <message>
        <source>Say why the entry is reversed.</source>
        <translation>请填写冲销原因。</translation>
    </message>
    <message>
        <source>Only an approved entry can be reversed.</source>
        <translation>只有已审核通过的记录可以冲销。</translation>
    </message>
    <message>
        <source>This entry is already reversed, or its reversal awaits review.</source>
        <translation>该记录已冲销，或其冲销正在等待审核。</translation>
    </message>
    <message>
        <source>Enter the date the firm was recognised at this level.</source>
        <translation>请输入该等级的认定日期。</translation>
    </message>
    <message>
        <source>This industry&apos;s size class needs the total assets.</source>
        <translation>该行业划分企业规模需要资产总额。</translation>
    </message>
    <message>
        <source>This credit code is already registered, for “{name}”.</source>
        <translation>该信用代码已登记，企业为“{name}”。</translation>
    </message>
    <message>
        <source>Row {row} has the same credit code: a firm is imported once.</source>
        <translation>第 {row} 行的统一社会信用代码与此相同：同一企业只能导入一次。</translation>
    </message>
    <message>
        <source>The row names no zone: fill in the zone code, or choose the zone to import into.</source>
        <translation>此行没有填写园区：请填写园区代码，或选择导入的园区。</translation>
    </message>
    <message>
        <source>This row is for a zone you do not work for: its staff import it.</source>
        <translation>此行属于您不负责的园区：请由该园区的工作人员导入。</translation>
    </message>
    <message>
        <source>A firm with a close name is registered already: “{name}”, credit code {uscc}. Is this another firm?</source>
        <translation>已登记一家名称相近的企业：“{name}”，统一社会信用代码 {uscc}。这是另一家企业吗？</translation>
    </message>
    <message>
        <source>A firm with a close name is registered already in another zone. Is this another firm?</source>
        <translation>其他园区已登记一家名称相近的企业。这是另一家企业吗？</translation>
    </message>
    <message>
        <source>This credit code is already registered in another zone.</source>
        <translation>该信用代码已在其他园区登记。</translation>
    </message>
    <message>
        <source>The firm is a tenant of another zone: move it in its own window, which asks for the date of the move.</source>
        <translation>该企业入驻在其他园区：请在企业窗口中办理迁移，届时会要求填写迁移日期。</translation>
    </message>
    <message>
        <source>The firm&apos;s tenancy is unit {unit}, {area} m², from {start}: an import does not change a tenancy. Change it in the firm&apos;s window, or write it as it is.</source>
        <translation>该企业的入驻信息为房号 {unit}、{area} 平方米、自 {start} 起：导入不会修改入驻信息。请在企业窗口中修改，或按现有信息填写。</translation>
    </message>
    <message>
        <source>Choose a zone from the list.</source>
        <translation>请从列表中选择园区。</translation>
    </message>
    <message>
        <source>The floor area must be more than 0 m².</source>
        <translation>面积必须大于 0 平方米。</translation>
    </message>
    <message>
        <source>The firm already has an open tenancy: close it or move the firm.</source>
        <translation>该企业已有在租记录：请先退租或办理迁移。</translation>
    </message>
    <message>
        <source>The first month comes after the last one.</source>
        <translation>起始月份晚于截止月份。</translation>
    </message>
    <message>
        <source>A confirmation cannot cover months still to come.</source>
        <translation>确认书不能包含尚未到来的月份。</translation>
    </message>
    <message>
        <source>{name} has no approved subsidies in this zone from {first} to {last}: there is nothing to confirm.</source>
        <translation>{name}在本园区 {first} 至 {last} 期间没有已批准的补贴，无可确认内容。</translation>
    </message>
    <message>
        <source>There is no such award of this firm in this zone.</source>
        <translation>该企业在本园区没有这项奖励。</translation>
    </message>
    <message>
        <source>Only an approved award that was not reversed can be certified.</source>
        <translation>只有已批准且未冲销的奖励才能出具证明。</translation>
    </message>
    <message>
        <source>{name} is not a tenant of this zone today: no tenancy confirmation can be issued.</source>
        <translation>{name}目前不是本园区的入驻企业，不能出具入驻证明。</translation>
    </message>
    <message>
        <source>Unknown kind of certificate.</source>
        <translation>未知的证明书类型。</translation>
    </message>
    <message>
        <source>There is no such firm in this zone: it does not exist, or it has never been a tenant here.</source>
        <translation>本园区没有这家企业：它不存在，或从未在本园区入驻。</translation>
    </message>
    <message>
        <source>This firm no longer exists.</source>
        <translation>该企业已不存在。</translation>
    </message>
    <message>
        <source>Someone else saved this firm after you opened it. Reload it to see their changes, then make yours again.</source>
        <translation>您打开此企业后，其他人已保存过修改。请重新加载查看其修改，然后再做您的修改。</translation>
    </message>
    <message>
        <source>This credit code does not need a confirmation.</source>
        <translation>该信用代码无需确认。</translation>
    </message>
    <message>
        <source>A password needs at least {min} characters.</source>
        <translation>密码至少需要 {min} 个字符。</translation>
    </message>
    <message>
        <source>Choose a role from the list.</source>
        <translation>请从列表中选择角色。</translation>
    </message>
    <message>
        <source>A clerk or reviewer needs at least one zone.</source>
        <translation>办事员或审核员至少要负责一个园区。</translation>
    </message>
    <message>
        <source>Choose zones from the list.</source>
        <translation>请从列表中选择园区。</translation>
    </message>
    <message>
        <source>A user name has 3 to 32 lower-case letters, digits, dots, dashes or underscores.</source>
        <translation>用户名为 3 至 32 个小写字母、数字、点、连字符或下划线。</translation>
    </message>
    <message>
        <source>This user name is taken.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <source>The value given here is of the wrong kind.</source>
        <translation>此处填写的值类型不对。</translation>
    </message>
    <message>
        <source>A whole number is needed here.</source>
        <translation>此处需要填写整数。</translation>
    </message>
    <message>
        <source>This number is too large to be stored.</source>
        <translation>此数字过大，无法保存。</translation>
    </message>
    <message>
        <source>Text is needed here.</source>
        <translation>此处需要填写文字。</translation>
    </message>
    <message>
        <source>This text contains a character that cannot be stored (a broken or control character): type it again.</source>
        <translation>此文字含有无法保存的字符（残缺字符或控制字符）：请重新输入。</translation>
    </message>
    <message>
        <source>A yes or no is needed here.</source>
        <translation>此处需要选择“是”或“否”。</translation>
    </message>
    <message>
        <source>A date is needed here.</source>
        <translation>此处需要填写日期。</translation>
    </message>
    <message>
        <source>A date and time is needed here.</source>
        <translation>此处需要填写日期和时间。</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填。</translation>
    </message>
    <message>
        <source>A list is needed here.</source>
        <translation>此处需要一个列表。</translation>
    </message>
    <message>
        <source>At most {max} items at once.</source>
        <translation>一次最多 {max} 项。</translation>
    </message>
    <message>
        <source>This account no longer exists.</source>
        <translation>该账号已不存在。</translation>
    </message>
    <message>
        <source>Someone else changed this account after you opened it. Reload and try again.</source>
        <translation>您打开此账号后，其他人已修改过它。请重新加载后再试。</translation>
    </message>
    <message>
        <source>At least one active administrator must remain.</source>
        <translation>至少要保留一名在用的管理员。</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>The start date must be after the last tenancy ended ({date}).</source>
        <translation>入驻日期必须晚于上一次租约结束日期（{date}）。</translation>
    </message>
    <message>
        <source>The firm has no open tenancy.</source>
        <translation>该企业没有在租记录。</translation>
    </message>
    <message>
        <source>The end date cannot be before the tenancy started ({date}).</source>
        <translation>结束日期不能早于入驻日期（{date}）。</translation>
    </message>
    <message>
        <source>The firm is already in this zone: choose another.</source>
        <translation>该企业已在此园区，请选择其他园区。</translation>
    </message>
    <message>
        <source>The move date must be after the current tenancy started ({date}).</source>
        <translation>迁移日期必须晚于当前入驻日期（{date}）。</translation>
    </message>
    <message>
        <source>A bill cannot be negative.</source>
        <translation>账单金额不能为负数。</translation>
    </message>
    <message>
        <source>A bill of more than 1,000,000,000 yuan is surely a typing slip.</source>
        <translation>账单超过 10 亿元，应是输入有误。</translation>
    </message>
    <message>
        <source>“{text}” contains characters the certificate font cannot print ({chars}). Correct the record, or ask an administrator to add a font that has them; nothing was issued.</source>
        <translation>“{text}”含有证明书字体无法打印的字符（{chars}）。请更正记录，或请管理员添加包含这些字符的字体；未出具任何证明书。</translation>
    </message>
    <message>
        <source>This zone does not exist.</source>
        <translation>该园区不存在。</translation>
    </message>
    <message>
        <source>What this certificate says is too long for a QR code a phone reads from paper ({length} characters, at most {max}): shorten the firm&apos;s name, the unit or the bank as recorded; nothing was issued.</source>
        <translation>证明书内容过长，无法生成手机可从纸面识读的二维码（{length} 个字符，最多 {max} 个）：请缩短所记录的企业名称、房号或银行名称；未出具任何证明书。</translation>
    </message>
    <message>
        <source>This is not a batch of this program.</source>
        <translation>这不是本程序的签发批次。</translation>
    </message>
    <message>
        <source>Certificate {serial} was revoked and cannot be printed again.</source>
        <translation>证明书 {serial} 已作废，不能再次打印。</translation>
    </message>
    <message>
        <source>Say why the certificate is revoked.</source>
        <translation>请填写作废原因。</translation>
    </message>
    <message>
        <source>Choose the certificates to revoke.</source>
        <translation>请选择要作废的证明。</translation>
    </message>
    <message>
        <source>This batch changed since you looked at it: reload and try again.</source>
        <translation>您查看之后，该批次已有变动：请刷新后重试。</translation>
    </message>
    <message>
        <source>At most {max} characters.</source>
        <translation>最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>Certificate {serial} is already revoked.</source>
        <translation>证明书 {serial} 已经作废。</translation>
    </message>
    <message>
        <source>Someone changed this certificate meanwhile: reload and try again.</source>
        <translation>此证明书已被他人修改，请刷新后重试。</translation>
    </message>
    <message>
        <source>{firm}, {category} bill of {period}: {reason}</source>
        <translation>{firm}，{period} {category}账单：{reason}</translation>
    </message>
    <message>
        <source>{name} is not a tenant of this zone in {period}: no entry can be made.</source>
        <translation>{name} 在 {period} 不是本园区的入驻企业，不能登记。</translation>
    </message>
    <message>
        <source>Someone else saved this bill after you opened the sheet: reload the sheet to see it, then type yours again.</source>
        <translation>您打开账单后，其他人已保存了这条账单：请重新加载查看，然后再录入您的数据。</translation>
    </message>
    <message>
        <source>This bill was already submitted ({status}): it cannot be typed over.</source>
        <translation>该账单已提交（{status}），不能覆盖修改。</translation>
    </message>
    <message>
        <source>Only drafts can be deleted; entry {id} is {status}.</source>
        <translation>只有草稿可以删除；第 {id} 条为{status}。</translation>
    </message>
    <message>
        <source>Unknown category {category}.</source>
        <translation>未知的类别：{category}。</translation>
    </message>
    <message>
        <source>The share of the bill is between 0 % and 100 %.</source>
        <translation>补贴比例应在 0% 至 100% 之间。</translation>
    </message>
    <message>
        <source>This cannot be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <source>All budgets together would reach ¥{total}, over the programme cap of ¥{cap} by ¥{over}.</source>
        <translation>全部预算合计将达 ¥{total}，超出项目总额度 ¥{cap} 共 ¥{over}。</translation>
    </message>
    <message>
        <source>Unknown setting.</source>
        <translation>未知的设置项。</translation>
    </message>
    <message>
        <source>The budgets already given out total ¥{total}: the cap cannot be lower.</source>
        <translation>已下达预算合计 ¥{total}，总额度不能低于此数。</translation>
    </message>
    <message>
        <source>{period} is already closed.</source>
        <translation>{period} 已结账。</translation>
    </message>
    <message>
        <source>{period} is not closed.</source>
        <translation>{period} 未结账。</translation>
    </message>
    <message>
        <source>At most {max} here.</source>
        <translation>此处最多为 {max}。</translation>
    </message>
    <message>
        <source>This amount is too large: at most ¥{max}.</source>
        <translation>金额过大：最多 ¥{max}。</translation>
    </message>
    <message>
        <source>Choose a year between {first} and {last}.</source>
        <translation>请选择 {first} 至 {last} 之间的年份。</translation>
    </message>
    <message>
        <source>A phone number has digits, spaces, +, - and brackets only.</source>
        <translation>电话号码只能包含数字、空格、+、- 和括号。</translation>
    </message>
    <message>
        <source>This is not an e-mail address (name@example.com).</source>
        <translation>邮箱地址格式不正确（例如 name@example.com）。</translation>
    </message>
    <message>
        <source>This date is in the future.</source>
        <translation>该日期晚于今天。</translation>
    </message>
    <message>
        <source>Enter the floor area in square metres, e.g. 120.5.</source>
        <translation>请输入面积（平方米），例如 120.5。</translation>
    </message>
    <message>
        <source>This zone no longer exists.</source>
        <translation>该园区已不存在。</translation>
    </message>
    <message>
        <source>Someone else saved this zone after you opened it. Reload and try again.</source>
        <translation>您打开此园区后，其他人已保存过修改。请重新加载后再试。</translation>
    </message>
    <message>
        <source>Choose a district from the list.</source>
        <translation>请从列表中选择区。</translation>
    </message>
    <message>
        <source>Enter the unified social credit code (18 characters).</source>
        <translation>请输入统一社会信用代码（18 位）。</translation>
    </message>
    <message>
        <source>Character {position} is “{char}”: a credit code never uses I, O, S, V or Z.</source>
        <translation>第 {position} 位是“{char}”：统一社会信用代码不使用 I、O、S、V、Z。</translation>
    </message>
    <message>
        <source>Character {position} is “{char}”: a credit code has only digits and capital letters.</source>
        <translation>第 {position} 位是“{char}”：统一社会信用代码只含数字和大写字母。</translation>
    </message>
    <message>
        <source>A credit code has 18 characters; this one has {length}.</source>
        <translation>统一社会信用代码应为 18 位，现为 {length} 位。</translation>
    </message>
    <message>
        <source>The check character is “{actual}” but should be “{expected}”. Early pilot codes can be like this: a reviewer must confirm the code against the business licence.</source>
        <translation>校验位是“{actual}”，按规则应为“{expected}”。早期试点代码可能如此：须由审核员对照营业执照确认。</translation>
    </message>
    <message>
        <source>Entry {id} no longer exists.</source>
        <translation>第 {id} 条记录已不存在。</translation>
    </message>
    <message>
        <source>Entry {id} is no longer waiting for review (it is {status}): reload the queue.</source>
        <translation>第 {id} 条已不在待审状态（现为{status}），请刷新待审列表。</translation>
    </message>
    <message>
        <source>Entry {id} was entered by you: another reviewer must decide it.</source>
        <translation>第 {id} 条由您本人录入，须由其他审核员审核。</translation>
    </message>
    <message>
        <source>Approving this would exceed the {year} {category} budget of {zone} by ¥{over} (¥{left} left, ¥{wanted} asked).</source>
        <translation>审核通过将超出{zone} {year} 年{category}预算 ¥{over}（剩余 ¥{left}，申请 ¥{wanted}）。</translation>
    </message>
    <message>
        <source>The guaranteed loans would exceed the programme quota of ¥{quota}.</source>
        <translation>担保贷款将超出项目额度 ¥{quota}。</translation>
    </message>
    <message>
        <source>The guarantees of this firm would exceed ¥{cap} in total.</source>
        <translation>该企业担保总额将超过 ¥{cap}。</translation>
    </message>
    <message>
        <source>Say why the entries are rejected.</source>
        <translation>请填写退回原因。</translation>
    </message>
    <message>
        <source>No subsidy rate is set for {category} in {period}: ask an administrator.</source>
        <translation>{period} 没有设定{category}补贴比例，请联系管理员。</translation>
    </message>
    <message>
        <source>{period} is closed: it accepts no new, changed, approved or reversed entry.</source>
        <translation>{period} 已结账：不能新增、修改、审核或冲销记录。</translation>
    </message>
    <message>
        <source>A month is written like 2026-11.</source>
        <translation>月份的写法如 2026-11。</translation>
    </message>
    <message>
        <source>No subsidy rate is set for {category} in {period}.</source>
        <translation>{period} 未设定{category}补贴比例。</translation>
    </message>
    <message>
        <source>The rate for {category} is 0 % in {period}.</source>
        <translation>{period} {category}补贴比例为 0%。</translation>
    </message>
    <message>
        <source>{rate} % of this bill is less than one fen.</source>
        <translation>本账单的 {rate}% 不足一分。</translation>
    </message>
    <message>
        <source>Yearly cap of ¥{cap} reached</source>
        <translation>已达年度上限 ¥{cap}</translation>
    </message>
    <message>
        <source>Limited by the yearly cap of ¥{cap}: ¥{left} of it was left.</source>
        <translation>受年度上限 ¥{cap} 限制，仅余 ¥{left}。</translation>
    </message>
    <message>
        <source>land</source>
        <translation>土地</translation>
    </message>
    <message>
        <source>electricity</source>
        <translation>电费</translation>
    </message>
    <message>
        <source>water</source>
        <translation>水费</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>little-giant awards</source>
        <translation>专精特新奖励</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>There is no such certificate.</source>
        <translation>没有这份证明书。</translation>
    </message>
    <message>
        <source>Choose a month, a quarter or a year between 2000 and 2100.</source>
        <translation>请选择 2000 至 2100 年之间的月份、季度或年度。</translation>
    </message>
    <message>
        <source>Choose a zone.</source>
        <translation>请选择园区。</translation>
    </message>
    <message>
        <source>This is not a Zone Desk public key file.</source>
        <translation>这不是 Zone Desk 公钥文件。</translation>
    </message>
    <message>
        <source>The key file is damaged: its key id does not match the key.</source>
        <translation>密钥文件已损坏：密钥编号与密钥不符。</translation>
    </message>
    <message>
        <source>Say whose key this is.</source>
        <translation>请填写此密钥所属单位。</translation>
    </message>
    <message>
        <source>This is this database&apos;s own key (key id {key_id}), not another office&apos;s.</source>
        <translation>这是本数据库自己的密钥（密钥编号 {key_id}），不是其他办公室的密钥。</translation>
    </message>
    <message>
        <source>This key is already trusted (key id {key_id}).</source>
        <translation>此密钥已受信任（密钥编号 {key_id}）。</translation>
    </message>
    <message>
        <source>This change</source>
        <translation>此项修改</translation>
    </message>
    <message>
        <source>Logging in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Creating the first administrator</source>
        <translation>创建首位管理员</translation>
    </message>
    <message>
        <source>Changing your password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Registering the firm</source>
        <translation>登记企业</translation>
    </message>
    <message>
        <source>Saving the firm</source>
        <translation>保存企业信息</translation>
    </message>
    <message>
        <source>Confirming the credit code</source>
        <translation>确认信用代码</translation>
    </message>
    <message>
        <source>Opening the tenancy</source>
        <translation>办理入驻</translation>
    </message>
    <message>
        <source>Closing the tenancy</source>
        <translation>办理迁出</translation>
    </message>
    <message>
        <source>Moving the firm</source>
        <translation>迁移企业</translation>
    </message>
    <message>
        <source>Saving the zone</source>
        <translation>保存园区信息</translation>
    </message>
    <message>
        <source>Creating the account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>Saving the account</source>
        <translation>保存账号</translation>
    </message>
    <message>
        <source>Activating or deactivating the account</source>
        <translation>启用或停用账号</translation>
    </message>
    <message>
        <source>Unlocking the account</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <source>Resetting the password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Saving the bills</source>
        <translation>保存账单</translation>
    </message>
    <message>
        <source>Submitting the entries</source>
        <translation>提交补贴记录</translation>
    </message>
    <message>
        <source>Deleting the drafts</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <source>Reversing the entry</source>
        <translation>冲销补贴记录</translation>
    </message>
    <message>
        <source>Approving</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <source>Rejecting</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Recording the little-giant award</source>
        <translation>登记“小巨人”奖励</translation>
    </message>
    <message>
        <source>Recording the loan guarantee</source>
        <translation>登记贷款担保</translation>
    </message>
    <message>
        <source>Submitting the awards</source>
        <translation>提交奖励</translation>
    </message>
    <message>
        <source>Reversing the award</source>
        <translation>冲销奖励</translation>
    </message>
    <message>
        <source>Saving the subsidy rate</source>
        <translation>保存补贴比例</translation>
    </message>
    <message>
        <source>Saving the budget</source>
        <translation>保存预算</translation>
    </message>
    <message>
        <source>Saving the programme limit</source>
        <translation>保存政策限额</translation>
    </message>
    <message>
        <source>Saving the award amount</source>
        <translation>保存奖励金额</translation>
    </message>
    <message>
        <source>Closing the month</source>
        <translation>月份结账</translation>
    </message>
    <message>
        <source>Reopening the month</source>
        <translation>重新开放月份</translation>
    </message>
    <message>
        <source>Issuing the certificates</source>
        <translation>签发证明</translation>
    </message>
    <message>
        <source>Reprinting the certificate</source>
        <translation>补打证明</translation>
    </message>
    <message>
        <source>Revoking the certificate</source>
        <translation>作废证明</translation>
    </message>
    <message>
        <source>Importing the public key</source>
        <translation>导入公钥</translation>
    </message>
    <message>
        <source>Naming the office that holds the key</source>
        <translation>设置密钥持有单位</translation>
    </message>
    <message>
        <source>This is not an anchor code: it reads ZDA1, the event number and 64 hex digits, separated by dots.</source>
        <translation>这不是锚定码：锚定码由 ZDA1、事件序号和 64 位十六进制数字组成，以点号分隔。</translation>
    </message>
    <message>
        <source>The folder of the signing keys ({path}) belongs to another user of this computer; nothing was signed.</source>
        <translation>签名密钥所在文件夹（{path}）属于本电脑的另一位用户；未签署任何内容。</translation>
    </message>
    <message>
        <source>The signing key file {path} could be read by other users of this computer, so it may have been copied; nothing was signed. An administrator should replace this database&apos;s key.</source>
        <translation>签名密钥文件 {path} 可被本电脑的其他用户读取，可能已被复制；未签署任何内容。请管理员更换本数据库的密钥。</translation>
    </message>
    <message>
        <source>The signing key file {path} was made for another database; nothing was signed.</source>
        <translation>签名密钥文件 {path} 是为另一个数据库生成的；未签署任何内容。</translation>
    </message>
    <message>
        <source>The signing key file {path} is damaged; nothing was signed. An administrator can replace this database&apos;s key.</source>
        <translation>签名密钥文件 {path} 已损坏；未签署任何内容。管理员可更换本数据库的密钥。</translation>
    </message>
    <message>
        <source>it is cut off: shorter than its own header says</source>
        <translation>文件不完整：比其文件头所记录的短</translation>
    </message>
    <message>
        <source>SQLite finds broken pages in it</source>
        <translation>SQLite 发现其中有损坏的数据页</translation>
    </message>
    <message>
        <source>the record of its schema version is damaged</source>
        <translation>其结构版本记录已损坏</translation>
    </message>
    <message>
        <source>its audit trail was removed</source>
        <translation>其审计记录已被删除</translation>
    </message>
    <message>
        <source>{file} is damaged ({cause}), so nothing can be saved to it. Restore a backup: they are in {folder}, and the newest is {backup}.</source>
        <translation>{file} 已损坏（{cause}），无法再保存任何内容。请恢复备份：备份位于 {folder}，最新的是 {backup}。</translation>
    </message>
    <message>
        <source>{file} is damaged ({cause}), so nothing can be saved to it. No backup of it was found in {folder}: open another file.</source>
        <translation>{file} 已损坏（{cause}），无法再保存任何内容。在 {folder} 中未找到它的备份：请打开其他文件。</translation>
    </message>
    <message>
        <source>There is no Zone Desk database at {file}. Check the name, or create a new database there.</source>
        <translation>{file} 处没有园区服务台数据库。请检查文件名，或在该处新建数据库。</translation>
    </message>
    <message>
        <source>No database can be made at {file}: the folder cannot be written. Choose another folder.</source>
        <translation>无法在 {file} 新建数据库：该文件夹不可写入。请选择其他文件夹。</translation>
    </message>
    <message>
        <source>{file} is not a Zone Desk database: it is not a database file at all. It was left as it is: open another file.</source>
        <translation>{file} 不是园区服务台数据库：它根本不是数据库文件。文件未作任何改动：请打开其他文件。</translation>
    </message>
    <message>
        <source>{file} is another program&apos;s database, not a Zone Desk one. It was left as it is: open another file.</source>
        <translation>{file} 是其他程序的数据库，不是园区服务台数据库。文件未作任何改动：请打开其他文件。</translation>
    </message>
    <message>
        <source>{file} was written by a newer Zone Desk (its schema is {found}; this program knows schemas up to {known}). It was left as it is: open it with the newer Zone Desk.</source>
        <translation>{file} 由更新版本的园区服务台写入（其结构版本为 {found}；本程序只识别到 {known}）。文件未作任何改动：请用新版园区服务台打开。</translation>
    </message>
    <message>
        <source>{file} must first be brought up to this Zone Desk&apos;s schema, but it cannot be written (a read-only medium or folder). Copy it to a writable folder and open the copy.</source>
        <translation>{file} 需先升级到本版园区服务台的结构，但它无法写入（只读介质或只读文件夹）。请复制到可写的文件夹并打开副本。</translation>
    </message>
    <message>
        <source>{file} cannot be written: it is on a read-only medium or in a read-only folder. It can be opened for reading only, or copied to a writable folder and opened there.</source>
        <translation>{file} 无法写入：它位于只读介质或只读文件夹中。可以只读方式打开，或复制到可写的文件夹后再打开。</translation>
    </message>
    <message>
        <source>{action} was not saved: {file} is open for reading only.</source>
        <translation>{action}未保存：{file} 以只读方式打开。</translation>
    </message>
    <message>
        <source>{action} waited more than {seconds} seconds for another program that is writing to {file}, and was not saved. What you typed is kept: try again in a moment.</source>
        <translation>{action}等待另一个正在写入 {file} 的程序超过 {seconds} 秒，未能保存。您输入的内容仍然保留：请稍后重试。</translation>
    </message>
    <message>
        <source>{action} was not saved: the disk that holds {file} is full. Nothing else was lost. Free some space on that disk, then try again; you can go on reading meanwhile.</source>
        <translation>{action}未保存：存放 {file} 的磁盘已满。其他内容均未丢失。请清理该磁盘的空间后重试；在此期间仍可查阅。</translation>
    </message>
    <message>
        <source>{action} was not saved: {file} cannot be written (a read-only medium or folder).</source>
        <translation>{action}未保存：{file} 无法写入（只读介质或只读文件夹）。</translation>
    </message>
    <message>
        <source>This database file has lost its identity, so it cannot sign; nothing was signed. Restore a backup.</source>
        <translation>此数据库文件的身份标识已丢失，因此无法签名；未签署任何内容。请恢复备份。</translation>
    </message>
    <message>
        <source>The signing key {key_id} is already on this database as a retired or another office&apos;s key, and cannot become its key again; nothing was signed.</source>
        <translation>签名密钥 {key_id} 已作为停用密钥或其他办公室的密钥登记在本数据库中，不能再成为本数据库的密钥；未签署任何内容。</translation>
    </message>
    <message>
        <source>The signing key {key_id} is not this database&apos;s key: a database signs only with the key made for it. Nothing was signed.</source>
        <translation>签名密钥 {key_id} 不是本数据库的密钥：数据库只用为其生成的密钥签名。未签署任何内容。</translation>
    </message>
    <message>
        <source>This database&apos;s signing key ({key_id}) is missing from {folder}; nothing was signed. An administrator can replace the key; certificates already issued stay valid.</source>
        <translation>本数据库的签名密钥（{key_id}）不在 {folder} 中；未签署任何内容。管理员可更换密钥；已签发的证明仍然有效。</translation>
    </message>
    <message>
        <source>Name the office that signs this database&apos;s certificates.</source>
        <translation>请填写签发本数据库证明的单位名称。</translation>
    </message>
    <message>
        <source>Say why the key is replaced.</source>
        <translation>请说明更换密钥的原因。</translation>
    </message>
    <message>
        <source>{file} is from an older Zone Desk and must be brought up to this one&apos;s schema before it can be read, which writes to it. Open it for work instead.</source>
        <translation>{file} 来自旧版园区服务台，须先升级到本版结构才能读取，而升级会写入文件。请改为以正常方式打开。</translation>
    </message>
    <message>
        <source>The audit trail holds no event up to then: there is no chain head to print.</source>
        <translation>截至该时间审计记录中没有任何记录，无链头可打印。</translation>
    </message>
    <message>
        <source>This is not a chain head statement&apos;s code: it was altered or damaged, or read incompletely.</source>
        <translation>这不是审计链头声明的核验码：可能被改动、损坏或未完整读取。</translation>
    </message>
    <message>
        <source>Firm registered</source>
        <translation>企业登记</translation>
    </message>
    <message>
        <source>Firm details changed</source>
        <translation>企业信息修改</translation>
    </message>
    <message>
        <source>Firm moved to another zone</source>
        <translation>企业迁往其他园区</translation>
    </message>
    <message>
        <source>Credit code confirmed</source>
        <translation>信用代码确认</translation>
    </message>
    <message>
        <source>Little-giant level recorded</source>
        <translation>记录专精特新等级</translation>
    </message>
    <message>
        <source>Tenancy opened</source>
        <translation>入驻</translation>
    </message>
    <message>
        <source>Tenancy closed</source>
        <translation>退租</translation>
    </message>
    <message>
        <source>Bill saved as draft</source>
        <translation>账单存为草稿</translation>
    </message>
    <message>
        <source>Draft bill changed</source>
        <translation>草稿账单修改</translation>
    </message>
    <message>
        <source>Bill submitted</source>
        <translation>账单提交</translation>
    </message>
    <message>
        <source>Draft bill deleted</source>
        <translation>草稿账单删除</translation>
    </message>
    <message>
        <source>Reversal of an entry entered</source>
        <translation>录入冲销</translation>
    </message>
    <message>
        <source>Entry reversed</source>
        <translation>账目已冲销</translation>
    </message>
    <message>
        <source>Entry approved</source>
        <translation>账目审核通过</translation>
    </message>
    <message>
        <source>Entry sent back</source>
        <translation>账目退回</translation>
    </message>
    <message>
        <source>Entry loaded (demo)</source>
        <translation>账目载入（演示）</translation>
    </message>
    <message>
        <source>Award recorded</source>
        <translation>奖励录入</translation>
    </message>
    <message>
        <source>Award submitted</source>
        <translation>奖励提交</translation>
    </message>
    <message>
        <source>Reversal of an award entered</source>
        <translation>录入奖励冲销</translation>
    </message>
    <message>
        <source>Award reversed</source>
        <translation>奖励已冲销</translation>
    </message>
    <message>
        <source>Award approved</source>
        <translation>奖励审核通过</translation>
    </message>
    <message>
        <source>Award sent back</source>
        <translation>奖励退回</translation>
    </message>
    <message>
        <source>Award loaded (demo)</source>
        <translation>奖励载入（演示）</translation>
    </message>
    <message>
        <source>Certificate issued</source>
        <translation>开具证明</translation>
    </message>
    <message>
        <source>Certificate reprinted</source>
        <translation>补打证明</translation>
    </message>
    <message>
        <source>Certificate revoked</source>
        <translation>作废证明</translation>
    </message>
    <message>
        <source>Subsidy rate set</source>
        <translation>设定补贴标准</translation>
    </message>
    <message>
        <source>Budget set</source>
        <translation>设定预算</translation>
    </message>
    <message>
        <source>Programme limit set</source>
        <translation>设定项目上限</translation>
    </message>
    <message>
        <source>Award amount set</source>
        <translation>设定奖励金额</translation>
    </message>
    <message>
        <source>Month closed</source>
        <translation>月份结账</translation>
    </message>
    <message>
        <source>Month reopened</source>
        <translation>月份重开</translation>
    </message>
    <message>
        <source>Zone changed</source>
        <translation>园区信息修改</translation>
    </message>
    <message>
        <source>First administrator created</source>
        <translation>创建首位管理员</translation>
    </message>
    <message>
        <source>Account created</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>Account changed</source>
        <translation>账号修改</translation>
    </message>
    <message>
        <source>Account activated</source>
        <translation>启用账号</translation>
    </message>
    <message>
        <source>Account deactivated</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Log-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号锁定</translation>
    </message>
    <message>
        <source>Own password changed</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Password change failed</source>
        <translation>修改密码失败</translation>
    </message>
    <message>
        <source>Signing key made</source>
        <translation>生成签名密钥</translation>
    </message>
    <message>
        <source>Signing key replaced</source>
        <translation>更换签名密钥</translation>
    </message>
    <message>
        <source>Signing key retired</source>
        <translation>停用签名密钥</translation>
    </message>
    <message>
        <source>Key holder named</source>
        <translation>指定密钥持有单位</translation>
    </message>
    <message>
        <source>Public key imported</source>
        <translation>导入公钥</translation>
    </message>
    <message>
        <source>Reference data loaded</source>
        <translation>载入基础数据</translation>
    </message>
    <message>
        <source>Backup folder changed</source>
        <translation>更改备份文件夹</translation>
    </message>
    <message>
        <source>File marked as demo data (演示数据)</source>
        <translation>文件标记为演示数据</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>备份已恢复</translation>
    </message>
    <message>
        <source>Chain head statement printed</source>
        <translation>打印审计链头声明</translation>
    </message>
    <message>
        <source>Firms imported from a file</source>
        <translation>从文件导入企业</translation>
    </message>
    <message>
        <source>Bills imported from a file</source>
        <translation>从文件导入账单</translation>
    </message>
    <message>
        <source>Entry #{id}</source>
        <translation>账目 #{id}</translation>
    </message>
    <message>
        <source>Award #{id}</source>
        <translation>奖励 #{id}</translation>
    </message>
    <message>
        <source>Certificate #{id}</source>
        <translation>证明 #{id}</translation>
    </message>
    <message>
        <source>Tenancy #{id}</source>
        <translation>入驻 #{id}</translation>
    </message>
    <message>
        <source>Subsidy rate #{id}</source>
        <translation>补贴标准 #{id}</translation>
    </message>
    <message>
        <source>Budget #{id}</source>
        <translation>预算 #{id}</translation>
    </message>
    <message>
        <source>Programme limit {id}</source>
        <translation>项目上限 {id}</translation>
    </message>
    <message>
        <source>Award amount #{id}</source>
        <translation>奖励金额 #{id}</translation>
    </message>
    <message>
        <source>Month {id}</source>
        <translation>月份 {id}</translation>
    </message>
    <message>
        <source>Signing key {id}</source>
        <translation>签名密钥 {id}</translation>
    </message>
    <message>
        <source>Reference list {id}</source>
        <translation>基础数据 {id}</translation>
    </message>
    <message>
        <source>Office setting {id}</source>
        <translation>单位设置 {id}</translation>
    </message>
    <message>
        <source>Database file {id}</source>
        <translation>数据库文件 {id}</translation>
    </message>
    <message>
        <source>Audit trail up to event {id}</source>
        <translation>截至第 {id} 号的审计记录</translation>
    </message>
    <message>
        <source>Account #{id}</source>
        <translation>账号 #{id}</translation>
    </message>
    <message>
        <source>Zone #{id}</source>
        <translation>园区 #{id}</translation>
    </message>
    <message>
        <source>Firm #{id}</source>
        <translation>企业 #{id}</translation>
    </message>
    <message>
        <source>Imported file {id}</source>
        <translation>导入文件 {id}</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设定值</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Registered capital (yuan)</source>
        <translation>注册资本（元）</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业领域</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>从业人员（人）</translation>
    </message>
    <message>
        <source>Annual revenue (yuan)</source>
        <translation>年营业收入（元）</translation>
    </message>
    <message>
        <source>Total assets (yuan)</source>
        <translation>资产总额（元）</translation>
    </message>
    <message>
        <source>Core technology</source>
        <translation>核心技术</translation>
    </message>
    <message>
        <source>Core technology note</source>
        <translation>核心技术说明</translation>
    </message>
    <message>
        <source>Little-giant level</source>
        <translation>专精特新认定等级</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Credit code check</source>
        <translation>信用代码校验</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Billed (yuan)</source>
        <translation>账单金额（元）</translation>
    </message>
    <message>
        <source>Subsidy (yuan)</source>
        <translation>补贴金额（元）</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Value (yuan)</source>
        <translation>数值（元）</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Bill no.</source>
        <translation>账单号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reviewer&apos;s note</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Failed log-ins</source>
        <translation>登录失败次数</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Prints</source>
        <translation>打印次数</translation>
    </message>
    <message>
        <source>Reason for revoking</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Yearly cap (yuan)</source>
        <translation>年度上限（元）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Loan (yuan)</source>
        <translation>贷款（元）</translation>
    </message>
    <message>
        <source>Term (months)</source>
        <translation>期限（月）</translation>
    </message>
    <message>
        <source>Entered by (account no.)</source>
        <translation>录入人（账号编号）</translation>
    </message>
    <message>
        <source>Entered at</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>Reviewed by (account no.)</source>
        <translation>审核人（账号编号）</translation>
    </message>
    <message>
        <source>Reviewed at</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <source>Reverses entry no.</source>
        <translation>冲销的账目编号</translation>
    </message>
    <message>
        <source>Reversed by entry no.</source>
        <translation>被冲销账目编号</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Issuing office</source>
        <translation>开具单位</translation>
    </message>
    <message>
        <source>Retired at</source>
        <translation>停用时间</translation>
    </message>
    <message>
        <source>Retired by (account no.)</source>
        <translation>停用人（账号编号）</translation>
    </message>
    <message>
        <source>Reason for retiring</source>
        <translation>停用原因</translation>
    </message>
    <message>
        <source>From month</source>
        <translation>起始月份</translation>
    </message>
    <message>
        <source>To month</source>
        <translation>截止月份</translation>
    </message>
    <message>
        <source>Issued by (account no.)</source>
        <translation>开具人（账号编号）</translation>
    </message>
    <message>
        <source>Issued at</source>
        <translation>开具时间</translation>
    </message>
    <message>
        <source>Revoked by (account no.)</source>
        <translation>作废人（账号编号）</translation>
    </message>
    <message>
        <source>Revoked at</source>
        <translation>作废时间</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Number in the year</source>
        <translation>年度序号</translation>
    </message>
    <message>
        <source>Award no.</source>
        <translation>奖励编号</translation>
    </message>
    <message>
        <source>Tenancy no.</source>
        <translation>入驻编号</translation>
    </message>
    <message>
        <source>Added by (account no.)</source>
        <translation>添加人（账号编号）</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>This database&apos;s own key</source>
        <translation>本数据库自有密钥</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结账</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>SHA-256 of the file</source>
        <translation>文件的 SHA-256 值</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Changes recorded</source>
        <translation>记录的变更数</translation>
    </message>
    <message>
        <source>New rows</source>
        <translation>新增行数</translation>
    </message>
    <message>
        <source>Updated rows</source>
        <translation>更新行数</translation>
    </message>
    <message>
        <source>Unchanged rows</source>
        <translation>未变行数</translation>
    </message>
    <message>
        <source>Rows kept as they were</source>
        <translation>保持原样的行数</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已更改</translation>
    </message>
    <message>
        <source>{file} does not check out: it has a table the program never made: {name}.</source>
        <translation>{file} 未通过检查：其中有本程序从未创建的数据表：{name}。</translation>
    </message>
    <message>
        <source>{file} does not check out: it has an index the program never made: {name}.</source>
        <translation>{file} 未通过检查：其中有本程序从未创建的索引：{name}。</translation>
    </message>
    <message>
        <source>{file} does not check out: it has a trigger the program never made: {name}.</source>
        <translation>{file} 未通过检查：其中有本程序从未创建的触发器：{name}。</translation>
    </message>
    <message>
        <source>{file} does not check out: it has a view the program never made: {name}.</source>
        <translation>{file} 未通过检查：其中有本程序从未创建的视图：{name}。</translation>
    </message>
    <message>
        <source>{file} does not check out: its table {name} has been removed.</source>
        <translation>{file} 未通过检查：其中的数据表 {name} 已被删除。</translation>
    </message>
    <message>
        <source>{file} does not check out: its index {name} has been removed.</source>
        <translation>{file} 未通过检查：其中的索引 {name} 已被删除。</translation>
    </message>
    <message>
        <source>{file} does not check out: its trigger {name} has been removed.</source>
        <translation>{file} 未通过检查：其中的触发器 {name} 已被删除。</translation>
    </message>
    <message>
        <source>{file} does not check out: its view {name} has been removed.</source>
        <translation>{file} 未通过检查：其中的视图 {name} 已被删除。</translation>
    </message>
    <message>
        <source>{file} does not check out: its table {name} has been changed.</source>
        <translation>{file} 未通过检查：其中的数据表 {name} 已被改动。</translation>
    </message>
    <message>
        <source>{file} does not check out: its index {name} has been changed.</source>
        <translation>{file} 未通过检查：其中的索引 {name} 已被改动。</translation>
    </message>
    <message>
        <source>{file} does not check out: its trigger {name} has been changed.</source>
        <translation>{file} 未通过检查：其中的触发器 {name} 已被改动。</translation>
    </message>
    <message>
        <source>{file} does not check out: its view {name} has been changed.</source>
        <translation>{file} 未通过检查：其中的视图 {name} 已被改动。</translation>
    </message>
    <message>
        <source>There is no file at {file}.</source>
        <translation>{file} 处没有文件。</translation>
    </message>
    <message>
        <source>{file} is not a Zone Desk backup: it is not a database file at all.</source>
        <translation>{file} 不是园区服务台的备份：它根本不是数据库文件。</translation>
    </message>
    <message>
        <source>{file} is another program&apos;s database, not a Zone Desk backup.</source>
        <translation>{file} 是其他程序的数据库，不是园区服务台的备份。</translation>
    </message>
    <message>
        <source>{file} was made by a newer Zone Desk (its schema is {found}; this program knows schemas up to {known}). Restore it with the newer Zone Desk.</source>
        <translation>{file} 由更新版本的园区服务台制作（其数据结构版本为 {found}；本程序最高支持 {known}）。请用更新版本的园区服务台恢复。</translation>
    </message>
    <message>
        <source>{file} is damaged ({cause}): it cannot be restored.</source>
        <translation>{file} 已损坏（{cause}），无法恢复。</translation>
    </message>
    <message>
        <source>{file} is damaged: SQLite&apos;s integrity check finds broken pages in it.</source>
        <translation>{file} 已损坏：SQLite 完整性检查发现其中有损坏的页。</translation>
    </message>
    <message>
        <source>{file} is damaged: some of its rows refer to rows that are not there (table {table}).</source>
        <translation>{file} 已损坏：部分记录引用了不存在的记录（表 {table}）。</translation>
    </message>
    <message>
        <source>{file} does not check out: its audit trail is broken or its rows differ from it, so it may have been changed behind the program&apos;s back ({detail}).</source>
        <translation>{file} 未通过检查：其审计记录链已断开或数据与审计记录不符，可能曾被绕过本程序修改（{detail}）。</translation>
    </message>
    <message>
        <source>{file} is at schema {found}, not at this program&apos;s {known}.</source>
        <translation>{file} 的数据结构版本为 {found}，不是本程序的 {known}。</translation>
    </message>
    <message>
        <source>{file} is damaged: reading it failed.</source>
        <translation>{file} 已损坏：读取失败。</translation>
    </message>
    <message>
        <source>Choose a whole folder path, such as D:\Backups.</source>
        <translation>请选择完整的文件夹路径，例如 D:\Backups。</translation>
    </message>
    <message>
        <source>The folder {folder} is not there.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be written: choose another.</source>
        <translation>文件夹 {folder} 无法写入，请另选一个。</translation>
    </message>
    <message>
        <source>No backup was made: the disk that holds the backup folder {folder} is full. The earlier backups are kept.</source>
        <translation>未能备份：备份文件夹 {folder} 所在的磁盘已满。以前的备份均已保留。</translation>
    </message>
    <message>
        <source>No backup was made: the backup folder {folder} cannot be written (a read-only drive or folder). The earlier backups are kept.</source>
        <translation>未能备份：备份文件夹 {folder} 无法写入（只读的磁盘或文件夹）。以前的备份均已保留。</translation>
    </message>
    <message>
        <source>No backup was made: writing to the backup folder {folder} failed. The earlier backups are kept.</source>
        <translation>未能备份：写入备份文件夹 {folder} 失败。以前的备份均已保留。</translation>
    </message>
    <message>
        <source>No backup was made: the backup folder {folder} is not there (a drive that is not plugged in?). The earlier backups are kept.</source>
        <translation>未能备份：找不到备份文件夹 {folder}（移动硬盘或U盘未插上？）。以前的备份均已保留。</translation>
    </message>
    <message>
        <source>No backup was made: the copy of {database} did not check out ({reason}). The earlier backups are kept.</source>
        <translation>未能备份：{database} 的副本未通过检查（{reason}）。以前的备份均已保留。</translation>
    </message>
    <message>
        <source>Nothing was restored: {file} is open in another program or on another PC. Close it there, then restore again.</source>
        <translation>未恢复任何内容：{file} 正在其他程序或其他电脑上打开。请先在那里关闭，再重新恢复。</translation>
    </message>
    <message>
        <source>Nothing was restored: no safety backup of the current file could be made ({reason}).</source>
        <translation>未恢复任何内容：无法为当前文件制作安全备份（{reason}）。</translation>
    </message>
    <message>
        <source>Nothing was restored: no safety copy of the current file could be made.</source>
        <translation>未恢复任何内容：无法为当前文件制作安全副本。</translation>
    </message>
    <message>
        <source>Nothing was restored: {file} could not be read.</source>
        <translation>未恢复任何内容：无法读取 {file}。</translation>
    </message>
    <message>
        <source>Nothing was restored: the copy of {file} did not check out.</source>
        <translation>未恢复任何内容：{file} 的副本未通过检查。</translation>
    </message>
    <message>
        <source>Nothing was restored: {file} is a backup of another database, not of {database}.</source>
        <translation>未恢复任何内容：{file} 是另一个数据库的备份，不是 {database} 的备份。</translation>
    </message>
    <message>
        <source>{file} is the database itself, not a backup.</source>
        <translation>{file} 是数据库本身，不是备份。</translation>
    </message>
    <message>
        <source>the audit trail&apos;s index of firms and zones differs from the events (event {seq})</source>
        <translation>审计记录的企业和园区索引与记录不一致（第 {seq} 号记录）</translation>
    </message>
    <message>
        <source>the audit table</source>
        <translation>审计记录表</translation>
    </message>
    <message>
        <source>the audit table (auditevent) is missing</source>
        <translation>审计记录表（auditevent）不见了</translation>
    </message>
    <message>
        <source>its column {column} is missing</source>
        <translation>其中的列 {column} 不见了</translation>
    </message>
    <message>
        <source>it holds a value of a wrong type</source>
        <translation>其中有类型错误的值</translation>
    </message>
    <message>
        <source>event {seq}</source>
        <translation>第 {seq} 号记录</translation>
    </message>
    <message>
        <source>the first event is numbered {seq}, and the trail starts at 1</source>
        <translation>第一条记录的编号为 {seq}，而审计记录应从 1 开始</translation>
    </message>
    <message>
        <source>the first event</source>
        <translation>第一条记录</translation>
    </message>
    <message>
        <source>event {gap} is missing: the next one is {seq}</source>
        <translation>第 {gap} 号记录缺失：其后一条为第 {seq} 号</translation>
    </message>
    <message>
        <source>events {gap} to {last} are missing: the next one is {seq}</source>
        <translation>第 {gap} 至 {last} 号记录缺失：其后一条为第 {seq} 号</translation>
    </message>
    <message>
        <source>does not follow the event before it</source>
        <translation>与前一条记录衔接不上</translation>
    </message>
    <message>
        <source>its content was changed after it was written</source>
        <translation>内容在写入后被改动</translation>
    </message>
    <message>
        <source>the trigger {name} that protects the audit table was removed</source>
        <translation>保护审计记录表的触发器 {name} 已被删除</translation>
    </message>
    <message>
        <source>the trigger {name} that protects the audit table was changed</source>
        <translation>保护审计记录表的触发器 {name} 已被改动</translation>
    </message>
    <message>
        <source>the audit head</source>
        <translation>审计链头记录</translation>
    </message>
    <message>
        <source>the table that records the newest event (audithead) is missing</source>
        <translation>记录最新一条记录的表（audithead）不见了</translation>
    </message>
    <message>
        <source>it cannot be read ({error})</source>
        <translation>无法读取（{error}）</translation>
    </message>
    <message>
        <source>the record of the newest event was deleted (the trail ends at event {last})</source>
        <translation>最新一条记录的登记已被删除（审计记录止于第 {last} 号）</translation>
    </message>
    <message>
        <source>it holds {kind} where the program writes the newest event&apos;s number and hash</source>
        <translation>本程序写入最新记录编号和哈希值之处存放的是{kind}</translation>
    </message>
    <message>
        <source>event {last} was added behind the program&apos;s back (the newest event it recorded is {head})</source>
        <translation>第 {last} 号记录是绕过本程序添加的（登记的最新记录为第 {head} 号）</translation>
    </message>
    <message>
        <source>events {first} to {last} were added behind the program&apos;s back (the newest event it recorded is {head})</source>
        <translation>第 {first} 至 {last} 号记录是绕过本程序添加的（登记的最新记录为第 {head} 号）</translation>
    </message>
    <message>
        <source>event {head} is missing (the newest event recorded is {head}, the trail ends at {last})</source>
        <translation>第 {head} 号记录缺失（登记的最新记录为第 {head} 号，审计记录止于第 {last} 号）</translation>
    </message>
    <message>
        <source>events {first} to {head} are missing (the newest event recorded is {head}, the trail ends at {last})</source>
        <translation>第 {first} 至 {head} 号记录缺失（登记的最新记录为第 {head} 号，审计记录止于第 {last} 号）</translation>
    </message>
    <message>
        <source>its hash does not match event {last}, the newest: one of them was changed</source>
        <translation>其哈希值与最新的第 {last} 号记录不符：其中之一已被改动</translation>
    </message>
    <message>
        <source>The file has no sheet to read.</source>
        <translation>文件中没有可读取的工作表。</translation>
    </message>
    <message>
        <source>Sheet “{sheet}” has no category column and its name is not a category: add a column 类别 (土地, 电, 水 or 网络), or name the sheet after its category.</source>
        <translation>工作表“{sheet}”没有“类别”列，名称也不是类别：请添加“类别”列（土地、电、水或网络），或将工作表以其类别命名。</translation>
    </message>
    <message>
        <source>Row {row} is the same firm&apos;s bill for the same category: a month has one bill a category, so add them up into one row.</source>
        <translation>第 {row} 行是同一企业同一类别的账单：每月每个类别只有一笔账单，请合并为一行。</translation>
    </message>
    <message>
        <source>Already {status}: left as it is (¥{amount} in the sheet).</source>
        <translation>已{status}：保持不变（账单表中为 ¥{amount}）。</translation>
    </message>
    <message>
        <source>No firm has this credit code: register the firm first.</source>
        <translation>没有企业使用此统一社会信用代码：请先登记该企业。</translation>
    </message>
    <message>
        <source>Several of the zone&apos;s firms have this name: write the credit code.</source>
        <translation>本园区有多家企业使用此名称：请填写统一社会信用代码。</translation>
    </message>
    <message>
        <source>No tenant of this zone has this name: write the credit code, or the name as the program has it.</source>
        <translation>本园区没有此名称的入驻企业：请填写统一社会信用代码，或按系统中的名称填写。</translation>
    </message>
    <message>
        <source>The credit code {value} was saved as a number and has lost digits. Format the column as text and type the codes again.</source>
        <translation>统一社会信用代码 {value} 被保存为数字，已丢失部分位数。请将该列设置为文本格式，然后重新输入代码。</translation>
    </message>
    <message>
        <source>The credit code {value} has 17 digits: its leading zero was probably lost because the cell is a number. Format the column as text and type the code again with its 18 characters.</source>
        <translation>统一社会信用代码 {value} 只有 17 位：单元格为数字格式，开头的 0 可能已丢失。请将该列设置为文本格式，重新输入完整的 18 位代码。</translation>
    </message>
    <message>
        <source>{value} is below zero. Type the number without a minus sign.</source>
        <translation>{value} 小于零。请输入不带负号的数字。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount. Type the amount in yuan, such as 12345.67, ¥12,345.67 or 1.2万元.</source>
        <translation>“{value}”不是金额。请以元为单位输入，例如 12345.67、¥12,345.67 或 1.2万元。</translation>
    </message>
    <message>
        <source>{value} has more than two decimals as yuan. Round it to the fen (two decimals).</source>
        <translation>{value} 以元计超过两位小数。请四舍五入到分（两位小数）。</translation>
    </message>
    <message>
        <source>“{value}” is not a floor area. Type the square metres, such as 120.5 or 120.5㎡.</source>
        <translation>“{value}”不是面积。请输入平方米数，例如 120.5 或 120.5㎡。</translation>
    </message>
    <message>
        <source>“{value}” is not a quantity. Type a number, such as 5230 or 5230.5.</source>
        <translation>“{value}”不是数量。请输入数字，例如 5230 或 5230.5。</translation>
    </message>
    <message>
        <source>{value} has more than two decimals. Round it to two.</source>
        <translation>{value} 超过两位小数。请保留两位小数。</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number. Type a number such as 35.</source>
        <translation>“{value}”不是整数。请输入整数，例如 35。</translation>
    </message>
    <message>
        <source>“{value}” is not a date. Type it as 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305.</source>
        <translation>“{value}”不是日期。请按 2024-03-05、2024/3/5、2024.3.5、2024年3月5日 或 20240305 的格式填写。</translation>
    </message>
    <message>
        <source>{value} is not a day of the calendar: that month has no such day. Correct the date.</source>
        <translation>{value} 不是有效日期：该月没有这一天。请更正日期。</translation>
    </message>
    <message>
        <source>“{value}” is neither yes nor no. Type 是 or 否, or leave the cell empty for no.</source>
        <translation>“{value}”既不是“是”也不是“否”。请填写“是”或“否”，留空表示否。</translation>
    </message>
    <message>
        <source>“{value}” is not one of the words this column takes: {words}.</source>
        <translation>“{value}”不是本列可填写的内容，可填写：{words}。</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>带 BOM 的 UTF-8</translation>
    </message>
    <message>
        <source>{file} is not text in UTF-8 or GB18030: the byte at position {offset} fits neither. Open it in Excel or WPS and save it again as .xlsx or as “CSV UTF-8”, then import that copy.</source>
        <translation>{file} 不是 UTF-8 或 GB18030 编码的文本：位置 {offset} 处的字节两种编码都无法识别。请在 Excel 或 WPS 中打开，另存为 .xlsx 或“CSV UTF-8”后再导入该文件。</translation>
    </message>
    <message>
        <source>18 characters. Format the column as text, or Excel turns the code into a number and loses its last digits.</source>
        <translation>共 18 位。请将该列设置为文本格式，否则 Excel 会把代码变成数字并丢失末尾几位。</translation>
    </message>
    <message>
        <source>As on the business licence; at most 100 characters.</source>
        <translation>与营业执照一致；最多 100 个字。</translation>
    </message>
    <message>
        <source>In yuan; 500万元 and ¥5,000,000.00 are read too.</source>
        <translation>单位为元；也可填写 500万元 或 ¥5,000,000.00。</translation>
    </message>
    <message>
        <source>A date: 2019-03-05, 2019/3/5 or 2019年3月5日.</source>
        <translation>日期：2019-03-05、2019/3/5 或 2019年3月5日。</translation>
    </message>
    <message>
        <source>One of the sectors in the program&apos;s list.</source>
        <translation>系统列表中的行业领域之一。</translation>
    </message>
    <message>
        <source>One of the industries of the size-class rules (工业, 软件和信息技术服务业 …).</source>
        <translation>企业规模划型标准中的行业之一（工业、软件和信息技术服务业……）。</translation>
    </message>
    <message>
        <source>Needed for the industries whose size class counts assets.</source>
        <translation>按资产总额划型的行业须填写。</translation>
    </message>
    <message>
        <source>是 or empty.</source>
        <translation>填“是”或留空。</translation>
    </message>
    <message>
        <source>Empty, 市级专精特新 or 国家级小巨人.</source>
        <translation>留空、市级专精特新或国家级小巨人。</translation>
    </message>
    <message>
        <source>Needed when the firm has a little-giant level.</source>
        <translation>企业有专精特新等级时须填写。</translation>
    </message>
    <message>
        <source>The zone&apos;s code, or its name in the next column; when both are empty the zone chosen for the import is taken.</source>
        <translation>园区代码，或在下一列填写园区名称；两者都为空时，归入导入时所选的园区。</translation>
    </message>
    <message>
        <source>Unit, floor area and tenancy start: all three, or none.</source>
        <translation>房号、面积和入驻日期：三项都填，或都不填。</translation>
    </message>
    <message>
        <source>The firm&apos;s credit code, or its name in the next column.</source>
        <translation>企业的统一社会信用代码，或在下一列填写企业名称。</translation>
    </message>
    <message>
        <source>土地, 电, 水 or 网络. Without this column each sheet is named after its category.</source>
        <translation>土地、电、水或网络。没有此列时，每个工作表以其类别命名。</translation>
    </message>
    <message>
        <source>Certificates cannot print {chars}: write the name as the licence prints it in common characters, or register this firm in its own window.</source>
        <translation>证明无法打印 {chars}：请用常用字按营业执照填写名称，或在企业窗口中单独登记此企业。</translation>
    </message>
    <message>
        <source>This row cannot be read: check its values.</source>
        <translation>无法读取此行：请检查其中的内容。</translation>
    </message>
    <message>
        <source>There is no zone “{zone}”: write a zone&apos;s code (Z01) or its name as the program lists it.</source>
        <translation>没有园区“{zone}”：请填写园区代码（如 Z01）或系统列表中的园区名称。</translation>
    </message>
    <message>
        <source>A tenancy needs its unit, floor area and start date: this one is missing.</source>
        <translation>入驻信息须包括房号、面积和入驻日期：缺少此项。</translation>
    </message>
    <message>
        <source>No row of column headers was found in the first {count} rows. The list needs a row of headers above it, such as {headers}.</source>
        <translation>前 {count} 行中没有找到列标题行。名单上方需要一行列标题，例如 {headers}。</translation>
    </message>
    <message>
        <source>Column {column} has data but no header. Type its header in row {row}; a header cell merged over several columns shows this way: unmerge it and give each column its own header.</source>
        <translation>{column} 列有数据但没有列标题。请在第 {row} 行填写该列标题；跨多列合并的标题单元格也会出现这种情况：请取消合并，为每一列单独填写标题。</translation>
    </message>
    <message>
        <source>Columns {first} and {second} both hold “{header}”. Keep one of them, or rename the other.</source>
        <translation>{first} 列和 {second} 列都是“{header}”。请保留其中一列，或将另一列改名。</translation>
    </message>
    <message>
        <source>The column “{header}” is missing. Add it with this header, or rename the column that holds it.</source>
        <translation>缺少“{header}”列。请添加以此为标题的列，或将包含该内容的列改为此标题。</translation>
    </message>
    <message>
        <source>The list needs one of the columns {headers}. Add one of them.</source>
        <translation>名单需要包含 {headers} 中的至少一列。请添加其中一列。</translation>
    </message>
    <message>
        <source>{file} holds {count} rows; at most {limit} are imported at once. Split the list into files of at most {limit} rows and import them one after another.</source>
        <translation>{file} 共有 {count} 行，一次最多导入 {limit} 行。请将名单拆分为每个不超过 {limit} 行的文件，逐个导入。</translation>
    </message>
    <message>
        <source>{file} is empty: there is nothing to import. Choose the file that holds the list, or save the list again from Excel or WPS.</source>
        <translation>{file} 是空文件，没有可导入的内容。请选择包含名单的文件，或在 Excel 或 WPS 中重新保存名单。</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” of {file} is empty. Choose the sheet that holds the list.</source>
        <translation>{file} 中的工作表“{sheet}”是空的。请选择包含名单的工作表。</translation>
    </message>
    <message>
        <source>{file} cannot be read: it is damaged or not a spreadsheet. Open it in Excel or WPS and save it again as .xlsx, then import that copy.</source>
        <translation>无法读取 {file}：文件已损坏或不是电子表格。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入该文件。</translation>
    </message>
    <message>
        <source>{file} is not a file this import reads. Save the list from Excel or WPS as .xlsx, .xlsm, .xls or .csv, then choose that file.</source>
        <translation>无法导入 {file} 这种文件。请在 Excel 或 WPS 中将名单保存为 .xlsx、.xlsm、.xls 或 .csv 格式，然后选择该文件。</translation>
    </message>
    <message>
        <source>{file} cannot be opened: {reason}. Check that the file is still there and that you may read it; if it is open in Excel or WPS, close it there first.</source>
        <translation>无法打开 {file}：{reason}。请确认文件仍在原处且您有权读取；如文件正在 Excel 或 WPS 中打开，请先关闭。</translation>
    </message>
    <message>
        <source>{file} is protected by a password. Open it in Excel or WPS, remove the password (File › Info › Protect Workbook › Encrypt with Password, or WPS&apos;s File › Document Encryption), save it, then import it again.</source>
        <translation>{file} 设有密码保护。请在 Excel 或 WPS 中打开并取消密码（Excel：文件 › 信息 › 保护工作簿 › 用密码进行加密；WPS：文件 › 文档加密），保存后重新导入。</translation>
    </message>
    <message>
        <source>Every sheet of {file} is hidden. In Excel or WPS, unhide the sheet that holds the list (right-click a sheet tab › Unhide), save the file, then import it again.</source>
        <translation>{file} 的所有工作表均已隐藏。请在 Excel 或 WPS 中取消隐藏包含名单的工作表（右键单击工作表标签 › 取消隐藏），保存后重新导入。</translation>
    </message>
    <message>
        <source>{file} has no sheet named “{sheet}”. Its sheets are: {sheets}.</source>
        <translation>{file} 中没有名为“{sheet}”的工作表。其工作表有：{sheets}。</translation>
    </message>
    <message>
        <source>One firm per row.</source>
        <translation>每行填写一家企业。</translation>
    </message>
    <message>
        <source>One bill per row.</source>
        <translation>每行填写一笔账单。</translation>
    </message>
    <message>
        <source>The first row is the header: keep its texts; the columns may come in any order, and those not needed may be left out.</source>
        <translation>第一行为表头，请勿修改表头文字；各列顺序不限，用不到的列可以删除。</translation>
    </message>
    <message>
        <source>The shaded columns marked * are required.</source>
        <translation>带 * 号且有底色的列为必填项。</translation>
    </message>
    <message>
        <source>Each row needs the firm&apos;s credit code or its name.</source>
        <translation>每行须填写企业的统一社会信用代码或企业名称。</translation>
    </message>
    <message>
        <source>Either one sheet with a 类别 column, or one sheet per category named 土地, 电, 水 or 网络.</source>
        <translation>可全部放在一个工作表中并填写“类别”列，也可每个类别一个工作表，工作表分别命名为土地、电、水、网络。</translation>
    </message>
    <message>
        <source>Categories: 土地 (land), 电 (electricity), 水 (water), 网络 (Internet).</source>
        <translation>类别：土地、电、水、网络。</translation>
    </message>
    <message>
        <source>Amounts are in yuan.</source>
        <translation>金额单位为元。</translation>
    </message>
    <message>
        <source>Delete the example row before importing.</source>
        <translation>导入前请删除示例行。</translation>
    </message>
    <message>
        <source>Save the file as .xlsx, or as CSV (UTF-8 or GB18030).</source>
        <translation>请保存为 .xlsx 文件，或 CSV 文件（UTF-8 或 GB18030 编码）。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列名</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Text, 18 characters</source>
        <translation>文本，18 位</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Number, in m²</source>
        <translation>数字，单位为平方米</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>是 or 否</source>
        <translation>是或否</translation>
    </message>
    <message>
        <source>A word from the list</source>
        <translation>从列表中选择</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>行业领域</translation>
    </message>
    <message>
        <source>Industries</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Zone codes</source>
        <translation>园区代码</translation>
    </message>
    <message>
        <source>This value is not in the list; the import will check it.</source>
        <translation>该值不在列表中，导入时将进行核对。</translation>
    </message>
    <message>
        <source>The server refused this change: it is beyond what your account may do. Nothing was saved.</source>
        <translation>服务器拒绝了此项修改：超出了您的账户权限。未保存任何内容。</translation>
    </message>
    <message>
        <source>This server cannot sign certificates: its signing functions were not installed. The district&apos;s IT should run “zonedesk server init” again as the server&apos;s superuser (see docs/server.md); nothing was signed.</source>
        <translation>此服务器无法签发证明：签名功能尚未安装。请区里的信息技术人员以服务器超级用户身份再次运行“zonedesk server init”（见 docs/server.md）；未签发任何证明。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Firm or record</source>
        <translation>企业或记录</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>改动</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>开具日期</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>开具人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Prints</source>
        <translation>打印次数</translation>
    </message>
    <message>
        <source>Reason revoked</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>行业领域</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Little giant</source>
        <translation>专精特新</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Registered capital (yuan)</source>
        <translation>注册资本（元）</translation>
    </message>
    <message>
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>所属行业</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>从业人员（人）</translation>
    </message>
    <message>
        <source>Annual revenue (yuan)</source>
        <translation>年营业收入（元）</translation>
    </message>
    <message>
        <source>Total assets (yuan)</source>
        <translation>资产总额（元）</translation>
    </message>
    <message>
        <source>Core technology</source>
        <translation>核心技术</translation>
    </message>
    <message>
        <source>Core technology note</source>
        <translation>核心技术说明</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Recognised on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <source>Zone code</source>
        <translation>园区代码</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房号</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>面积（平方米）</translation>
    </message>
    <message>
        <source>Tenancy from</source>
        <translation>入驻日期</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Billed (yuan)</source>
        <translation>账单金额（元）</translation>
    </message>
    <message>
        <source>Subsidy (yuan)</source>
        <translation>补贴金额（元）</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Reviewed at</source>
        <translation>审核时间</translation>
    </message>
    <message>
        <source>Bill or document no.</source>
        <translation>账单号或文号</translation>
    </message>
    <message>
        <source>Reason or note</source>
        <translation>原因或备注</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Bill or loan (yuan)</source>
        <translation>账单或贷款（元）</translation>
    </message>
    <message>
        <source>Reverses No.</source>
        <translation>冲销编号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Award or guaranteed (yuan)</source>
        <translation>奖励或担保金额（元）</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>银行</translation>
    </message>
    <message>
        <source>Loan (yuan)</source>
        <translation>贷款（元）</translation>
    </message>
    <message>
        <source>Term (months)</source>
        <translation>期限（月）</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>District</source>
        <translation>所在区</translation>
    </message>
    <message>
        <source>Service centre</source>
        <translation>服务中心</translation>
    </message>
    <message>
        <source>Firms</source>
        <translation>企业数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Reverses #{id}</source>
        <translation>冲销 #{id}</translation>
    </message>
    <message>
        <source>Reversed by #{id}</source>
        <translation>已被 #{id} 冲销</translation>
    </message>
    <message>
        <source>Reversal #{id} waiting for review</source>
        <translation>冲销 #{id} 待审核</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>To be confirmed</source>
        <translation>待核实</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>All zones</source>
        <translation>全部园区</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>A list can be exported as .xlsx or .csv only, not as {suffix}.</source>
        <translation>列表只能导出为 .xlsx 或 .csv，不能导出为 {suffix}。</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>Exporting the list…</source>
        <translation>正在导出列表…</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Kept as it is</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Needs a decision</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Credit code checked against the licence</source>
        <translation>已对照营业执照核实统一社会信用代码</translation>
    </message>
    <message>
        <source>Another firm than the one with the close name</source>
        <translation>与名称相近的企业不是同一家</translation>
    </message>
    <message>
        <source>{column}: {message}</source>
        <translation>{column}：{message}</translation>
    </message>
    <message>
        <source>{rows} rows: {counts}</source>
        <translation>共 {rows} 行：{counts}</translation>
    </message>
    <message>
        <source>{name} - refused rows.xlsx</source>
        <translation>{name} - 未导入的行.xlsx</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Row in the file</source>
        <translation>原行号</translation>
    </message>
    <message>
        <source>Importing bills needs --zone (the zone&apos;s code) and --month (YYYY-MM).</source>
        <translation>导入账单需要 --zone（园区代码）和 --month（YYYY-MM）。</translation>
    </message>
    <message>
        <source>{file}: no such file.</source>
        <translation>{file}：没有这个文件。</translation>
    </message>
    <message>
        <source>There is no zone {zone}: give a zone&apos;s code, such as Z01.</source>
        <translation>没有园区 {zone}：请填写园区代码，例如 Z01。</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>无法写入 {file}：{reason}</translation>
    </message>
    <message>
        <source>The refused rows and their reasons: {file}</source>
        <translation>被拒绝的行及其原因：{file}</translation>
    </message>
    <message>
        <source>Nothing was imported. Fix the refused rows, make the decisions in the program&apos;s import window, and import the file again.</source>
        <translation>未导入任何内容。请改正被拒绝的行，在程序的导入窗口中完成确认，然后重新导入该文件。</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>已导入。</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>试运行：未写入任何内容。</translation>
    </message>
    <message>
        <source>Nothing to import: every row is as the program has it.</source>
        <translation>没有需要导入的内容：每一行都与系统中的记录相同。</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Clerk</source>
        <translation>办事员</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在园</translation>
    </message>
    <message>
        <source>Moved out</source>
        <translation>已迁出</translation>
    </message>
    <message>
        <source>Deregistered</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Municipal specialised (专精特新)</source>
        <translation>市级专精特新</translation>
    </message>
    <message>
        <source>National little giant (小巨人)</source>
        <translation>国家级专精特新“小巨人”</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大型</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中型</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>小型</translation>
    </message>
    <message>
        <source>Micro</source>
        <translation>微型</translation>
    </message>
    <message>
        <source>Not determined</source>
        <translation>无法判定</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Check failed: awaiting a reviewer</source>
        <translation>校验未通过：待审核员确认</translation>
    </message>
    <message>
        <source>Check failed: confirmed by a reviewer</source>
        <translation>校验未通过：审核员已确认</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>English</source>
        <translation>中文</translation>
    </message>
</context>
<context>
    <name>modals</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Something went wrong and nothing was saved. The details are in the log file.</source>
        <translation>出现错误，未保存任何内容。详细信息已记入日志文件。</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>Land</source>
        <translation>土地</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>电费</translation>
    </message>
    <message>
        <source>Water</source>
        <translation>水费</translation>
    </message>
    <message>
        <source>Internet</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Little-giant award</source>
        <translation>专精特新奖励</translation>
    </message>
    <message>
        <source>Loan guarantee</source>
        <translation>贷款担保</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Approved, reversed</source>
        <translation>已通过，已冲销</translation>
    </message>
    <message>
        <source>Municipal specialised (专精特新)</source>
        <translation>市级专精特新</translation>
    </message>
    <message>
        <source>National little giant (小巨人)</source>
        <translation>国家级专精特新“小巨人”</translation>
    </message>
    <message>
        <source>Programme budget cap (all zones&apos; budgets together)</source>
        <translation>项目预算总额度（各园区预算合计）</translation>
    </message>
    <message>
        <source>Quota of guaranteed bank loans</source>
        <translation>担保贷款总额度</translation>
    </message>
    <message>
        <source>Guarantees per firm, in total</source>
        <translation>每家企业担保总额上限</translation>
    </message>
</context>
<context>
    <name>money_labels</name>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}</translation>
    </message>
</context>
<context>
    <name>verification</name>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Forged: signed with this office&apos;s key, but never issued here</source>
        <translation>伪造：带有本办公室的签名，但从未在此签发</translation>
    </message>
    <message>
        <source>Content altered or signature does not match</source>
        <translation>内容被篡改或签名不符</translation>
    </message>
    <message>
        <source>Signing key unknown: possibly issued by another service centre; import its public key</source>
        <translation>签名密钥未知：可能是其他服务中心签发，请导入其公钥</translation>
    </message>
    <message>
        <source>No certificate with this serial</source>
        <translation>查无此编号的证明</translation>
    </message>
    <message>
        <source>Not a certificate code or serial</source>
        <translation>无法识别：不是证明二维码或编号</translation>
    </message>
    <message>
        <source>Months {first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>Unit {unit}, {area} m², since {since}</source>
        <translation>房号 {unit}，{area} 平方米，自 {since} 起</translation>
    </message>
    <message>
        <source>{level}, recognised on {day}, {document}</source>
        <translation>{level}，{day} 认定，{document}</translation>
    </message>
    <message>
        <source>{bank}, loan {loan}, {months} months</source>
        <translation>{bank}，贷款 {loan}，期限 {months} 个月</translation>
    </message>
</context>
</TS>
