"""Reads the program's source for what breaks on Windows alone: POSIX-only calls outside a
branch that checks the platform, and text files opened without an explicit encoding (Windows
opens them in the locale's code page: GBK on a Chinese PC, cp1252 on an English one).
tests/rules/test_windows_ready.py runs these over db/, desktop/ and documents/."""

import ast
from functools import cache
from pathlib import Path

POSIX_MODULES = frozenset({"fcntl", "pwd", "grp", "termios", "resource", "tty", "pty", "posix",
                           "syslog", "crypt", "spwd", "nis", "curses", "readline"})
POSIX_ATTRIBUTES = {
    "os": frozenset({
        "getuid", "geteuid", "getgid", "getegid", "getgroups", "setuid", "seteuid", "setgid",
        "setegid", "setgroups", "getresuid", "getresgid", "fork", "forkpty", "register_at_fork",
        "chown", "lchown", "fchown", "fchmod", "lchmod", "chroot", "killpg", "setsid", "getsid",
        "setpgrp", "setpgid", "getpgid", "getpgrp", "tcgetpgrp", "mkfifo", "mknod", "nice",
        "getpriority", "setpriority", "sync", "pipe2", "sched_setaffinity", "sched_getaffinity",
        "getloadavg", "statvfs", "fstatvfs", "uname", "wait3", "wait4", "waitid", "WNOHANG",
        "WUNTRACED", "ttyname", "openpty", "posix_spawn", "posix_spawnp", "posix_fadvise",
        "posix_fallocate", "sendfile", "pread", "pwrite", "O_NOFOLLOW", "O_DIRECTORY",
        "O_CLOEXEC", "O_NONBLOCK", "O_SYNC", "O_DSYNC", "symlink", "get_blocking",
        "set_blocking"}),
    "signal": frozenset({
        "SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGQUIT", "SIGCHLD", "SIGPIPE",
        "SIGSTOP", "SIGCONT", "SIGTSTP", "SIGWINCH", "alarm", "pause", "setitimer", "getitimer",
        "siginterrupt", "pthread_kill", "pthread_sigmask", "sigwait"}),
    "shutil": frozenset({"chown"}),
    "time": frozenset({"tzset"}),
    "socket": frozenset({"AF_UNIX"}),
}
POSIX_METHODS = frozenset({"symlink_to", "lchmod"})
PLATFORM_READS = frozenset({("sys", "platform"), ("os", "name"), ("platform", "system")})
EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)
MISSING_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "AttributeError"})


@cache
def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _platform_flags(tree: ast.Module) -> set[str]:
    """Module names set from a platform test (`POSIX = os.name == "posix"`)."""
    return {target.id for node in tree.body if isinstance(node, ast.Assign)
            and _checks_platform(node.value, set())
            for target in node.targets if isinstance(target, ast.Name)}


def _checks_platform(test: ast.AST, flags: set[str]) -> bool:
    for node in ast.walk(test):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and (node.value.id, node.attr) in PLATFORM_READS):
            return True
        if isinstance(node, ast.Name) and node.id in flags:
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "hasattr":
            return True
    return False


def _catches_missing(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in MISSING_ERRORS for n in names)


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST], flags: set[str]) -> bool:
    """Inside a branch on the platform, after an early exit on it (`if not POSIX: return`),
    behind `POSIX and …`, or in a `try` that catches the module or name being missing."""
    child = node
    while child in parents:
        parent = parents[child]
        if (isinstance(parent, ast.If | ast.IfExp | ast.While) and child is not parent.test
                and _checks_platform(parent.test, flags)):
            return True
        if isinstance(parent, ast.BoolOp) and any(
                _checks_platform(v, flags) for v in parent.values[:parent.values.index(child)]):
            return True
        if (isinstance(parent, ast.Try) and child in parent.body
                and any(_catches_missing(h) for h in parent.handlers)):
            return True
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and child in block:
                for earlier in block[:block.index(child)]:
                    if (isinstance(earlier, ast.If) and _checks_platform(earlier.test, flags)
                            and isinstance(earlier.body[-1], EXITS)):
                        return True
        child = parent
    return False


def _posix_uses(tree: ast.AST) -> list[tuple[ast.AST, str]]:
    found: list[tuple[ast.AST, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node, a.name) for a in node.names if a.name.split(".")[0] in POSIX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] in POSIX_MODULES:
                found.append((node, node.module))
            found += [(node, f"{node.module}.{a.name}") for a in node.names
                      if a.name in POSIX_ATTRIBUTES.get(node.module, ())]
        elif isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.attr in POSIX_ATTRIBUTES.get(node.value.id, ()):
                found.append((node, f"{node.value.id}.{node.attr}"))
            elif node.attr in POSIX_METHODS:
                found.append((node, f".{node.attr}"))
    return found


def posix_only_calls(path: Path) -> list[str]:
    """`file:line name` of each POSIX-only module or call not behind a platform check."""
    tree = _parsed(path)
    parents, flags = _parents(tree), _platform_flags(tree)
    return [f"{path.name}:{node.lineno} {name}" for node, name in
            sorted(_posix_uses(tree), key=lambda found: found[0].lineno)
            if not _guarded(node, parents, flags)]


def _text_mode(mode: ast.AST | None) -> bool | None:
    """True: text, False: binary, None: cannot tell (a variable)."""
    if mode is None:
        return True
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
        return "b" not in mode.value
    return None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    return call.args[position] if len(call.args) > position else None


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        owner = func.value.id + "." if isinstance(func.value, ast.Name) else "."
        return owner + func.attr
    return ""


def _handler_classes(tree: ast.AST) -> set[str]:
    """Classes of the file that are file handlers of logging (`class PrivateLogFile(Rotating…)`)."""
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any(getattr(b, "id", getattr(b, "attr", "")).endswith("FileHandler")
                    for b in node.bases)}


def _needs_encoding(call: ast.Call, handlers: set[str]) -> bool:
    """A call that opens a text file and leaves its encoding to the locale."""
    if any(kw.arg is None for kw in call.keywords):  # **options: the caller's, checked there
        return False
    name = _callee(call)
    short = name.rsplit(".", 1)[-1]
    if name in ("open", "io.open", "codecs.open", "os.fdopen", "replacing"):
        text = _text_mode(_argument(call, 1, "mode"))
        return text is not False and _argument(call, 3, "encoding") is None
    if short == "open":  # Path.open(mode, buffering, encoding); a dialog's or QFile's open() is not
        mode = _argument(call, 0, "mode")
        if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str)
                and 0 < len(mode.value) <= 3 and set(mode.value) <= set("rwxabt+")):
            return False  # os.open(path, flags), webbrowser.open(url): no text file
        return "b" not in mode.value and _argument(call, 2, "encoding") is None
    if short == "read_text":
        return _argument(call, 0, "encoding") is None
    if short == "write_text":
        return _argument(call, 1, "encoding") is None
    if short in ("NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        mode = _argument(call, 0 if short != "SpooledTemporaryFile" else 1, "mode")
        return mode is not None and _text_mode(mode) is True and _argument(call, 99, "encoding") is None
    if short == "TextIOWrapper":
        return _argument(call, 1, "encoding") is None
    if short.endswith("FileHandler") or short in handlers:
        return _argument(call, 99, "encoding") is None
    return False


def unencoded_text_files(path: Path) -> list[str]:
    """`file:line call` of each text file opened without `encoding=`."""
    tree = _parsed(path)
    handlers = _handler_classes(tree)
    calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call)), key=lambda n: n.lineno)
    return [f"{path.name}:{node.lineno} {_callee(node)}" for node in calls
            if _needs_encoding(node, handlers)]
