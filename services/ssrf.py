"""Where webhooks may be sent. Checked at registration (the obvious cases) and again at connection time, after
DNS resolution, so a name that later resolves to an internal address (DNS rebinding) is still refused."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Beyond what `is_global` already excludes, name the ranges integrators ask about.
_BLOCKED = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
    "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96",
)]
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal"})


class RefusedDestination(ValueError):
    pass


def parse_networks(spec: str | Iterable[str] | None) -> list[Network]:
    if not spec:
        return []
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    return [ipaddress.ip_network(item.strip(), strict=False) for item in items if item.strip()]


def address_allowed(address: IPAddress, allow: list[Network]) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if any(address in network for network in allow):
        return True
    if any(address in network for network in _BLOCKED):
        return False
    return address.is_global


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
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return parts.scheme, host, port
    if not address_allowed(literal, allow):
        raise RefusedDestination(f"{host} is a private, loopback, link-local or metadata address")
    return parts.scheme, host, port


def _literal_allowed(host: str, allow: list[Network]) -> bool:
    # `localhost` is allowed only when the allow-list admits loopback (tests and local development).
    return host == "localhost" and any(ipaddress.ip_address("127.0.0.1") in n for n in allow)
