"""The self-check web app (``oit-check serve``): a Starlette app factory, run by uvicorn.

Pages: the form (``/``), live progress (``/jobs/{id}``, with Server-Sent Events at
``/jobs/{id}/events`` and a JSON snapshot at ``/jobs/{id}/status``), the report (``/scans/{id}``),
downloads (``/scans/{id}/report.json`` and ``report.html``), the list of past scans (``/scans``)
and the optional ITA results upload for the perception-gap section (``/scans/{id}/results``).

Safety, because the app fetches URLs that people type:

* binds to 127.0.0.1 by default (``commands/serve.py``); the Host header must name an allowed host
  (a DNS-rebinding page cannot drive it), and a POST whose Origin is another site is refused;
* targets that resolve to private, loopback or link-local addresses are refused (``forms.check_target``)
  and the crawl itself runs with ``allow_private=False`` so redirects cannot reach them either,
  unless the app was created with ``allow_private=True``;
* every input is validated with a plain Thai message; uploads are capped before the body is read;
* at most ``max_concurrent_scans`` scans run at once; more get HTTP 429 "busy, try again";
* nothing is served from the file system: scans are read from the SQLite store by id
  (``history.is_scan_id``), so a path such as ``..%2F..%2Fetc%2Fpasswd`` is simply a 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import anyio.to_thread
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from oit_check.checklist.schema import Checklist
from oit_check.config import CrawlConfig, ScanConfig
from oit_check.errors import OitCheckError
from oit_check.history import HistoryStore, ResultsFile, is_scan_id
from oit_check.i18n import normalize_lang, t
from oit_check.models import ScanResult
from oit_check.perception.gaps import GapReport
from oit_check.progress import ProgressEvent
from oit_check.report.gaps_view import GapsView
from oit_check.report.scan_html import render_html, script_hash
from oit_check.report.scan_json import render_json
from oit_check.thai.fiscal import fiscal_year_of
from oit_check.web.forms import (
    MAX_UPLOAD_BYTES,
    MAX_URL_LENGTH,
    RESULTS_EXTENSIONS,
    FieldError,
    Resolver,
    check_results_file,
    check_target,
    parse_fiscal_year,
    parse_target_url,
)
from oit_check.web.gaps import GapAnalyser, perception_gaps
from oit_check.web.jobs import JobManager, ResultsUpload, ScanFunc
from oit_check.web.pages import PageRenderer, request_lang
from oit_check.web.security import SecurityHeaders, csp, same_origin

log = logging.getLogger("oit_check.web")

DEFAULT_MAX_CONCURRENT_SCANS = 2
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
_FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small text fields
_PAGE_SIZE = 50
_SAFE_NAME = re.compile(r"[^a-z0-9.-]+")


def _default_scan(
    start_url: str,
    checklist: Checklist,
    config: ScanConfig,
    *,
    on_progress: Callable[[ProgressEvent], None] | None = None,
) -> ScanResult:
    # Imported on first use: the pipeline pulls in the crawler, parsers and httpx.
    from oit_check import scan

    return scan(start_url, checklist, config, on_progress=on_progress)


class _App:
    """Handlers and state of one app instance (no module-level state)."""

    def __init__(
        self,
        store_dir: Path,
        *,
        allow_private: bool,
        max_concurrent_scans: int,
        scan_func: ScanFunc,
        checklist: Checklist | None,
        resolver: Resolver | None,
        gap_analyser: GapAnalyser,
        crawl_config: CrawlConfig | None,
        today: Callable[[], date],
    ) -> None:
        self.store = HistoryStore.in_dir(store_dir)
        self.allow_private = allow_private
        self.jobs = JobManager(self.store, scan_func, max_concurrent=max_concurrent_scans)
        self._checklist = checklist
        self.resolver = resolver
        self.gap_analyser = gap_analyser
        self.crawl_config = (crawl_config or CrawlConfig()).model_copy(update={"allow_private": allow_private})
        self.today = today
        self.pages = PageRenderer()

    # -- helpers ---------------------------------------------------------------------------------

    def checklist(self, checklist_id: str | None = None) -> Checklist | None:
        """The app's checklist (loaded on first use), or the one a stored result names."""
        from oit_check import load_checklist

        if self._checklist is None:
            self._checklist = load_checklist()
        if checklist_id is None or checklist_id == self._checklist.id:
            return self._checklist
        try:
            return load_checklist(checklist_id)
        except OitCheckError:
            return None

    def form_page(
        self,
        request: Request,
        *,
        form: dict[str, str] | None = None,
        errors: dict[str, FieldError] | None = None,
        status_code: int = 200,
    ) -> HTMLResponse:
        lang = request_lang(request)
        rows = self.store.list(limit=10)
        return self.pages.page(
            request,
            "index.html",
            heading=t("app_title", lang),
            status_code=status_code,
            form=form or {"url": "", "fiscal_year": str(fiscal_year_of(self.today()))},
            errors=errors or {},
            records=self.pages.records(rows, lang),
            max_url=MAX_URL_LENGTH,
            max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
            accept=",".join(RESULTS_EXTENSIONS),
        )

    async def read_form(self, request: Request) -> tuple[dict[str, str], UploadFile | None, HTMLResponse | None]:
        """The form fields and the upload, or an error page (too large, wrong origin, unreadable)."""
        lang = request_lang(request)
        if not same_origin(request):
            return {}, None, self.pages.message(request, t("err_form", lang), 403)
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            return {}, None, self.pages.message(request, t("err_form", lang), 411)
        if int(length) > MAX_UPLOAD_BYTES + _FORM_OVERHEAD:
            mb = MAX_UPLOAD_BYTES // (1024 * 1024)
            return {}, None, self.pages.message(request, t("err_upload_large", lang, mb=mb), 413)
        try:
            data = await request.form(max_files=1, max_fields=8, max_part_size=_FORM_OVERHEAD)
        except (HTTPException, ValueError, KeyError):
            return {}, None, self.pages.message(request, t("err_form", lang), 400)
        fields = {k: v for k, v in data.multi_items() if isinstance(v, str)}
        upload = data.get("results")
        return fields, upload if isinstance(upload, UploadFile) and upload.filename else None, None

    async def read_upload(
        self, upload: UploadFile | None, lang: str, result: ScanResult | None = None
    ) -> tuple[ResultsUpload | None, FieldError | None]:
        """The uploaded results file, checked by size, type and by reading it with the gap analyser."""
        if upload is None or not upload.filename:
            return None, None
        content = await upload.read(MAX_UPLOAD_BYTES + 1)
        error = check_results_file(upload.filename, len(content), lang)
        if error is not None:
            return None, error
        probe = ResultsFile(file_name=upload.filename, uploaded_at=datetime.now(UTC), content=content)
        try:
            await anyio.to_thread.run_sync(self.gap_analyser, probe, result, lang)
        except (OitCheckError, ValueError) as exc:
            detail = exc.message if isinstance(exc, OitCheckError) else str(exc)
            return None, FieldError("results", t("err_upload_unreadable", lang, detail=detail[:300]))
        return ResultsUpload(file_name=upload.filename, content=content), None

    # -- routes ----------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        return self.form_page(request)

    async def start_scan(self, request: Request) -> Response:
        lang = request_lang(request)
        fields, upload_file, failure = await self.read_form(request)
        if failure is not None:
            return failure
        lang = normalize_lang(fields.get("lang", lang))
        request.scope["query_string"] = b"lang=en" if lang == "en" else b""  # pages answer in the form's language
        form = {"url": fields.get("url", "")[: MAX_URL_LENGTH + 100], "fiscal_year": fields.get("fiscal_year", "")}
        errors: dict[str, FieldError] = {}
        url, url_error = parse_target_url(form["url"], lang)
        if url_error is not None:
            errors["url"] = url_error
        elif url is not None:
            target_error = await check_target(url, lang, allow_private=self.allow_private, resolver=self.resolver)
            if target_error is not None:
                errors["url"] = target_error
        year, year_error = parse_fiscal_year(form["fiscal_year"], fiscal_year_of(self.today()), lang)
        if year_error is not None:
            errors["fiscal_year"] = year_error
        upload, upload_error = await self.read_upload(upload_file, lang)
        if upload_error is not None:
            errors["results"] = upload_error
        if errors or url is None or year is None:
            return self.form_page(request, form=form, errors=errors, status_code=400)
        try:
            checklist = self.checklist()
        except OitCheckError as exc:
            return self.pages.message(request, t("err_scan_failed", lang, detail=exc.message), 500)
        assert checklist is not None
        config = ScanConfig(crawl=self.crawl_config, fiscal_year=year, as_of=self.today())
        job = self.jobs.start(url, checklist, config, year, upload=upload)
        if job is None:
            response = self.pages.message(request, t("err_busy", lang, n=self.jobs.max_concurrent), 429)
            response.headers["Retry-After"] = "30"
            return response
        suffix = "?lang=en" if lang == "en" else ""
        return RedirectResponse(f"/jobs/{job.id}{suffix}", status_code=303)

    async def job_page(self, request: Request) -> Response:
        lang = request_lang(request)
        job = self.jobs.get(request.path_params["job_id"])
        if job is None:
            raise HTTPException(404)
        snap = job.snapshot(lang)
        if snap["state"] == "done" and snap["report_url"]:
            return RedirectResponse(str(snap["report_url"]), status_code=303)
        suffix = "?lang=en" if lang == "en" else ""
        return self.pages.page(
            request,
            "job.html",
            heading=t("app_title", lang),
            script=True,
            job=job,
            job_url=job.url,
            snap=snap,
            events_url=f"/jobs/{job.id}/events{suffix}",
            status_url=f"/jobs/{job.id}/status{suffix}",
        )

    async def job_status(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["job_id"])
        if job is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        return JSONResponse(job.snapshot(request_lang(request)))

    async def job_events(self, request: Request) -> Response:
        job = self.jobs.get(request.path_params["job_id"])
        if job is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        lang = request_lang(request)

        async def stream() -> AsyncIterator[str]:
            last = -1
            beat = time.monotonic()
            while True:
                snap = job.snapshot(lang)
                if snap["version"] != last:
                    last = int(str(snap["version"]))
                    beat = time.monotonic()
                    yield f"data: {json.dumps(snap, ensure_ascii=False)}\n\n"
                    if snap["state"] in ("done", "failed"):
                        return
                elif time.monotonic() - beat > 15:
                    beat = time.monotonic()
                    yield ": keep-alive\n\n"
                await asyncio.sleep(0.2)

        return StreamingResponse(
            stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        )

    async def _load(self, request: Request) -> tuple[str, ScanResult]:
        scan_id = request.path_params["scan_id"]
        if not is_scan_id(scan_id):
            raise HTTPException(404)
        result = await anyio.to_thread.run_sync(self.store.get, scan_id)
        if result is None:
            raise HTTPException(404)
        return scan_id, result

    async def _gaps(self, scan_id: str, result: ScanResult, lang: str) -> GapReport | GapsView | None:
        results_file = await anyio.to_thread.run_sync(self.store.results_file, scan_id)
        if results_file is None:
            return None
        try:
            return await anyio.to_thread.run_sync(self.gap_analyser, results_file, result, lang)
        except (OitCheckError, ValueError):  # checked at upload; a newer parser may still refuse it
            log.warning("results file of scan %s cannot be read any more", scan_id, exc_info=True)
            return None

    async def report(self, request: Request) -> Response:
        scan_id, result = await self._load(request)
        lang = request_lang(request)
        q = "?lang=en" if lang == "en" else ""
        nav = [
            (f"/{q}", t("new_scan", lang)),
            (f"/scans{q}", t("all_scans", lang)),
            (f"/scans/{scan_id}/report.html{q}", t("download_html", lang)),
            (f"/scans/{scan_id}/report.json", t("download_json", lang)),
            (f"/scans/{scan_id}/results{q}", t("upload_results", lang)),
            (f"/scans/{scan_id}?lang={'th' if lang == 'en' else 'en'}", t("language", lang)),
        ]
        gaps = await self._gaps(scan_id, result, lang)
        html = render_html(result, self.checklist(result.checklist_id), lang=lang, gaps=gaps, nav_links=nav)
        return HTMLResponse(html, headers={"Content-Security-Policy": csp(script_hash())})

    async def download_json(self, request: Request) -> Response:
        scan_id, result = await self._load(request)
        return Response(
            render_json(result),
            media_type="application/json; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{_file_stem(result, scan_id)}.json"'},
        )

    async def download_html(self, request: Request) -> Response:
        scan_id, result = await self._load(request)
        lang = request_lang(request)
        gaps = await self._gaps(scan_id, result, lang)
        html = render_html(result, self.checklist(result.checklist_id), lang=lang, gaps=gaps)
        return HTMLResponse(
            html,
            headers={
                "Content-Disposition": f'attachment; filename="{_file_stem(result, scan_id)}.html"',
                "Content-Security-Policy": csp(script_hash()),
            },
        )

    async def scans(self, request: Request) -> Response:
        lang = request_lang(request)
        page_text = request.query_params.get("page", "1")
        page = int(page_text) if page_text.isdigit() and 0 < int(page_text) < 100_000 else 1
        rows = self.store.list(limit=_PAGE_SIZE + 1, offset=(page - 1) * _PAGE_SIZE)
        lang_q = "&lang=en" if lang == "en" else ""
        return self.pages.page(
            request,
            "scans.html",
            heading=t("past_scans", lang),
            records=self.pages.records(rows[:_PAGE_SIZE], lang),
            prev_url=f"/scans?page={page - 1}{lang_q}" if page > 1 else None,
            next_url=f"/scans?page={page + 1}{lang_q}" if len(rows) > _PAGE_SIZE else None,
        )

    def _results_page(
        self, request: Request, scan_id: str, result: ScanResult, errors: dict[str, FieldError], status_code: int
    ) -> HTMLResponse:
        lang = request_lang(request)
        return self.pages.page(
            request,
            "results.html",
            heading=t("upload_results", lang),
            status_code=status_code,
            scan_id=scan_id,
            start_url=result.start_url,
            errors=errors,
            max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
            accept=",".join(RESULTS_EXTENSIONS),
        )

    async def results_form(self, request: Request) -> Response:
        scan_id, result = await self._load(request)
        return self._results_page(request, scan_id, result, {}, 200)

    async def upload_results(self, request: Request) -> Response:
        scan_id, result = await self._load(request)
        fields, upload_file, failure = await self.read_form(request)
        if failure is not None:
            return failure
        lang = normalize_lang(fields.get("lang", request_lang(request)))
        request.scope["query_string"] = b"lang=en" if lang == "en" else b""  # pages answer in the form's language
        upload, error = await self.read_upload(upload_file, lang, result)
        if error is None and upload is None:
            error = FieldError("results", t("err_upload_unreadable", lang, detail="—"))
        if error is not None or upload is None:
            errors = {"results": error} if error else {}
            return self._results_page(request, scan_id, result, errors, 400)
        await anyio.to_thread.run_sync(self.store.attach_results_file, scan_id, upload.file_name, upload.content)
        suffix = "?lang=en" if lang == "en" else ""
        return RedirectResponse(f"/scans/{scan_id}{suffix}#gaps", status_code=303)

    async def not_found(self, request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 500
        lang = request_lang(request)
        if code == 404:
            return self.pages.message(request, t("not_found", lang), 404, heading=t("not_found", lang))
        return self.pages.message(request, t("err_form", lang), code)


def _file_stem(result: ScanResult, scan_id: str) -> str:
    host = _SAFE_NAME.sub("-", (urlsplit(result.start_url).hostname or "site").lower()).strip("-") or "site"
    return f"oit-check-{host}-{result.fiscal_year}-{scan_id}"


def create_app(
    store_dir: Path,
    *,
    allow_private: bool = False,
    max_concurrent_scans: int = DEFAULT_MAX_CONCURRENT_SCANS,
    scan_func: ScanFunc | None = None,
    checklist: Checklist | None = None,
    resolver: Resolver | None = None,
    allowed_hosts: Sequence[str] | None = None,
    gap_analyser: GapAnalyser | None = None,
    crawl_config: CrawlConfig | None = None,
    today: Callable[[], date] = date.today,
) -> Starlette:
    """The self-check app, storing scans under ``store_dir``.

    ``scan_func`` defaults to ``oit_check.pipeline.scan`` (tests inject a fast fake);
    ``checklist`` defaults to the packaged one; ``resolver`` to the system DNS;
    ``allowed_hosts`` (Host header names) to the loopback names; ``gap_analyser`` turns an
    uploaded ITA results file into the report's perception-gap section.
    """
    state = _App(
        Path(store_dir),
        allow_private=allow_private,
        max_concurrent_scans=max_concurrent_scans,
        scan_func=scan_func or _default_scan,
        checklist=checklist,
        resolver=resolver,
        gap_analyser=gap_analyser or perception_gaps,
        crawl_config=crawl_config,
        today=today,
    )

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await state.jobs.aclose()

    hosts = list(allowed_hosts) if allowed_hosts is not None else list(LOOPBACK_HOSTS)
    routes = [
        Route("/", state.index, methods=["GET"]),
        Route("/scans", state.start_scan, methods=["POST"]),
        Route("/scans", state.scans, methods=["GET"]),
        Route("/jobs/{job_id}", state.job_page, methods=["GET"]),
        Route("/jobs/{job_id}/status", state.job_status, methods=["GET"]),
        Route("/jobs/{job_id}/events", state.job_events, methods=["GET"]),
        Route("/scans/{scan_id}", state.report, methods=["GET"]),
        Route("/scans/{scan_id}/report.json", state.download_json, methods=["GET"]),
        Route("/scans/{scan_id}/report.html", state.download_html, methods=["GET"]),
        Route("/scans/{scan_id}/results", state.results_form, methods=["GET"]),
        Route("/scans/{scan_id}/results", state.upload_results, methods=["POST"]),
    ]
    handler: Callable[[Request, Exception], Awaitable[Response]] = state.not_found
    app = Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(SecurityHeaders)],
        exception_handlers={404: handler, 405: handler},
        lifespan=lifespan,
    )
    app.state.oit = state
    return app
