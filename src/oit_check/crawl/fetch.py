"""Fetch one URL for the crawl stage: redirects hop by hop, retries, size limits, status -> outcome.

Redirects are followed here, not by httpx (``follow_redirects=False``), so every hop passes the
same checks as a link would: the network guard (no private addresses), robots.txt and the site
scope. A redirect that leaves the site is followed to its final URL (the assessor would land
there too) but the caller does not crawl further from it.

Outcomes are values: a ``FetchResult`` holds either a ``FetchedResource`` or a ``PageFailure``.
No httpx exception leaves this module.

Policies (the numbers live in ``CrawlConfig``):

* **Retries**: connect errors, timeouts, dropped connections and HTTP 429/502/503/504 are retried
  ``retries`` times with exponential backoff and jitter (``retry_backoff`` × 2^n, ±50 %), or after
  ``Retry-After`` (seconds or an HTTP date) capped at ``max_retry_after``; never past the crawl
  deadline, and never while holding a slot of the host's gate.
* **Size**: bodies are streamed, and gzip/deflate bodies are inflated with a bound (a 1 KB gzip
  bomb cannot become gigabytes in memory). A document whose Content-Length exceeds ``max_bytes`` is not
  read at all (TOO_LARGE). Reading stops at ``max_bytes``: an HTML page keeps the prefix (its menus
  and first screens are what the matcher needs; ``truncated`` is set), any other kind becomes
  TOO_LARGE, since a cut PDF or DOCX cannot be parsed.
* **Status**: 401/403 -> LOGIN_REQUIRED, 404/410 -> NOT_FOUND, other >= 400 -> HTTP_ERROR. A
  redirect that ends on a login URL or a login form -> LOGIN_REQUIRED.
* **Loops**: a URL seen twice in one chain is a loop, except one revisit right after the server set
  a cookie (the "set cookie and redirect to yourself" pattern). Longer than ``max_redirects`` ->
  TOO_MANY_REDIRECTS.
"""

from __future__ import annotations

import asyncio
import random
import re
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from oit_check.config import CrawlConfig
from oit_check.crawl.netguard import NetGuard
from oit_check.crawl.politeness import Politeness, backoff_delay, parse_retry_after
from oit_check.extract.documents import content_disposition_filename
from oit_check.extract.sniff import kind_from_content_type, sniff_kind
from oit_check.models import FailureKind, FetchedResource, PageFailure, ResourceKind
from oit_check.urls import DOCUMENT_KINDS, classify_url, decode_component, normalize_url

