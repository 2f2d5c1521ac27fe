"""Driving wrk (the Debian package) from bench/hot_paths.py: Lua scripts that rotate through prepared requests, and
what wrk measured.

Every script ends with the same `done()`, which prints one machine-readable line: requests, duration, p50 and p99
latency (µs), socket errors and answers that were not 2xx/3xx. A run with either kind of error is a failed
measurement, never a number.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

DONE = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
"""

_RESULT = re.compile(r"^WRK_RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", re.MULTILINE)
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ./:-_=+,;@&?()[]{}<>!#$%*")


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    body: str | None = None


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    bad_statuses: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


class WrkFailed(RuntimeError):
    pass


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit(
            "wrk is not installed; install it with `apt-get install -y wrk` (Debian's package) and run again"
        )
    return path


def lua_string(text: str) -> str:
    """A Lua string literal for any text: unsafe bytes become decimal escapes, which every Lua (and LuaJIT) reads."""
    return '"' + "".join(chr(b) if chr(b) in _SAFE else f"\\{b:03d}" for b in text.encode()) + '"'


def lua_headers(headers: dict[str, str]) -> str:
    return "{" + ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()) + "}"


def rotating_script(requests: list[HttpRequest], headers: dict[str, str], *, pause_ms: float | None = None) -> str:
    """Each connection takes the next prepared request in turn (wrk formats them all once, in `init`). With
    `pause_ms`, each connection waits that long after an answer before its next request (wrk's `delay()`): N
    connections then offer about N × 1000 / (pause + latency) requests a second, a paced load rather than a flood."""
    routes = ",\n".join(
        f"  {{{lua_string(r.method)}, {lua_string(r.path)}, {lua_string(r.body) if r.body is not None else 'nil'}}}"
        for r in requests
    )
    script = f"""
local headers = {lua_headers(headers)}
local routes = {{
{routes}
}}
local prepared = {{}}
local i = 0
function init(args)
  for _, r in ipairs(routes) do prepared[#prepared + 1] = wrk.format(r[1], r[2], headers, r[3]) end
end
function request()
  i = i % #prepared + 1
  return prepared[i]
end
"""
    if pause_ms is not None:
        script += f"function delay()\n  return {pause_ms:.3f}\nend\n"
    return script + DONE


def parse_result(output: str) -> WrkResult:
    match = _RESULT.search(output)
    if match is None:
        raise WrkFailed(f"wrk printed no result line:\n{output[-2000:]}")
    requests, micros, p50, p99, socket_errors, bad_statuses = map(int, match.groups())
    return WrkResult(
        requests=requests,
        seconds=micros / 1e6,
        p50_ms=p50 / 1000,
        p99_ms=p99 / 1000,
        socket_errors=socket_errors,
        bad_statuses=bad_statuses,
    )


def run_wrk(url: str, script: str, *, connections: int, seconds: float, warm_up: bool = False) -> WrkResult:
    """`wrk -t1 -c<connections>` for `seconds`; fails on any error, and on no request at all unless this is a
    warm-up (whose first answers may take longer than the run)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="sla-bench-") as file:
        file.write(script)
        file.flush()
        # A request still unanswered when the run ends is not counted; one slower than --timeout counts as an error.
        duration = max(1, round(seconds))
        command = [
            require_wrk(),
            "-t1",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            f"{max(10, duration)}s",
            "-s",
            file.name,
            url,
        ]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise WrkFailed(f"wrk exited with {completed.returncode}:\n{output[-2000:]}")
    result = parse_result(output)
    if result.socket_errors or result.bad_statuses:
        raise WrkFailed(
            f"{url}: {result.bad_statuses} answers were not 2xx/3xx and {result.socket_errors} socket "
            f"errors in {result.requests} requests; the measurement is void"
        )
    if result.requests == 0 and not warm_up:
        raise WrkFailed(f"{url}: no request completed")
    return result


def run_wrk_for(url: str, script: str, *, connections: int, requests: int, expected_rate: float) -> int:
    """At least `requests` answered requests. wrk cannot stop after a count (a script's `wrk.thread:stop()` ends the
    thread, but the main thread still sleeps the whole `-d`), so it runs in slices sized from the rate seen so far;
    returns how many were answered."""
    answered, rate = 0, max(expected_rate, 1.0)
    while answered < requests:
        result = run_wrk(
            url, script, connections=connections, seconds=min(120.0, max(2.0, (requests - answered) / rate))
        )
        answered += result.requests
        rate = max(result.rate, 1.0)
    return answered
