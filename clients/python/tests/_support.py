"""Test scaffolding: fresh generated code on sys.path, and the real server as a child process.

Every test module imports this first. It runs generate.sh into a temporary directory (so the tests
never run against stale generated code) and puts it, then clients/python, at the front of sys.path.
"""

from __future__ import annotations

import atexit
import os
import re
import secrets
import shutil
import string
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parents[1]
REPO = PYTHON_DIR.parents[1]


def _generate() -> Path:
    out = Path(tempfile.mkdtemp(prefix="lockctl-py-gen-"))
    atexit.register(shutil.rmtree, out, True)
    subprocess.run([str(PYTHON_DIR / "generate.sh"), str(out)], check=True)
    return out


sys.path[:0] = [str(_generate()), str(PYTHON_DIR)]

_ID_CHARS = string.digits + string.ascii_lowercase


def snapshot_id() -> str:
    """A fresh snapshot id: "s-" and 20 characters [0-9a-z]."""
    return "s-" + "".join(secrets.choice(_ID_CHARS) for _ in range(20))


def region(prefix: str) -> str:
    """A region of its own for a test that lists or counts (the server is shared)."""
    return f"{prefix}-{secrets.token_hex(4)}"


def server_jar() -> Path:
    jar = Path(os.environ.get("LOCKCTL_SERVER_JAR") or REPO / "lock-server/target/lock-server.jar")
    if not jar.is_file():
        raise RuntimeError(
            f"server jar {jar} not found: build it (mvn -B -q -DskipTests package) "
            "or set LOCKCTL_SERVER_JAR"
        )
    return jar.resolve()


class Server:
    """`java -jar lock-server.jar --port 0` on a temporary data directory."""

    _LISTENING = re.compile(r"lockctl listening on (\S+):(\d+)")

    def __init__(self, start_timeout: float = 60.0):
        self._dir = Path(tempfile.mkdtemp(prefix="lockctl-py-server-"))
        self._log = open(self._dir / "server.log", "w+b")
        self._process = subprocess.Popen(
            ["java", "-jar", str(server_jar()), "--port", "0", "--data-dir", str(self._dir / "data")],
            stdout=subprocess.PIPE,
            stderr=self._log,
            stdin=subprocess.DEVNULL,
        )
        port = self._await_port(start_timeout)
        # In insecure mode the server listens on loopback; it prints the address it bound.
        self.target = f"127.0.0.1:{port}"
        threading.Thread(target=self._drain, daemon=True).start()

    def _await_port(self, timeout: float) -> int:
        found = []
        reader = threading.Thread(target=lambda: found.append(self._read_port()), daemon=True)
        reader.start()
        reader.join(timeout)
        if not found or found[0] is None:
            self.stop()
            raise RuntimeError(f"lockctl did not start within {timeout} s; its log:\n{self.log()}")
        return found[0]

    def _read_port(self):
        for line in self._process.stdout:
            match = self._LISTENING.search(line.decode("utf-8", "replace"))
            if match:
                return int(match.group(2))
        return None

    def _drain(self):
        for _ in self._process.stdout:
            pass

    def log(self) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process.stdout.close()
        self._log.close()
        shutil.rmtree(self._dir, ignore_errors=True)

