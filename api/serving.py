"""Several API processes on one port, each accepting on a listening socket of its own.

uvicorn's `--workers` binds one socket in the parent and every worker accepts on it. Whichever worker wakes first
accepts every connection then waiting (an event loop accepts in a loop until none is left), so a client that opens
its keep-alive connections together, as a load balancer or a connection pool does, lands on one worker: measured
with `wrk -c32` over two workers, splits of 30/2 and 32/0 were common, and the busy worker then served everything
while the other idled, and held more requests in flight than its database pool.

With `SO_REUSEPORT` (Linux 3.9+, the BSDs), each worker gets a socket of its own bound to the same address and the
kernel spreads new connections over them by a hash of the connection's addresses, so every worker gets its share
whatever the order they woke in. The supervision is uvicorn's own (`Multiprocess`: health checks, restarting a
dead worker, `SIGHUP` to replace them all, `SIGTTIN`/`SIGTTOU`); only which socket a worker serves differs: the
worker in slot `n` always serves socket `n`, and its replacement takes the same one.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

import uvicorn
from uvicorn import Config
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess, Process

logger = logging.getLogger("uvicorn.error")


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def bind_reuse_port(config: Config, count: int) -> list[socket.socket]:
    """`count` listening sockets on `config.host`:`config.port`, all with `SO_REUSEPORT` (port 0: the port the first
    one was given)."""
    family = socket.AF_INET6 if config.host and ":" in config.host else socket.AF_INET
    sockets: list[socket.socket] = []
    port = config.port
    try:
        for _ in range(count):
            sock = socket.socket(family=family)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((config.host, port))
            # Listening from now: the kernel spreads connections over the sockets that listen, so one whose worker
            # is still starting must already count (its connections wait in its backlog).
            sock.listen(config.backlog)
            port = sock.getsockname()[1]
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    logger.info("Uvicorn running on http://%s:%d, one socket per worker (SO_REUSEPORT)", config.host, port)
    return sockets


class SocketPerWorker(Multiprocess):
    """uvicorn's supervisor, with worker slot `n` serving `sockets[n]` (one socket per worker)."""

    def __init__(self, config: Config, sockets: list[socket.socket]) -> None:
        if len(sockets) != config.workers:
            raise ValueError(f"{config.workers} workers need as many sockets, not {len(sockets)}")
        super().__init__(config, sockets)

    def _spawn(self, slot: int) -> Process:
        process = Process(self.config, [self.sockets[slot]])
        process.start()
        return process

    def init_processes(self) -> None:
        for slot in range(self.processes_num):
            self.processes.append(self._spawn(slot))

    def restart_all(self) -> None:
        """As uvicorn's: each replacement serves before the worker it replaces retires, on the same socket."""
        for slot, old_process in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new_process = self._spawn(slot)
            if not new_process.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new_process.kill()
                new_process.join()
                if not self.should_exit.is_set():
                    logger.error(
                        f"New child process [{new_process.pid}] was not ready in time; "
                        f"keeping worker [{old_process.pid}] and aborting the restart."
                    )
                return
            old_process.terminate()
            old_process.join()
            self.processes[slot] = new_process

    def keep_subprocess_alive(self) -> None:
        """As uvicorn's: a worker that died or hangs (killed here) is replaced, on its socket; one that failed to
        start stops the supervisor (it would fail the same way again)."""
        for slot, process in enumerate(self.processes):
            if self.should_exit.is_set() or process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                logger.error(f"Child process [{process.pid}] failed to start, stopping the parent process.")
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            logger.info(f"Child process [{process.pid}] died")
            self.processes[slot] = self._spawn(slot)

    # Workers added or removed by SIGTTIN/SIGTTOU would need sockets of their own: the count stays as started.
    def handle_ttin(self) -> None:
        logger.info("Received SIGTTIN: the worker count is fixed when each worker has a socket of its own.")

    def handle_ttou(self) -> None:
        logger.info("Received SIGTTOU: the worker count is fixed when each worker has a socket of its own.")


def run(app: str, **options: Any) -> None:
    """`uvicorn.run(app, **options)`, with a socket per worker where there is more than one and the system has
    `SO_REUSEPORT`."""
    workers = options.get("workers") or 1
    if workers > 1 and reuse_port_supported():
        config = Config(app, **options)
        SocketPerWorker(config, bind_reuse_port(config, workers)).run()
        return
    uvicorn.run(app, **options)