RETRY_STATUSES = frozenset({429, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PASSWORD_FIELD = re.compile(rb"<input[^>]+type\s*=\s*[\"']?password", re.I)
_HOME_PATHS = frozenset({"", "index.php", "index.html", "index.htm", "home", "main", "default.aspx"})

BodyPolicy = Literal["full", "headers"]
"""``full``: read the body (bounded); ``headers``: status and headers only (files kept by name)."""
RobotsCheck = Callable[[str], Awaitable[bool]]


@dataclass
class FetchResult:
    """The outcome of one fetch, with the counters the crawl adds to its stats."""

    url: str
    final_url: str
    resource: FetchedResource | None = None
    failure: PageFailure | None = None
    redirect_chain: tuple[str, ...] = ()
    requests: int = 0
    retries: int = 0
    bytes: int = 0
    left_site: bool = False


@dataclass
class _Response:
    status: int
    headers: httpx.Headers
    body: bytes
    truncated: bool
    set_cookie: bool


@dataclass
class _Attempts:
    requests: int = 0
    retries: int = 0
    bytes: int = 0


class Fetcher:
    """Fetches URLs for one crawl with one ``httpx.AsyncClient`` (which the crawl owns and closes)."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        config: CrawlConfig,
        *,
        guard: NetGuard,
        politeness: Politeness,
        deadline: float,
        is_same_site: Callable[[str], bool],
        robots_allows: RobotsCheck | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.client = client
        self.config = config
        self.guard = guard
        self.politeness = politeness
        self.deadline = deadline
        self.is_same_site = is_same_site
        self.robots_allows = robots_allows
        self.rng = rng or random.Random()

    # ------------------------------------------------------------------------------ public

    async def fetch(
        self,
        url: str,
        *,
        depth: int = 0,
        found_on: str | None = None,
        body: BodyPolicy = "full",
        max_bytes: int | None = None,
        max_redirects: int | None = None,
        check_robots: bool = True,
        keep_truncated: bool = False,
    ) -> FetchResult:
        """Fetch ``url`` following redirects; see the module docstring for every policy.

        ``keep_truncated`` keeps a body cut at ``max_bytes`` whatever its kind (robots.txt: the
        first 500 KiB are what counts).
        """
        limit = self.config.max_bytes if max_bytes is None else max_bytes
        hops_allowed = self.config.max_redirects if max_redirects is None else max_redirects
        counters = _Attempts()
        chain: list[str] = []
        # Exact URLs, not ``url_key``: http -> https and bare -> www redirects are not loops.
        visits: dict[str, int] = {normalize_url(url) or url: 1}
        current = url
        left_site = False

        def done(failure: PageFailure | None = None, resource: FetchedResource | None = None) -> FetchResult:
            if failure is not None and failure.url != url:
                # Recorded under the linked URL (what the matcher looks up); the reason says where
                # the redirects led (loops, blocked or disallowed hops, timeouts mid-chain).
                failure = failure.model_copy(
                    update={"url": url, "reason": f"{failure.reason} (after redirect to {failure.url})"}
                )
            return FetchResult(
                url=url,
                final_url=current,
                resource=resource,
                failure=failure,
                redirect_chain=tuple(chain),
                requests=counters.requests,
                retries=counters.retries,
                bytes=counters.bytes,
                left_site=left_site,
            )

        while True:
            blocked = await self.guard.check_url(current, found_on=found_on)
            if blocked is not None:
                return done(blocked.model_copy(update={"url": current}))
            if check_robots and self.robots_allows is not None and not await self.robots_allows(current):
                return done(
                    PageFailure(
                        url=current,
                        kind=FailureKind.ROBOTS,
                        reason="robots.txt disallows this URL for oit-check",
                        found_on=found_on,
                    )
                )
            expected = classify_url(current)
            response = await self._request(current, found_on, body, limit, expected, counters)
            if isinstance(response, PageFailure):
                return done(response)
            if response.status in REDIRECT_STATUSES and response.headers.get("location"):
                target = normalize_url(response.headers["location"], current)
                if target is None:
                    return done(
                        _fail(
                            current, FailureKind.HTTP_ERROR, "redirect to a non-web address", response.status, found_on
                        )
                    )
                chain.append(current)
                key = target
                seen = visits.get(key, 0)
                if seen >= 2 or (seen == 1 and not response.set_cookie):
                    return done(
                        _fail(
                            target, FailureKind.REDIRECT_LOOP, "redirects lead back to an earlier URL", None, found_on
                        )
                    )
                visits[key] = seen + 1
                if len(chain) > hops_allowed:
                    return done(
                        _fail(
                            target,
                            FailureKind.TOO_MANY_REDIRECTS,
                            f"more than {hops_allowed} redirects in a row",
                            None,
                            found_on,
                        )
                    )
                if not self.is_same_site(target) and self.is_same_site(url):
                    left_site = True
                current = target
                continue
            return done(*self._finish(url, current, chain, response, depth, found_on, limit, keep_truncated))

    # ----------------------------------------------------------------------------- request

    async def _request(
        self,
        url: str,
        found_on: str | None,
        policy: BodyPolicy,
        limit: int,
        expected: ResourceKind | None,
        counters: _Attempts,
    ) -> _Response | PageFailure:
        host = urlsplit(url).hostname or ""
        gate = self.politeness.gate(host)
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            wait: float | None = None
            async with gate:
                counters.requests += 1
                outcome = await self._attempt_once(url, found_on, policy, limit, expected, counters)
            if isinstance(outcome, _Retry):
                failure = outcome.failure
                if attempt >= self.config.retries:
                    return outcome.partial or failure
                wait = outcome.retry_after
                if wait is None:
                    wait = backoff_delay(attempt, self.config.retry_backoff, self.rng)
                else:
                    wait = min(wait, self.config.max_retry_after)
                if loop.time() + wait >= self.deadline:
                    return failure
                attempt += 1
                counters.retries += 1
                await asyncio.sleep(wait)
                continue
            return outcome

    async def _attempt_once(
        self,
        url: str,
        found_on: str | None,
        policy: BodyPolicy,
        limit: int,
        expected: ResourceKind | None,
        counters: _Attempts,
    ) -> _Response | PageFailure | _Retry:
        try:
            request = self.client.build_request("GET", url)
        except httpx.InvalidURL as exc:
            return _fail(url, FailureKind.OTHER, f"invalid URL: {exc}", None, found_on)
        try:
            async with asyncio.timeout(self.config.max_response_seconds):
                response = await self.client.send(request, stream=True)
                try:
                    return await self._read(response, url, found_on, policy, limit, expected, counters)
                finally:
                    await response.aclose()
        except TimeoutError:
            return _Retry(
                _fail(
                    url,
                    FailureKind.TIMEOUT,
                    f"no complete answer within {self.config.max_response_seconds:g} s",
                    None,
                    found_on,
                )
            )
        except httpx.TimeoutException as exc:
            return _Retry(_fail(url, FailureKind.TIMEOUT, f"timed out ({type(exc).__name__})", None, found_on))
        except (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
            return _Retry(_fail(url, FailureKind.CONNECT, _describe(exc), None, found_on))
        except httpx.HTTPError as exc:
            return _fail(url, FailureKind.OTHER, _describe(exc), None, found_on)

    async def _read(
        self,
        response: httpx.Response,
        url: str,
        found_on: str | None,
        policy: BodyPolicy,
        limit: int,
        expected: ResourceKind | None,
        counters: _Attempts,
    ) -> _Response | PageFailure | _Retry:
        stream = response.extensions.get("network_stream")
        if stream is not None:
            peer = stream.get_extra_info("server_addr")
            peer_ip = str(peer[0]) if isinstance(peer, tuple) and peer else None
            blocked = self.guard.check_peer(url, peer_ip, found_on=found_on)
            if blocked is not None:
                return blocked
        status = response.status_code
        set_cookie = "set-cookie" in response.headers
        if status in REDIRECT_STATUSES or status >= 400 or status < 200:
            if status in RETRY_STATUSES:
                return _Retry(
                    _fail(url, FailureKind.HTTP_ERROR, f"HTTP {status}", status, found_on),
                    parse_retry_after(response.headers.get("retry-after")),
                )
            return _Response(status, response.headers, b"", False, set_cookie)
        declared = _int_or_none(response.headers.get("content-length"))
        claimed = kind_from_content_type(response.headers.get("content-type", ""))
        if policy == "headers" and claimed is not ResourceKind.HTML:
            return _Response(status, response.headers, b"", False, set_cookie)
        looks_document = expected in DOCUMENT_KINDS or claimed in DOCUMENT_KINDS
        if declared is not None and declared > limit and looks_document:
            return _fail(url, FailureKind.TOO_LARGE, f"{declared:,} bytes (limit {limit:,})", status, found_on)
        chunks: list[bytes] = []
        size = 0
        truncated = False
        try:
            async for chunk in _bounded_body(response, limit):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    truncated = True
                    break
        except (zlib.error, httpx.DecodingError) as exc:
            return _fail(url, FailureKind.OTHER, f"the compressed body is corrupt: {_describe(exc)}", status, found_on)
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.TimeoutException) as exc:
            # The server hung up mid-body. Retry; the last attempt keeps what arrived (flagged).
            counters.bytes += size
            partial = b"".join(chunks)
            return _Retry(
                _fail(url, FailureKind.CONNECT, f"connection lost mid-body: {_describe(exc)}", status, found_on),
                partial=_Response(status, response.headers, partial, True, set_cookie),
            )
        counters.bytes += size
        body = b"".join(chunks)
        if truncated:
            body = body[:limit]
        return _Response(status, response.headers, body, truncated, set_cookie)

    # ------------------------------------------------------------------------------ finish

    def _finish(
        self,
        requested: str,
        final: str,
        chain: list[str],
        response: _Response,
        depth: int,
        found_on: str | None,
        limit: int,
        keep_truncated: bool,
    ) -> tuple[PageFailure | None, FetchedResource | None]:
        status = response.status
        # Failures are recorded under the URL that was linked (what the matcher looks up); the
        # reason says where a redirect ended.
        via = f" (after redirect to {final})" if final != requested else ""
        if status in (401, 403):
            return _fail(
                requested, FailureKind.LOGIN_REQUIRED, f"HTTP {status}: access denied{via}", status, found_on
            ), None
        if status in (404, 410):
            return _fail(requested, FailureKind.NOT_FOUND, f"HTTP {status}{via}", status, found_on), None
        if status >= 300 or status < 200:
            return _fail(requested, FailureKind.HTTP_ERROR, f"HTTP {status}{via}", status, found_on), None
        headers = response.headers
        content_type = headers.get("content-type", "")
        disposition = headers.get("content-disposition")
        kind = sniff_kind(final, content_type, response.body, _disposition_name(disposition))
        if response.truncated and kind is not ResourceKind.HTML and not keep_truncated:
            return _fail(requested, FailureKind.TOO_LARGE, f"larger than {limit:,} bytes", status, found_on), None
        if chain and kind is ResourceKind.HTML and self._is_login_redirect(requested, final, response.body):
            return _fail(
                requested, FailureKind.LOGIN_REQUIRED, f"redirected to a login page{via}", status, found_on
            ), None
        declared = _int_or_none(headers.get("content-length")) if not headers.get("content-encoding") else None
        resource = FetchedResource(
            url=final,
            requested_url=requested,
            status=status,
            content_type=content_type,
            kind=kind,
            body=response.body,
            headers_last_modified=headers.get("last-modified"),
            depth=depth,
            found_on=found_on,
            redirect_chain=tuple(chain),
            content_disposition=disposition,
            content_length=declared,
            truncated=response.truncated,
        )
        return None, resource

    def _is_login_redirect(self, requested: str, final: str, body: bytes) -> bool:
        decoded = decode_component(final).lower()
        if any(marker in decoded for marker in self.config.login_url_markers) and not any(
            marker in decode_component(requested).lower() for marker in self.config.login_url_markers
        ):
            return True
        path = urlsplit(final).path.strip("/").lower()
        return path not in _HOME_PATHS and bool(_PASSWORD_FIELD.search(body[:262_144]))


@dataclass
class _Retry:
    """A transient outcome: retry if attempts remain, else report ``failure`` (or ``partial``)."""

    failure: PageFailure
    retry_after: float | None = None
    partial: _Response | None = None


async def _bounded_body(response: httpx.Response, limit: int) -> AsyncIterator[bytes]:
    """The decoded body in chunks, never inflating more than ``limit + 1`` bytes of gzip/deflate.

    httpx inflates each network chunk in one call, so a gzip bomb can turn 64 KB into 64 MB before
    the size check sees it; here zlib gets a ``max_length``. Other encodings go through httpx.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate") or response.is_stream_consumed:
        # (a response built in memory, as by MockTransport, is already decoded)
        async for chunk in response.aiter_bytes():
            yield chunk
        return
    decoder: Any = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header, auto-detected
    first = True
    produced = 0
    async for raw in response.aiter_raw():
        data = raw
        while data and produced <= limit:
            try:
                out = decoder.decompress(data, limit + 1 - produced)
            except zlib.error:
                if not (first and encoding == "deflate"):
                    raise
                decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent without a zlib header
                out = decoder.decompress(data, limit + 1 - produced)
            first = False
            produced += len(out)
            if out:
                yield out
            data = decoder.unconsumed_tail
        if produced > limit:
            return
    tail = decoder.flush()
    if tail:
        yield tail


def _fail(url: str, kind: FailureKind, reason: str, status: int | None, found_on: str | None) -> PageFailure:
    return PageFailure(url=url, kind=kind, reason=reason, status=status, found_on=found_on)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    if "CERTIFICATE" in text.upper() or "SSL" in text.upper():
        return f"TLS/certificate problem: {text}"[:300]
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def _int_or_none(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _disposition_name(header: str | None) -> str:
    return content_disposition_filename(header) if header else ""
