"""HTML reporter: ``render_html(ScanResult, Checklist) -> str``, one self-contained page.

The page has no external assets at all (inline CSS and JS, system fonts, no images), so it opens
offline and can be attached to a memo. A Content-Security-Policy ``<meta>`` allows only the one
inline script whose hash is computed here, so even a ``<script>`` that slipped into an evidence
snippet could not run (it cannot: Jinja autoescape is on and ``view.highlight`` escapes first).
The reporter never decides verdicts; it shows what ``judge`` decided.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence

from jinja2 import Environment
from markupsafe import Markup

from oit_check._version import __version__
from oit_check.checklist.schema import Checklist
from oit_check.i18n import normalize_lang, t
from oit_check.models import ScanResult
from oit_check.perception.gaps import GapReport
from oit_check.report.gaps_view import GapsView, build_gaps_view
from oit_check.report.scan_view import ReportView, build_view
from oit_check.report.templating import asset, make_environment

__all__ = ["environment", "render_gaps_html", "render_html", "render_view", "script_hash"]


def environment() -> Environment:
    """The Jinja environment of the report templates."""
    return make_environment("oit_check.report")


_INDENT = re.compile(r"\n[ \t]+")


def squeeze(text: str) -> str:
    """Drop the indentation after each newline (about a fifth of a report). The newline stays, so
    inline elements keep their separating space; nothing in the report uses ``white-space: pre``."""
    return _INDENT.sub("\n", text)


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def script_hash(script: str | None = None) -> str:
    """CSP source for an inline script: ``sha256-...`` of ``script``, by default the report's own."""
    return _script_hash(squeeze(asset("oit_check.report", "report.js")) if script is None else script)


def _score_band(score: float) -> str:
    # 85 is the ITA pass line for each tool (shared/domain/ita-criteria.md, 1.1); 70 the next band.
    if score >= 85:
        return "band-high"
    return "band-mid" if score >= 70 else "band-low"


def render_view(
    view: ReportView,
    *,
    gaps: GapsView | None = None,
    nav_links: Sequence[tuple[str, str]] = (),
) -> str:
    """Render an already built ``ReportView`` (used by ``render_html`` and the web app)."""
    js = squeeze(asset("oit_check.report", "report.js"))
    template = environment().get_template("report.html")
    lang = view.lang

    def tr(key: str, **values: object) -> str:
        return t(key, lang, **values)

    html = template.render(
        v=view,
        gv=gaps,
        gaps=gaps is not None,
        has_items=True,
        t=tr,
        css=Markup(asset("oit_check.report", "report.css")),
        js=Markup(js),
        script_hash=_script_hash(js),
        score_band=_score_band(view.score),
        nav_links=list(nav_links),
    )
    return squeeze(html)  # the script was squeezed before hashing, so its hash still holds


def render_html(
    result: ScanResult,
    checklist: Checklist | None,
    *,
    lang: str = "th",
    gaps: GapReport | GapsView | None = None,
    nav_links: Sequence[tuple[str, str]] = (),
) -> str:
    """The HTML report of ``result``: Thai by default, English with ``lang="en"``.

    ``checklist`` supplies indicator and sub-indicator titles (items keep the titles stored in the
    result). ``gaps`` is the perception-gap analysis (``oit_check.perception.gaps.analyse``;
    optional): it adds a section beside the disclosure findings. ``nav_links`` are ``(href, label)`` pairs shown at the
    top (the web app's "new scan" and download links); the saved file has none.
    """
    lg = normalize_lang(lang)
    view = build_view(result, checklist, lg)
    gaps_view = build_gaps_view(gaps, result, lg) if gaps is not None else None
    return render_view(view, gaps=gaps_view, nav_links=nav_links)


def render_gaps_html(
    report: GapReport, *, lang: str = "th", result: ScanResult | None = None, checklist: Checklist | None = None
) -> str:
    """``oit-check gaps --format html``: the full report with its gap section when the scan
    ``result`` is given, else a page with the gap section alone (statuses from the results file)."""
    lg = normalize_lang(lang)
    if result is not None:
        return render_html(result, checklist, lang=lg, gaps=report)
    gaps_view = build_gaps_view(report, None, lg)
    template = environment().get_template("gaps_only.html")

    def tr(key: str, **values: object) -> str:
        return t(key, lg, **values)

    return squeeze(
        template.render(
            lang=lg,
            t=tr,
            gv=gaps_view,
            has_items=False,
            css=Markup(asset("oit_check.report", "report.css")),
            version=__version__,
        )
    )
