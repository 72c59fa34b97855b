"""One fetched HTML page -> its ``PageContent`` with the crawl's facts, or the failure that replaces it.

The HTML extractor is injected (``ExtractHtml``) so the crawl stage does not depend on the parser.
A page that cannot be parsed, or a soft 404 (200 OK, "page not found" text), is a ``PageFailure``;
menus and footers repeat on every page, so identical links and images are kept as one object each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from oit_check.crawl.outcome import ExtractHtml
from oit_check.models import FailureKind, FetchedResource, PageContent, PageFailure


class PageReader:
    """Reads the HTML pages of one crawl."""

    def __init__(self, extract_html: ExtractHtml, error_markers: Sequence[str], error_max_chars: int) -> None:
        self._extract_html = extract_html
        self._markers = tuple(error_markers)
        self._max_chars = error_max_chars
        self._shared: dict[object, Any] = {}  # interned Link/Image objects of this crawl

    def read(
        self, resource: FetchedResource, in_scope: Callable[[str], bool], *, soft_error_check: bool
    ) -> PageContent | PageFailure:
        """The page's content with the crawl's facts added, or the failure that replaces it."""
        try:
            page = self._extract_html(resource, in_scope)
        except Exception as exc:  # hostile HTML or an extractor bug: one page, not the crawl
            return PageFailure(
                url=resource.url,
                kind=FailureKind.OTHER,
                reason=f"the page could not be read: {type(exc).__name__}: {exc}"[:300],
                status=resource.status,
                found_on=resource.found_on,
            )
        page = page.model_copy(
            update={
                "found_on": resource.found_on,
                "depth": resource.depth,
                "last_modified": page.last_modified or resource.headers_last_modified,
                "bytes": page.bytes or len(resource.body),
                "requested_url": resource.requested_url if resource.requested_url != resource.url else None,
                "redirect_chain": resource.redirect_chain,
                "truncated": resource.truncated,
                # menus and footers repeat on every page: keep one object per distinct link/image
                "links": tuple(self._shared.setdefault(link, link) for link in page.links),
                "images": tuple(self._shared.setdefault(image, image) for image in page.images),
            }
        )
        if soft_error_check and self.is_error_page(page):
            return PageFailure(
                url=resource.url,
                kind=FailureKind.ERROR_PAGE,
                reason="the page answers 200 OK but says it was not found",
                status=resource.status,
                found_on=resource.found_on,
            )
        return page

    def is_error_page(self, page: PageContent) -> bool:
        """A short page whose title or text says "not found" although it answered 200 (a soft 404)."""
        if len(page.text.strip()) > self._max_chars:
            return False
        text = f"{page.title}\n{page.text}".lower()
        return any(marker.lower() in text for marker in self._markers)
