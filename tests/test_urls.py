"""URL normalisation, de-duplication keys, site scope and link-target classification."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oit_check.models import ResourceKind
from oit_check.urls import (
    SiteScope,
    classify_url,
    file_name_from_url,
    is_document_url,
    join_url,
    normalize_url,
    remove_dot_segments,
    url_key,
)

KHAO = "%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7"  # ข่าว


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://WWW.Agency.GO.TH:80/a", "http://www.agency.go.th/a"),
        ("https://agency.go.th:443", "https://agency.go.th/"),
        ("http://agency.go.th:8080/a", "http://agency.go.th:8080/a"),
        ("http://agency.go.th/a#section", "http://agency.go.th/a"),
        ("http://agency.go.th/#!/spa/route", "http://agency.go.th/"),
        ("http://agency.go.th/a/./b/../c", "http://agency.go.th/a/c"),
        ("http://agency.go.th/a/b/../../../c", "http://agency.go.th/c"),
        ("http://agency.go.th/%7Euser/%41", "http://agency.go.th/~user/A"),
        ("http://agency.go.th/a b", "http://agency.go.th/a%20b"),
        ("http://agency.go.th/100%", "http://agency.go.th/100%25"),
        ("http://agency.go.th/a\\b", "http://agency.go.th/a/b"),
        ("http://agency.go.th/q?x=%2f&y=%3D", "http://agency.go.th/q?x=%2F&y=%3D"),
        ("http://agency.go.th/q?", "http://agency.go.th/q"),
        ("http://agency.go.th/ข่าว", f"http://agency.go.th/{KHAO}"),
        ("http://agency.go.th/" + KHAO.lower(), f"http://agency.go.th/{KHAO}"),
        ("http://agency.go.th/" + KHAO, f"http://agency.go.th/{KHAO}"),
        ("http://สวัสดี.ไทย/", "http://xn--l3c1bib8a0a.xn--o3cw4h/"),
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://a.go.th/p?id=5&PHPSESSID=abc123", "http://a.go.th/p?id=5"),
        ("http://a.go.th/p?utm_source=fb&utm_medium=x&id=5&fbclid=zz", "http://a.go.th/p?id=5"),
        ("http://a.go.th/p;jsessionid=0A1B2C3D?x=1", "http://a.go.th/p?x=1"),
        ("http://a.go.th/(S(abcdefghijklmnopqrstuvwx))/page.aspx", "http://a.go.th/page.aspx"),
        # ``sid`` is dropped only when it looks like a token; ``?sid=5`` is a section id
        ("http://a.go.th/w?sid=0123456789abcdef0123&t=1", "http://a.go.th/w?t=1"),
        ("http://a.go.th/w?sid=5", "http://a.go.th/w?sid=5"),
        # order kept, base64 values and page ids untouched
        ("http://a.go.th/index.php?_mod=ZmlsZXM&type=MzI", "http://a.go.th/index.php?_mod=ZmlsZXM&type=MzI"),
        ("http://a.go.th/?page_id=7484", "http://a.go.th/?page_id=7484"),
        ("http://a.go.th/p?b=2&a=1", "http://a.go.th/p?b=2&a=1"),
    ],
)
def test_session_and_tracking_params_are_dropped(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


@pytest.mark.parametrize(
    "raw", ["mailto:a@b.go.th", "javascript:void(0)", "tel:021234567", "ftp://x/", "http://", "#top"]
)
def test_non_web_urls_are_none(raw: str) -> None:
    assert normalize_url(raw) is None


def test_join_url_resolves_relative_links() -> None:
    assert join_url("http://a.go.th/ita/index.html", "../files/o1.pdf") == "http://a.go.th/files/o1.pdf"
    assert join_url("http://a.go.th/ita/", "ข่าว") == f"http://a.go.th/ita/{KHAO}"
    assert join_url("http://a.go.th/ita/", "//b.go.th/x") == "http://b.go.th/x"
    assert join_url("http://a.go.th/", "mailto:x@y") is None


def test_url_key_folds_scheme_www_and_encoding() -> None:
    spellings = [
        "http://www.agency.go.th/ข่าว",
        f"https://agency.go.th/{KHAO.lower()}",
        f"HTTPS://AGENCY.GO.TH:443/{KHAO}#x",
    ]
    assert len({url_key(u) for u in spellings}) == 1
    assert url_key("http://agency.go.th/a") != url_key("http://agency.go.th/a/")


def test_remove_dot_segments() -> None:
    assert remove_dot_segments("/a/b/c/./../../g") == "/a/g"
    assert remove_dot_segments("/a/b/.") == "/a/b/"
    assert remove_dot_segments("/..") == "/"


@given(st.text(alphabet="abcกขค%/?=&.# 09AFaf:@+~-_ข่าว", max_size=40))
def test_normalisation_is_idempotent(path: str) -> None:
    once = normalize_url("http://agency.go.th/" + path)
    if once is not None:
        assert normalize_url(once) == once


# ------------------------------------------------------------------------------------- scope


def test_scope_www_and_bare_are_one_site() -> None:
    scope = SiteScope.for_start("https://www.agency.go.th/")
    assert scope.is_same_site("http://agency.go.th/a")
    assert scope.is_same_site("https://WWW.AGENCY.GO.TH:8443/b")
    assert not scope.is_same_site("http://ita.agency.go.th/")
    assert not scope.is_same_site("http://other.go.th/")
    assert not scope.is_same_site("mailto:x@agency.go.th")
    assert not scope.is_same_site("http://agency.go.th.evil.com/")


def test_scope_subdomains_and_extra_hosts() -> None:
    scope = SiteScope.for_start(
        "https://agency.go.th/",
        include_subdomains=True,
        extra_hosts=("https://sites.google.com/view/x", "*.moph.go.th", "61.19.34.18:8000"),
    )
    assert scope.is_same_site("http://ita.agency.go.th/")
    assert scope.is_same_site("https://sites.google.com/anything")
    assert scope.is_same_site("http://hospital.moph.go.th/")
    assert scope.is_same_site("http://moph.go.th/")
    assert scope.is_same_site("http://61.19.34.18/ita_66/")
    sub = SiteScope.for_start("https://ita.agency.go.th/", include_subdomains=True)
    assert not sub.is_same_site("https://agency.go.th/")


def test_scope_with_url_adds_the_new_host() -> None:
    scope = SiteScope.for_start("http://old.go.th/").with_url("https://www.new.go.th/home")
    assert scope.is_same_site("http://new.go.th/x") and scope.is_same_site("http://old.go.th/x")


# ---------------------------------------------------------------------------- classification


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://a/files/o1.pdf", ResourceKind.PDF),
        ("http://a/files/O1.PDF", ResourceKind.PDF),
        (f"http://a/files/{KHAO}.pdf", ResourceKind.PDF),
        ("http://a/r.docx", ResourceKind.DOCX),
        ("http://a/r.xlsx", ResourceKind.XLSX),
        ("http://a/r.doc", ResourceKind.DOC_OTHER),
        ("http://a/r.pptx", ResourceKind.DOC_OTHER),
        ("http://a/r.rar", ResourceKind.DOC_OTHER),
        ("http://a/chart.jpg", ResourceKind.IMAGE),
        ("http://a/site.css", ResourceKind.OTHER),
        ("http://a/video.mp4", ResourceKind.OTHER),
        ("http://a/page.php", ResourceKind.HTML),
        ("http://a/download.php?file=uploads%2Fita%2Fo12.xlsx", ResourceKind.XLSX),
        ("http://a/dl?name=%E0%B8%82.pdf&id=3", ResourceKind.PDF),
        ("http://a/ita/", None),
        ("http://a/sdc_download/ita2569-o15-01", None),
        ("http://a/?page_id=12", None),
    ],
)
def test_classify_url(url: str, kind: ResourceKind | None) -> None:
    assert classify_url(url) == kind


def test_is_document_url() -> None:
    assert is_document_url("http://a/x.pdf") and is_document_url("http://a/x.zip")
    assert not is_document_url("http://a/x.jpg") and not is_document_url("http://a/x/")


def test_file_name_from_url() -> None:
    assert file_name_from_url(f"http://a/files/{KHAO}.pdf") == "ข่าว.pdf"
    assert file_name_from_url("http://a/download.php?file=uploads%2Fo12.xlsx") == "o12.xlsx"
    assert file_name_from_url("http://a/%A1%D2%C3.pdf") == "การ.pdf"  # TIS-620 percent-encoding
    assert file_name_from_url("http://a/") == ""
