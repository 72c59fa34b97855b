"""The network guard: which addresses are refused, and when private ones are allowed."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from oit_check.crawl.netguard import NetGuard, decide_allow_private, is_blocked_ip
from oit_check.models import FailureKind


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "255.255.255.255",
        "224.0.0.1",
        "239.255.255.250",
        "192.0.2.1",  # documentation
        "198.18.0.1",  # benchmarking
        "240.0.0.1",  # reserved
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "2001:db8::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::",  # 6to4 of 192.168.1.1
    ],
)
def test_blocked_addresses(address: str) -> None:
    assert is_blocked_ip(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "203.150.1.1", "164.115.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_public_addresses(address: str) -> None:
    assert not is_blocked_ip(ipaddress.ip_address(address))


def _resolver(table: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(f"unknown host {host}")
        return table[host]

    return resolve


def test_guard_blocks_a_name_that_resolves_to_private_space() -> None:
    guard = NetGuard(
        allow_private=False,
        resolver=_resolver({"public.test": ["93.184.216.34"], "rebind.test": ["93.184.216.34", "10.0.0.5"]}),
    )

    async def run() -> None:
        assert await guard.check_url("http://public.test/a") is None
        mixed = await guard.check_url("http://rebind.test/a", found_on="http://public.test/")
        assert mixed is not None and mixed.kind is FailureKind.BLOCKED_ADDRESS
        assert mixed.found_on == "http://public.test/"
        literal = await guard.check_url("http://[::ffff:127.0.0.1]:8080/")
        assert literal is not None and literal.kind is FailureKind.BLOCKED_ADDRESS
        dns = await guard.check_url("http://nowhere.test/")
        assert dns is not None and dns.kind is FailureKind.CONNECT

    asyncio.run(run())


def test_guard_checks_the_connected_peer() -> None:
    guard = NetGuard(allow_private=False, resolver=_resolver({}))
    blocked = guard.check_peer("http://public.test/", "127.0.0.1")
    assert blocked is not None and blocked.kind is FailureKind.BLOCKED_ADDRESS
    assert guard.check_peer("http://public.test/", "93.184.216.34") is None
    assert NetGuard(allow_private=True).check_peer("http://x/", "127.0.0.1") is None


def test_allow_private_decision() -> None:
    resolve = _resolver({"intranet.test": ["192.168.10.20"], "public.test": ["93.184.216.34"]})

    async def run() -> None:
        assert await decide_allow_private("http://127.0.0.1:8000/", None, resolve) is True
        assert await decide_allow_private("http://intranet.test/", None, resolve) is True
        assert await decide_allow_private("http://public.test/", None, resolve) is False
        assert await decide_allow_private("http://unknown.test/", None, resolve) is False
        assert await decide_allow_private("http://127.0.0.1/", False, resolve) is False
        assert await decide_allow_private("http://public.test/", True, resolve) is True

    asyncio.run(run())


def test_resolution_is_cached_per_guard() -> None:
    calls: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["93.184.216.34"]

    guard = NetGuard(allow_private=False, resolver=resolve)

    async def run() -> None:
        await asyncio.gather(*(guard.check_url(f"http://public.test/{i}") for i in range(5)))

    asyncio.run(run())
    assert calls == ["public.test"]
