"""A throw-away PostgreSQL cluster for the tests: initdb in a temp folder, pg_ctl on a free port.

`scripts/test.sh` starts one for the whole run (`python -m tests.pg_cluster start DIR` prints its
URL, which it exports as SANAD_TEST_PG_URL) and stops it on exit, even when tests fail. The fault
test stops and restarts the cluster named by SANAD_TEST_PG_DATA. initdb refuses to run as root, so
as root every command runs as the `postgres` system user (Debian's package makes it), who owns DIR.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path

URL_ENV = "SANAD_TEST_PG_URL"  # a superuser URL of the running test cluster (its `postgres` db)
DATA_ENV = "SANAD_TEST_PG_DATA"  # the cluster's folder (DIR/data), for tests that stop it


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else Debian's versioned folder."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], log: Path) -> None:
    with log.open("a") as out:
        subprocess.run(_as_owner(command), check=True, stdout=out, stderr=subprocess.STDOUT)


def pg_ctl(data: Path, *args: str) -> None:
    """Run pg_ctl on the cluster in `data` as its owner (start, stop -m immediate, …)."""
    tools = bin_dir()
    assert tools is not None
    _run([str(tools / "pg_ctl"), "-D", str(data), "-w", *args], data.parent / "commands.log")


def start(base: Path) -> str:
    """Make and start a cluster in `base`; its superuser URL."""
    tools = bin_dir()
    if tools is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb)")
    base.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(base, owner.pw_uid, owner.pw_gid)
    data, log = base / "data", base / "server.log"  # written by the server's owner
    _run(
        [
            str(tools / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        base / "commands.log",
    )
    port = _free_port()
    # fsync off: a throw-away cluster; a stopped server process (the fault test) loses nothing
    # that was committed, since the operating system still holds what was written.
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    )
    pg_ctl(data, "-o", options, "-l", str(log), "start")
    (base / "port").write_text(str(port))
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"


def restart(data: Path) -> None:
    port = (data.parent / "port").read_text()
    options = f"-p {port} -k {data.parent} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl(data, "-o", options, "-l", str(data.parent / "server.log"), "start")


def stop(base: Path) -> None:
    data = base / "data"
    if (data / "postmaster.pid").exists():
        pg_ctl(data, "-m", "fast", "stop")


if __name__ == "__main__":
    action, folder = sys.argv[1], Path(sys.argv[2])
    if action == "start":
        print(start(folder))
    elif action == "stop":
        stop(folder)
    else:
        raise SystemExit(f"usage: python -m tests.pg_cluster start|stop DIR (not {action!r})")
