"""Where webhooks may be sent. Checked at registration and again at connection time, after DNS resolution, so a
name that later resolves to an internal address (DNS rebinding) is still refused.

Every IPv4 spelling the resolver accepts (`127.1`, `2130706433`, `0x7f000001`, `0177.0.0.1`, `0`) is read as the
address it names, and IPv6 addresses that carry an IPv4 address (IPv4-mapped and -compatible, 6to4, NAT64, Teredo)
are judged by the IPv4 address they carry.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Beyond what `is_global` already excludes, name the ranges integrators ask about.
_BLOCKED = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::/128",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "ff00::/8",
        "64:ff9b::/96",
        "64:ff9b:1::/48",
    )
]
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
# What inet_aton(3) reads as an IPv4 address: one to four parts, each decimal, octal (0…) or hex (0x…).
_IPV4_SPELLING = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}")
RESOLVE_TIMEOUT_SECONDS = 3.0
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal"})


class RefusedDestination(ValueError):
    pass


def parse_networks(spec: str | Iterable[str] | None) -> list[Network]:
    if not spec:
        return []
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    return [ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip()]


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, NAT64, Teredo client), if any."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if address in _IPV4_COMPATIBLE or any(address in network for network in _NAT64):
        if int(address) & 0xFFFF_FFFF and not (address in _IPV4_COMPATIBLE and int(address) <= 1):  # not :: or ::1
            return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


def address_allowed(address: IPAddress, allow: list[Network]) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        address = address.ipv4_mapped or address
    if any(address in network for network in allow):
        return True
    if isinstance(address, ipaddress.IPv6Address):
        carried = embedded_ipv4(address)
        if carried is not None and not address_allowed(carried, allow):
            return False
    if any(address in network for network in _BLOCKED):
        return False
    return address.is_global


def host_address(host: str) -> IPAddress | None:
    """The address a host names literally, read as the resolver reads it (`127.1` is 127.0.0.1); None for a name."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _IPV4_SPELLING.fullmatch(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def check_url(url: str, allow: list[Network]) -> tuple[str, str, int]:
    """Scheme, host and port of an acceptable webhook URL, or RefusedDestination naming the problem."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedDestination("webhook URLs must use http or https")
    if not parts.hostname:
        raise RefusedDestination("webhook URL has no host")
    if parts.username or parts.password:
        raise RefusedDestination("webhook URLs must not carry credentials")
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedDestination("webhook URL has an invalid port") from None
    if host in METADATA_HOSTS or host == "localhost" or host.endswith((".localhost", ".internal", ".local")):
        if not _literal_allowed(host, allow):
            raise RefusedDestination(f"{host} is a local or metadata host")
    literal = host_address(host)
    if literal is None:
        return parts.scheme, host, port
    if not address_allowed(literal, allow):
        raise RefusedDestination(f"{host} is a private, loopback, link-local or metadata address")
    return parts.scheme, host, port


def _literal_allowed(host: str, allow: list[Network]) -> bool:
    # `localhost` is allowed only when the allow-list admits loopback (tests and local development).
    return host == "localhost" and any(ipaddress.ip_address("127.0.0.1") in n for n in allow)


async def check_registration_url(url: str, allow: list[Network]) -> None:
    """`check_url`, and a host name must not resolve to a refused address now (e.g. `localhost` from /etc/hosts).

    A name that does not resolve yet is accepted: delivery resolves it again and checks what it gets."""
    _, host, port = check_url(url, allow)
    if host_address(host) is not None:
        return
    try:
        infos = await asyncio.wait_for(
            asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT_SECONDS
        )
    except (OSError, TimeoutError, UnicodeError):
        return
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address_allowed(address, allow):
            raise RefusedDestination(f"{host} resolves to a private, loopback, link-local or metadata address")
