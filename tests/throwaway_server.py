"""A throw-away PostgreSQL server for the tests: Debian's `postgresql` package (installed by
scripts/system-packages.sh), a cluster made with `initdb` in a temporary folder, run by an
unprivileged user (PostgreSQL refuses root: as root the cluster belongs to `nobody`), listening
on a Unix socket in that folder only, stopped and removed at the end.

The superuser `postgres` connects by trust over the socket (the folder is the cluster user's
alone); everyone else, staff log-in roles included, gives a password (scram-sha-256), as on an
office's server.
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"
VERSIONS = ("17", "16", "15")  # the ones Zone Desk supports, newest first


def _tool(program: str) -> str:
    """A server program: on PATH, or in Debian's /usr/lib/postgresql/<version>/bin."""
    for version in VERSIONS:
        found = glob.glob(f"/usr/lib/postgresql/{version}/bin/{program}")
        if found:
            return found[0]
    on_path = next((str(Path(folder, program)) for folder in os.get_exec_path()
                    if Path(folder, program).is_file()), None)
    if on_path is None:
        raise RuntimeError(f"PostgreSQL's {program} is missing: run scripts/system-packages.sh "
                           "test as root, or apt-get install postgresql")
    return on_path


class ThrowAwayServer:
    """`start()`, then `url(user, password, database)`; `stop()` removes everything."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="zonedesk-postgres-"))
        self.data = self.folder / "data"
        self.socket_folder = self.folder
        self.port = 5432
        self._as: dict[str, object] = {}
        if os.geteuid() == 0:
            self._as = {"user": "nobody", "group": "nogroup", "extra_groups": []}
            shutil.chown(self.folder, "nobody", "nogroup")
        os.chmod(self.folder, 0o700)

    @property
    def _options(self) -> dict[str, object]:
        return {"capture_output": True, "text": True, "cwd": self.folder, **self._as}

    @staticmethod
    def _check(done: subprocess.CompletedProcess) -> None:
        if done.returncode != 0:
            raise RuntimeError(f"{Path(done.args[0]).name} failed: {done.stderr or done.stdout}")

    def start(self) -> "ThrowAwayServer":
        self._check(subprocess.run(
            [_tool("initdb"), "-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8",
             "--locale=C.UTF-8", "--auth-local=scram-sha-256", "--no-sync"], **self._options))
        (self.data / "pg_hba.conf").write_text(
            f"local all {SUPERUSER} trust\nlocal all all scram-sha-256\n", encoding="utf-8")
        options = (f"-c listen_addresses='' -c unix_socket_directories={self.socket_folder} "
                   f"-p {self.port} -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=60")
        self._check(subprocess.run(
            [_tool("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "60",
             "-l", str(self.folder / "server.log"), "start"], **self._options))
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._check(subprocess.run(
                [_tool("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                **self._options))
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, user: str | None = SUPERUSER, password: str | None = None,
            database: str = "postgres") -> str:
        """A URL the program takes (`zonedesk --db …`), through the socket; without a user, as
        a PC is given it (the person logs in)."""
        secret = f":{password}" if password is not None else ""
        who = f"{user}{secret}@" if user is not None else ""
        return f"postgresql://{who}/{database}?host={self.socket_folder}&port={self.port}"

    def connect(self, user: str = SUPERUSER, password: str | None = None,
                database: str = "postgres"):  # noqa: ANN201 (psycopg.Connection)
        """A raw psycopg connection, as psql would make, autocommit."""
        import psycopg

        return psycopg.connect(host=str(self.socket_folder), port=self.port, user=user,
                               password=password, dbname=database, autocommit=True)

    def wait_until_gone(self, database: str, seconds: float = 10) -> None:
        """Until nobody is connected to `database` (its sessions are ended)."""
        deadline = time.monotonic() + seconds
        with self.connect() as admin:
            while time.monotonic() < deadline:
                left = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                                     (database,)).fetchone()[0]
                if not left:
                    return
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = %s AND pid <> pg_backend_pid()", (database,))
                time.sleep(0.05)
