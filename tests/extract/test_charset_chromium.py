"""The extractor reads the same text Chromium shows, on the same bytes (rule: what a browser shows
is what is judged). Each case is served over loopback and opened in headless Chromium."""

from __future__ import annotations

import http.server
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from oit_check.extract.html import extract_html
from oit_check.models import FetchedResource, ResourceKind

pytestmark = pytest.mark.browser

THAI = "โครงสร้างองค์กร สำนักงานเทศบาล"
WORD_PAGE = (
    '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">'
    '<meta name=Generator content="Microsoft Word 15"><title>x</title></head>'
    f"<body><p class=MsoNormal>{THAI}<o:p></o:p></p></body></html>"
)
PLAIN = f'<html><head><title>x</title>{{meta}}</head><body><p id="t">{THAI}</p></body></html>'

# name -> (body bytes, Content-Type header)
CASES: dict[str, tuple[bytes, str]] = {
    "word_1252_meta_utf8_bytes": (WORD_PAGE.encode("utf-8"), "text/html"),
    "word_1252_meta_utf8_bytes_bom": (b"\xef\xbb\xbf" + WORD_PAGE.encode("utf-8"), "text/html"),
    "word_1252_meta_utf8_header": (WORD_PAGE.encode("utf-8"), "text/html; charset=UTF-8"),
    "meta_tis620": (PLAIN.format(meta='<meta charset="tis-620">').encode("cp874"), "text/html"),
    "header_utf8_lying_bytes_874": (PLAIN.format(meta="").encode("cp874"), "text/html; charset=utf-8"),
    "meta_utf8": (PLAIN.format(meta='<meta charset="utf-8">').encode("utf-8"), "text/html"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, ctype = CASES[self.path.strip("/")]
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from browser_support import launch_browser

    yield from launch_browser()


def _visible(text: str) -> str:
    """Words as shown: whitespace folded, invisible characters (controls, soft hyphens) dropped."""
    return " ".join("".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c in "\n\t ").split())


@pytest.mark.parametrize("case", sorted(CASES))
def test_extractor_reads_what_chromium_shows(server: str, browser: Any, case: str) -> None:
    from browser_support import DESKTOP, new_page

    body, ctype = CASES[case]
    context, page, _guard = new_page(browser, DESKTOP)
    try:
        page.goto(server + case)
        shown = _visible(str(page.evaluate("document.body.innerText")))
    finally:
        context.close()
    resource = FetchedResource(
        url=server + case,
        requested_url=server + case,
        status=200,
        content_type=ctype,
        body=body,
        kind=ResourceKind.HTML,
    )
    read = _visible(extract_html(resource, lambda _u: True).text)
    assert read == shown
