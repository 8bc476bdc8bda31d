"""The demo database's staff accounts (all with the same password, shown in README.md)."""

from dataclasses import dataclass

DEMO_PASSWORD = "zonedesk2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    role: str
    zone_codes: tuple[str, ...]


ACCOUNTS = (
    DemoAccount("admin", "系统管理员", "admin", ()),
    DemoAccount("auditor", "审计员 钱敏", "auditor", ()),
    DemoAccount("clerk01", "办事员 张伟", "clerk", ("Z01",)),
    DemoAccount("clerk02", "办事员 李娜", "clerk", ("Z02", "Z03")),
    DemoAccount("reviewer01", "审核员 王芳", "reviewer", ("Z01",)),
    DemoAccount("reviewer02", "审核员 刘洋", "reviewer", ("Z02", "Z03")),
    # the other zones' bills of the demo year were typed and reviewed by these two
    DemoAccount("democlerk", "办事员（演示数据）", "clerk", tuple(f"Z{n:02d}" for n in range(4, 56))),
    DemoAccount("demoreviewer", "审核员（演示数据）", "reviewer", tuple(f"Z{n:02d}" for n in range(4, 56))),
)
