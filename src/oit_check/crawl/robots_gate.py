"""robots.txt per origin for one crawl: fetched once (concurrent askers share the fetch), cached, and
its Crawl-delay handed to the politeness gates.

A robots.txt that cannot be read is not a reason to stop: the rules say so in a note and the crawl
goes on as the standard asks (``robots.rules_unavailable``); a bug while reading one is contained
the same way.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from oit_check.config import CrawlConfig
from oit_check.crawl.fetch import Fetcher
from oit_check.crawl.politeness import Politeness
from oit_check.crawl.recorder import Recorder
from oit_check.crawl.robots import (
    MAX_ROBOTS_BYTES,
    RobotsRules,
    allow_all,
    effective_delay,
    robots_url_for,
    rules_from_response,
    rules_unavailable,
)
from oit_check.models import FailureKind


class RobotsGate:
    """The robots.txt rules of every origin one crawl touches."""

    def __init__(self, config: CrawlConfig, politeness: Politeness, recorder: Recorder) -> None:
        self.config = config
        self.politeness = politeness
        self.recorder = recorder
        self.fetcher: Fetcher | None = None  # set by the engine once the client exists
        self._rules: dict[str, RobotsRules] = {}
        self._tasks: dict[str, asyncio.Task[RobotsRules]] = {}

    def cached(self, robots_url: str) -> RobotsRules | None:
        """The rules already read for ``robots_url``, if any."""
        return self._rules.get(robots_url)

    async def allows(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url``."""
        rules = await self.rules(robots_url_for(url))
        return rules.allows(url)

    async def rules(self, robots_url: str) -> RobotsRules:
        """The rules at ``robots_url``, fetched on first use."""
        cached = self._rules.get(robots_url)
        if cached is not None:
            return cached
        task = self._tasks.get(robots_url)
        if task is None:
            task = self._tasks[robots_url] = asyncio.create_task(self._fetch(robots_url))
        try:
            rules = await asyncio.shield(task)
        except Exception as exc:  # a bug while reading robots.txt must not stop the crawl
            rules = rules_unavailable(robots_url, f"{type(exc).__name__}: {exc}")
        self._rules[robots_url] = rules
        return rules

    async def close(self) -> None:
        """Cancel robots.txt fetches still running (the crawl is over)."""
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _fetch(self, robots_url: str) -> RobotsRules:
        assert self.fetcher is not None, "the engine sets the fetcher before crawling"
        result = await self.fetcher.fetch(
            robots_url, max_bytes=MAX_ROBOTS_BYTES, max_redirects=5, check_robots=False, keep_truncated=True
        )
        self.recorder.count(result.requests, result.retries, result.bytes)
        if result.resource is not None:
            resource = result.resource
            rules = rules_from_response(robots_url, resource.status, resource.body, resource.content_type)
        elif result.failure is not None and result.failure.status is not None:
            rules = rules_from_response(robots_url, result.failure.status, b"")
        elif result.failure is not None and result.failure.kind is FailureKind.BLOCKED_ADDRESS:
            rules = allow_all(robots_url, "unavailable")  # the pages themselves will be refused
        else:
            reason = result.failure.reason if result.failure is not None else "no answer"
            rules = rules_unavailable(robots_url, reason)
        host = urlsplit(robots_url).hostname or ""
        config = self.config
        _delay, capped = effective_delay(config.delay, rules.crawl_delay, config.max_crawl_delay)
        wished = min(rules.crawl_delay, config.max_crawl_delay) if rules.crawl_delay is not None else 0.0
        if wished > config.delay / config.concurrency:
            self.politeness.set_delay(host, wished, site_requested=True)  # the site's Crawl-delay wins
        else:
            self.politeness.set_delay(host, config.delay, site_requested=False)
        for note in (rules.note, capped):
            if note:
                self.recorder.note(f"{host}: {note}")
        return rules
