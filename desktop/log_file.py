"""The log file: where it lives, who may read it, and what it never holds.

`logs/zonedesk.log` in the data folder (db/locations.py), rotated at 2 MB with five older files.
Only its user reads it: on Linux and macOS the folder is 0700 and every file 0600, also files
left world-readable by an earlier version; on Windows the data folder is in the user's own
%LOCALAPPDATA%, which Windows lets only that user (and administrators) read.

It helps a support person without exposing anyone: no passwords, password hashes, keys or
firms' data. The engine never puts SQL parameters into its errors (db/engine.py,
`hide_parameters=True`), and every line written here is masked again, because an unexpected
error's message may still carry what was typed (pydantic's `input_value='…'`, int()'s
"invalid literal … '…'"): quoted values, Chinese text (the names of firms and people),
argon2 hashes, PEM keys and key-like strings, 18-character codes (USCC) and long numbers
(telephones, amounts) become `…`. The traceback's "File …, line …, in …" lines stay readable.
"""

import logging
import os
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "zonedesk.log"
MAX_BYTES = 2_000_000
OLDER_FILES = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_OURS = "zonedesk"  # the name of the handlers set up here, so that a second set-up replaces them
HIDDEN = "…"

_PEM = re.compile(r"-----BEGIN [A-Z0-9 ]+-----.*?(?:-----END [A-Z0-9 ]+-----|\Z)", re.S)
_ARGON2 = re.compile(r"\$argon2[a-z]*\$[A-Za-z0-9+/=,$.-]*")
_QUOTED = re.compile(r"""(?<!\w)(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_USCC = re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUW-Y]{18}(?![0-9A-Za-z])")
_KEY_LIKE = re.compile(r"(?<![A-Za-z0-9+/=])(?=[A-Za-z+/=]*[0-9])(?=[0-9+/=]*[A-Za-z])"
                       r"[A-Za-z0-9+/=]{32,}")
_LONG_NUMBER = re.compile(r"\d{7,}")
_FRAME = re.compile(r'^\s*File "[^"\n]*", line \d+, in \S+\s*$')


def mask(text: str) -> str:
    """The text with what may be personal or secret replaced by `…` (see the module's doc)."""
    text = _ARGON2.sub(HIDDEN, _PEM.sub(HIDDEN, text))
    lines = []
    for line in text.split("\n"):
        line = _USCC.sub(HIDDEN, line)
        if not _FRAME.match(line):  # a frame line names a file of the program: keep it
            line = _QUOTED.sub(f"'{HIDDEN}'", line)
            line = _KEY_LIKE.sub(HIDDEN, line)
            line = _LONG_NUMBER.sub(HIDDEN, line)
        lines.append(_NON_ASCII.sub(HIDDEN, line))
    return "\n".join(lines)


class MaskingFormatter(logging.Formatter):
    """Formats as usual, message and traceback, then masks the whole record."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


def _owner_only(path: Path, mode: int) -> None:
    if os.name == "posix":
        os.chmod(path, mode)


class PrivateLogFile(RotatingFileHandler):
    """A rotating log whose every file (the first, and the new one after each rotation) is
    created readable by its user alone."""

    def _open(self):  # noqa: ANN202 (logging's own signature)
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        _owner_only(Path(self.baseFilename), 0o600)
        return os.fdopen(descriptor, self.mode, encoding=self.encoding, errors=self.errors)


def close_log() -> None:
    """Removes and closes the handlers `open_log` added (tests; a second set-up)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _OURS:
            root.removeHandler(handler)
            handler.close()


def open_log(folder: Path) -> Path:
    """Sends the program's log to `folder`/zonedesk.log and to the console, both masked;
    returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _owner_only(folder, 0o700)
    for earlier in folder.glob(f"{LOG_NAME}*"):
        _owner_only(earlier, 0o600)
    path = folder / LOG_NAME
    close_log()
    formatter = MaskingFormatter(FORMAT)
    root = logging.getLogger()
    handlers: list[logging.Handler] = [PrivateLogFile(path, maxBytes=MAX_BYTES,
                                                      backupCount=OLDER_FILES, encoding="utf-8")]
    if sys.stderr is not None:  # None in the windowed Windows build: no console there
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.set_name(_OURS)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
