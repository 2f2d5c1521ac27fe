"""The servers bench/hot_paths.py measures: started in their own process group, awaited until they answer, their
worker processes and the memory those hold, and stopped again (only what this script started)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

_FAILURE = re.compile(r'" [1-5]\d\d |ERROR|Error|Traceback|Exception')
_SUCCESS = re.compile(r'" 2\d\d ')


@dataclass
class Server:
    name: str
    base_url: str
    process: subprocess.Popen
    log: Path

    def workers(self) -> list[int]:
        """The processes that answer requests: uvicorn's spawned workers, or the process itself when it has none."""
        spawned = [pid for pid in children(self.process.pid) if b"spawn_main" in _cmdline(pid)]
        return spawned or [self.process.pid]

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def failures(self, lines: int = 40) -> str:
        """The log's access lines with a status other than 2xx, and its errors and tracebacks."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(
            [line for line in text.splitlines() if _FAILURE.search(line) and not _SUCCESS.search(line)][-lines:]
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start(
    name: str,
    command: list[str],
    *,
    env: dict[str, str],
    cwd: Path,
    port: int,
    ready_path: str,
    log_dir: Path,
    ready_json: dict | None = None,
    timeout: float = 120.0,
) -> Server:
    """Start a server and wait until `ready_path` answers 200 to a GET (a POST of `ready_json` when given), or fail
    with the end of its log."""
    log = log_dir / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name, f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode} before answering:\n{server.log_tail()}")
        try:
            method = "POST" if ready_json is not None else "GET"
            if httpx.request(method, server.base_url + ready_path, json=ready_json, timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    server.stop()
    raise SystemExit(f"{name} did not answer {ready_path} within {timeout:.0f} s:\n{server.log_tail()}")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The command name in field 2 may hold spaces and parentheses; the parent pid follows the last ')'.
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"process {pid} reports no VmRSS")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
