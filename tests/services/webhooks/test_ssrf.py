"""Webhook destinations: every spelling of an internal address is refused at registration and at delivery."""

from __future__ import annotations

import ipaddress

import pytest

from services.webhooks.ssrf import RefusedDestination, address_allowed, check_registration_url, parse_networks

# Each names an internal address (loopback, private, link-local/metadata, site-local) however it is written.
REFUSED_URLS = [
    "http://127.1/h",
    "http://2130706433/h",
    "http://0x7f000001/h",
    "http://017700000001/h",
    "http://0177.0.0.1/h",
    "http://0x7f.1/h",
    "http://0/h",
    "http://10.1/h",
    "http://0xa9fea9fe/h",
    "http://localhost:8080/h",
    "http://LOCALHOST./h",
    "http://[::7f00:1]/h",  # IPv4-compatible 127.0.0.1
    "http://[2002:7f00:1::]/h",
    "http://[2002:a9fe:a9fe::]/h",  # 6to4 of 127.0.0.1 and 169.254.169.254
    "http://[fec0::1]/h",  # site-local
    "http://[::ffff:10.0.0.1]/h",
    "http://[::ffff:7f00:1]/h",  # IPv4-mapped
    "http://[64:ff9b::a00:1]/h",
    "http://[64:ff9b::127.0.0.1]/h",  # NAT64
]

# Delivery resolves names and judges the addresses it gets: the same forms, as resolved addresses.
REFUSED_ADDRESSES = [
    "::7f00:1",
    "2002:7f00:1::",
    "2002:a9fe:a9fe::",
    "fec0::1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "127.0.0.1",
    "0.0.0.0",
]


@pytest.mark.parametrize("url", REFUSED_URLS)
async def test_registration_refuses_every_spelling_of_an_internal_address(url):
    with pytest.raises(RefusedDestination):
        await check_registration_url(url, [])


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_delivery_refuses_addresses_that_carry_an_internal_ipv4(address):
    assert not address_allowed(ipaddress.ip_address(address), [])


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111", "2002:808:808::", "::ffff:8.8.8.8"])
def test_public_addresses_stay_allowed(address):
    assert address_allowed(ipaddress.ip_address(address), [])


async def test_names_are_resolved_at_registration():
    # `localhost` comes from /etc/hosts; a name that does not resolve yet is left to delivery's check.
    with pytest.raises(RefusedDestination, match="localhost"):
        await check_registration_url("http://localhost/h", [])
    await check_registration_url("https://hooks.example.invalid/h", [])


@pytest.mark.parametrize(
    "url", ["http://127.1:8080/h", "http://localhost:8080/h", "http://[::ffff:127.0.0.1]/h", "http://2130706433/h"]
)
async def test_the_operator_allow_list_still_admits_loopback(url):
    await check_registration_url(url, parse_networks("127.0.0.0/8"))
