"""Redirects learned during a crawl (``http -> https``, bare -> ``www``) so later links skip them.

Agency pages hard-code ``http://www.x.go.th/...`` links on ``https://x.go.th`` sites; without this,
every such link costs a redirect round-trip and a politeness delay.
"""

from __future__ import annotations

import itertools
from urllib.parse import urlsplit

from oit_check.urls import site_host


class RewriteMap:
    """Origin -> origin rewrites learned from redirects that keep the path and query."""

    def __init__(self) -> None:
        self.rewrites: dict[str, str] = {}

    def apply(self, url: str) -> str:
        """``url`` with a learned origin rewrite applied."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        target = self.rewrites.get(origin)
        if target is None:
            return url
        return target + url[len(origin) :]

    def learn(self, redirect_chain: tuple[str, ...], final_url: str) -> None:
        """Learn ``http -> https`` and ``bare -> www`` redirects that keep the path, to skip them next time."""
        hops = [*redirect_chain, final_url]
        for source, target in itertools.pairwise(hops):
            a, b = urlsplit(source), urlsplit(target)
            if (a.path, a.query) != (b.path, b.query) or (a.scheme, a.netloc) == (b.scheme, b.netloc):
                continue
            if site_host(a.hostname or "") == site_host(b.hostname or "") and a.port == b.port:
                self.rewrites[f"{a.scheme}://{a.netloc}"] = f"{b.scheme}://{b.netloc}"
