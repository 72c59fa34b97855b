"""User-facing message templates, Thai first with English beside them.

Only generic wording lives here (how to say "found, but missing X"); everything about a specific
ITA item (titles, elements, fix guidance) comes from the checklist data.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

from oit_check.models import FailureKind, Verdict
from oit_check.thai.dates import format_thai_date, format_thai_month
from oit_check.thai.text import to_thai_digits

EN_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

VERDICT_LABELS: dict[Verdict, tuple[str, str]] = {
    Verdict.OK: ("ผ่าน", "ok"),
    Verdict.PARTIAL: ("ไม่ครบ", "partial"),
    Verdict.STALE: ("ไม่เป็นปัจจุบัน", "stale"),
    Verdict.BROKEN: ("ลิงก์เสีย", "broken"),
    Verdict.MISSING: ("ไม่พบ", "missing"),
}

FAILURE_TEXT: dict[FailureKind, tuple[str, str]] = {
    FailureKind.TIMEOUT: ("เว็บไซต์ไม่ตอบสนองภายในเวลาที่กำหนด", "the server did not answer in time"),
    FailureKind.CONNECT: ("เชื่อมต่อเว็บไซต์ไม่ได้", "could not connect"),
    FailureKind.HTTP_ERROR: ("เซิร์ฟเวอร์ตอบกลับด้วยข้อผิดพลาด", "the server answered with an error"),
    FailureKind.NOT_FOUND: ("ไม่พบหน้าหรือไฟล์ (404)", "page or file not found (404)"),
    FailureKind.LOGIN_REQUIRED: ("ต้องเข้าสู่ระบบก่อนจึงจะเปิดได้ ประชาชนทั่วไปเข้าถึงไม่ได้", "login required"),
    FailureKind.REDIRECT_LOOP: ("ลิงก์เปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด", "redirect loop"),
    FailureKind.TOO_MANY_REDIRECTS: ("ลิงก์เปลี่ยนเส้นทางหลายทอดเกินไป", "too many redirects"),
    FailureKind.ERROR_PAGE: ("เปิดได้แต่เป็นหน้าแจ้งข้อผิดพลาด", "opens, but shows an error page"),
    FailureKind.TOO_LARGE: ("ไฟล์ใหญ่เกินขนาดที่ตรวจได้", "file too large to check"),
    FailureKind.UNREADABLE_DOCUMENT: ("ไฟล์เสียหรือเปิดอ่านไม่ได้", "the document is corrupt or unreadable"),
    FailureKind.BLOCKED_ADDRESS: ("ลิงก์ชี้ไปยังเครือข่ายภายใน ประชาชนเข้าถึงไม่ได้", "points to a private network"),
    FailureKind.ROBOTS: ("robots.txt ของเว็บไซต์ไม่อนุญาตให้ตรวจ", "disallowed by robots.txt"),
    FailureKind.LIMIT: ("ไม่ได้ตรวจเพราะถึงขีดจำกัดการตรวจ", "not checked: a crawl limit was reached"),
    FailureKind.TRAP: ("ข้ามไปเพราะเป็นลิงก์ที่สร้างหน้าไม่สิ้นสุด", "skipped as an endless URL space"),
    FailureKind.OTHER: ("เปิดไม่ได้", "could not be opened"),
}


def display_url(url: str) -> str:
    """A URL as people read it: percent-encoded Thai decoded (``/ผู้บริหาร/`` not ``/%E0%B8%9C...``)."""
    try:
        return unquote(url, errors="strict")
    except UnicodeDecodeError:
        return url


def verdict_label(verdict: Verdict, lang: str = "th") -> str:
    """The verdict as a word for people."""
    th, en = VERDICT_LABELS[verdict]
    return th if lang == "th" else en


def failure_text(kind: FailureKind, lang: str = "th") -> str:
    """Why a URL could not be used, in plain words."""
    th, en = FAILURE_TEXT[kind]
    return th if lang == "th" else en


def thai_year(year_be: int) -> str:
    """A BE year in Thai digits."""
    return to_thai_digits(str(year_be))


def thai_date(day: date) -> str:
    """``๑๕ มี.ค. ๒๕๖๗``: how Thai officials write a date."""
    return format_thai_date(day)


def thai_month(day: date) -> str:
    """``มี.ค. ๒๕๖๗``."""
    return format_thai_month(day, two_digit_year=False)


def en_month(day: date) -> str:
    """``Mar 2024``."""
    return f"{EN_MONTHS_SHORT[day.month - 1]} {day.year}"


def join_th(parts: list[str]) -> str:
    """Thai list: "ก, ข และ ค"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " และ " + parts[-1]


def join_en(parts: list[str]) -> str:
    """English list: "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
