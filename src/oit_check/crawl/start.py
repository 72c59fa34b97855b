"""The start URL: what to try for what the user typed, and how a start that fails is explained.

A scan that cannot fetch its start page has nothing to judge, so it raises ``ScanFailed`` with a
Thai and English message and a hint, chosen by the kind of failure.
"""

from __future__ import annotations

from oit_check.errors import ScanFailed
from oit_check.models import FailureKind, PageFailure
from oit_check.urls import normalize_url


def start_candidates(text: str) -> list[str]:
    """The URLs to try for what the user typed: as given, or https then http when no scheme."""
    raw = text.strip()
    if "://" not in raw:
        candidates = [normalize_url("https://" + raw), normalize_url("http://" + raw)]
    else:
        candidates = [normalize_url(raw)]
    valid = [c for c in candidates if c is not None]
    if not valid:
        raise ScanFailed(
            f"ที่อยู่เว็บไซต์ไม่ถูกต้อง / Not a valid web address: {text!r}",
            hint="ใส่ที่อยู่แบบ https://www.example.go.th/ / Use an address like https://www.example.go.th/.",
        )
    return valid


_START_MESSAGES: dict[FailureKind, tuple[str, str, str]] = {
    FailureKind.CONNECT: (
        "เชื่อมต่อเว็บไซต์ไม่ได้",
        "The site could not be reached",
        "ตรวจสอบที่อยู่และการเชื่อมต่ออินเทอร์เน็ต ลองสลับ http:// กับ https:// / "
        "Check the address and the connection; try http:// instead of https:// or the reverse.",
    ),
    FailureKind.TIMEOUT: (
        "เว็บไซต์ไม่ตอบสนองภายในเวลาที่กำหนด",
        "The site did not answer in time",
        "ลองใหม่ภายหลัง หรือเพิ่มเวลารอ (timeout) / Try again later or raise the timeout.",
    ),
    FailureKind.BLOCKED_ADDRESS: (
        "ที่อยู่นี้เป็นเครือข่ายภายในซึ่งไม่อนุญาตให้ตรวจ",
        "The start URL points to a private network address, which is not allowed",
        "อนุญาตเครือข่ายภายในด้วยตัวเลือก allow_private / Allow it with the allow_private option.",
    ),
    FailureKind.ROBOTS: (
        "ไฟล์ robots.txt ของเว็บไซต์ไม่อนุญาตให้ตรวจหน้านี้",
        "The site's robots.txt disallows the start URL",
        "ผู้ดูแลเว็บไซต์อนุญาต oit-check ใน robots.txt หรือปิดการเคารพ robots.txt (respect_robots) / "
        "Allow oit-check in robots.txt, or turn respect_robots off for your own site.",
    ),
    FailureKind.LOGIN_REQUIRED: (
        "หน้าแรกต้องเข้าสู่ระบบก่อน",
        "The start page requires a login",
        "ข้อมูลตาม OIT ต้องเปิดเผยโดยไม่ต้องเข้าสู่ระบบ / OIT information must be public without a login.",
    ),
    FailureKind.NOT_FOUND: (
        "ไม่พบหน้าแรกที่ระบุ",
        "The start page was not found",
        "ตรวจสอบที่อยู่เว็บไซต์ / Check the address.",
    ),
    FailureKind.REDIRECT_LOOP: (
        "หน้าแรกเปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด",
        "The start page redirects in a loop",
        "ตรวจสอบการตั้งค่า redirect ของเว็บเซิร์ฟเวอร์ / Check the web server's redirect rules.",
    ),
    FailureKind.TOO_MANY_REDIRECTS: (
        "หน้าแรกเปลี่ยนเส้นทางหลายครั้งเกินไป",
        "The start page redirects too many times",
        "ตรวจสอบการตั้งค่า redirect ของเว็บเซิร์ฟเวอร์ / Check the web server's redirect rules.",
    ),
}


def start_failed(url: str, failure: PageFailure) -> ScanFailed:
    thai, english, hint = _START_MESSAGES.get(
        failure.kind,
        (
            "เปิดหน้าแรกของเว็บไซต์ไม่ได้",
            "The start page could not be fetched",
            "ลองเปิดหน้าเว็บในเบราว์เซอร์ / Check the page in a browser.",
        ),
    )
    return ScanFailed(f"{thai} / {english}: {url} ({failure.reason})", hint=hint)
