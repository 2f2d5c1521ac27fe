"""A real local HTTP receiver for webhook tests: records every request and answers by a script."""

from __future__ import annotations

import asyncio
import socket
import struct
from dataclasses import dataclass, field


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Behaviours, in order (then `default`): an HTTP status, "timeout" (never answers), "reset" (RST),
    "slow" (200 after `hang_seconds`)."""

    script: list[str | int] = field(default_factory=list)
    default: str | int = 200
    hang_seconds: float = 30.0
    extra_headers: dict[str, str] = field(default_factory=dict)
    requests: list[Received] = field(default_factory=list)
    server: asyncio.base_events.Server | None = None
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        host, port = self.server.sockets[0].getsockname()[:2]
        return f"http://{host}:{port}/hooks"

    async def start(self) -> Receiver:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return self

    async def stop(self) -> None:
        if self.server:
            self.server.close()
            for writer in list(getattr(self, "_writers", [])):
                writer.close()

    async def wait_for(self, count: int, timeout: float = 20.0) -> list[Received]:
        async with asyncio.timeout(timeout):
            while len(self.requests) < count:
                self.arrived.clear()
                await self.arrived.wait()
        return self.requests

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.__dict__.setdefault("_writers", set()).add(writer)
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                method, path, _ = line.decode().split(" ", 2)
                headers = {}
                while (header := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = header.decode().partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                self.requests.append(Received(method, path, headers, body))
                self.arrived.set()
                behaviour = self.script.pop(0) if self.script else self.default
                if behaviour == "timeout":
                    await asyncio.sleep(self.hang_seconds)
                    return
                if behaviour == "slow":
                    await asyncio.sleep(self.hang_seconds)
                    behaviour = 200
                if behaviour == "reset":
                    sock = writer.get_extra_info("socket")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
                extra = "".join(f"{k}: {v}\r\n" for k, v in self.extra_headers.items())
                writer.write(f"HTTP/1.1 {behaviour} X\r\ncontent-length: 2\r\n{extra}\r\nok".encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self.__dict__.get("_writers", set()).discard(writer)
            if not writer.is_closing():
                writer.close()
