"""Headless Chromium for the browser tests: Debian's ``chromium`` driven by Playwright's Python package.

No browser is downloaded (never ``playwright install``): Playwright is pointed at the system binary.
The tests skip when Chromium is absent, unless ``OIT_CHECK_REQUIRE_BROWSER`` is set (CI sets it), in
which case they fail. The flags stop Chromium's own background traffic (component updates, sync,
QUIC probes): on a closed network its connections are refused and would slow or break the tests.
Every page gets a network guard that aborts and records any request that is not ``file:``,
``data:``, ``blob:`` or loopback; tests assert the record stays empty.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("OIT_CHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _require_browser() -> None:
    required = os.environ.get("OIT_CHECK_REQUIRE_BROWSER", "") not in ("", "0")
    problem = None
    if not Path(CHROMIUM).exists():
        problem = f"Chromium not found at {CHROMIUM} (apt-get install chromium fonts-thai-tlwg)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright Python package is not installed (pip install -e '.[test]')"
    if problem:
        if required:
            pytest.fail(f"OIT_CHECK_REQUIRE_BROWSER is set but {problem}")
        pytest.skip(problem)


def launch_browser() -> Iterator[Any]:
    """Yield a headless Chromium (for a module-scoped ``browser`` fixture); skips or fails if absent."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


class NetworkGuard:
    """Aborts and records requests leaving the machine (anything but file:, data:, blob:, loopback)."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.seen: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        self.seen.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob") or (parts.hostname or "") in _LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def new_page(browser: Any, viewport: dict[str, int], **options: Any) -> tuple[Any, Any, NetworkGuard]:
    """A fresh context and page with the network guard installed; returns (context, page, guard)."""
    context = browser.new_context(viewport=viewport, locale="th-TH", **options)
    guard = NetworkGuard()
    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]  # read by the tests
    return context, page, guard


def screenshot(page: Any, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG under tests/artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


OVERLAP_JS = """
([selectors, contained]) => {
  const problems = [];
  const boxes = (sel) => Array.from(document.querySelectorAll(sel))
    .filter((el) => el.offsetParent !== null)
    .map((el) => [el, el.getBoundingClientRect()]);
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const [container, children] of selectors) {
    for (const root of document.querySelectorAll(container)) {
      if (root.offsetParent === null) continue;
      const kids = Array.from(root.querySelectorAll(children)).filter((el) => el.offsetParent !== null);
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          if (kids[i].contains(kids[j]) || kids[j].contains(kids[i])) continue;
          const a = kids[i].getBoundingClientRect(), b = kids[j].getBoundingClientRect();
          if (hit(a, b)) problems.push(`${container}: "${kids[i].textContent.trim().slice(0, 30)}" overlaps "${kids[j].textContent.trim().slice(0, 30)}"`);
        }
      }
    }
  }
  for (const [childSel, parentSel] of contained) {
    for (const child of document.querySelectorAll(childSel)) {
      const parent = child.closest(parentSel);
      if (!parent || child.offsetParent === null) continue;
      const c = child.getBoundingClientRect(), p = parent.getBoundingClientRect();
      if (c.left < p.left - 1 || c.right > p.right + 1) problems.push(`${childSel} "${child.textContent.trim().slice(0, 30)}" sticks out of ${parentSel}`);
    }
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1) problems.push(`horizontal overflow: ${doc.scrollWidth} > ${window.innerWidth}`);
  for (const [el, r] of boxes("h1, h2, h3, .badge, button, .tile, .ring, .bar, td, th, label, input")) {
    if (r.right > window.innerWidth + 1) problems.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" sticks out (${Math.round(r.right)}px)`);
  }
  return problems;
}
"""


def layout_problems(
    page: Any, groups: list[tuple[str, str]], contained: list[tuple[str, str]] | None = None
) -> list[str]:
    """Overlapping elements inside each ``(container, children)`` group, ``(child, ancestor)`` pairs
    where the child sticks out of its ancestor, and anything wider than the page."""
    problems: list[str] = page.evaluate(OVERLAP_JS, [groups, contained or []])
    return problems
