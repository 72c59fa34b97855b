"""How the web app's pages are rendered: one template environment, the page frame (language switch,
CSS, the one script with its CSP hash), the message page, and past scans as table rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

from oit_check._version import __version__
from oit_check.history import ScanRecord
from oit_check.i18n import normalize_lang, t
from oit_check.report.scan_html import script_hash
from oit_check.report.scan_view import format_date
from oit_check.report.templating import asset, make_environment
from oit_check.web.security import csp


def request_lang(request: Request) -> str:
    """The language asked for by ``?lang=`` (Thai unless it says en)."""
    return normalize_lang(request.query_params.get("lang"))


@dataclass(frozen=True)
class Record:
    """One past scan as the scans table shows it."""

    id: str
    when: str
    host: str
    fiscal_year: int
    score: str
    ok: int
    total: int
    error: str | None


class PageRenderer:
    """Renders the app's templates with the shared frame; holds the inlined CSS and script."""

    def __init__(self) -> None:
        self.app_js = asset("oit_check.web", "app.js")
        self.css = Markup(asset("oit_check.report", "report.css") + "\n" + asset("oit_check.web", "app.css"))

    def page(
        self,
        request: Request,
        template: str,
        *,
        heading: str,
        status_code: int = 200,
        script: bool = False,
        **context: Any,
    ) -> HTMLResponse:
        lang = request_lang(request)
        query = dict(request.query_params)
        query["lang"] = "th" if lang == "en" else "en"
        html = (
            make_environment("oit_check.web", "oit_check.report")
            .get_template(template)
            .render(
                lang=lang,
                t=lambda key, **values: t(key, lang, **values),
                title=heading,
                heading=heading,
                css=self.css,
                js=Markup(self.app_js) if script else None,
                root=request.scope.get("root_path", ""),
                q="?lang=en" if lang == "en" else "",
                other_lang_url=request.url.path + "?" + urlencode(query),
                version=__version__,
                **context,
            )
        )
        headers = {"Content-Security-Policy": csp(script_hash(self.app_js) if script else "none")}
        return HTMLResponse(html, status_code=status_code, headers=headers)

    def message(self, request: Request, message: str, status_code: int, *, heading: str | None = None) -> HTMLResponse:
        lang = request_lang(request)
        return self.page(
            request,
            "message.html",
            heading=t("app_title", lang),
            heading2=heading or t("error_title", lang),
            message=message,
            back_url="/" + ("?lang=en" if lang == "en" else ""),
            status_code=status_code,
        )

    def records(self, rows: Sequence[ScanRecord], lang: str) -> list[Record]:
        lg = normalize_lang(lang)
        out = []
        for r in rows:
            local = r.created_at.astimezone()
            out.append(
                Record(
                    id=r.id,
                    when=f"{format_date(local.date(), lg)} {local:%H:%M}",
                    host=r.host or r.start_url,
                    fiscal_year=r.fiscal_year,
                    score=f"{r.expected_score:.0f}",
                    ok=r.ok,
                    total=r.total,
                    error=r.error,
                )
            )
        return out
