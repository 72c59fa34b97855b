"""The start URL: what to try for what the user typed, and how a start that fails is explained.

A scan that cannot fetch its start page has nothing to judge, so it raises ``ScanFailed`` with a
Thai and English message and a hint, chosen by the kind of failure (texts: ``start.*`` in the
string catalogue).
"""

from __future__ import annotations

from oit_check.errors import ScanFailed
from oit_check.i18n import bilingual
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
            f"{bilingual('start.invalid_address')}: {text!r}", hint=bilingual("start.invalid_address_hint")
        )
    return valid


# failure kind -> catalogue keys of the message and the hint
_START_MESSAGES: dict[FailureKind, tuple[str, str]] = {
    FailureKind.CONNECT: ("start.connect", "start.connect_hint"),
    FailureKind.TIMEOUT: ("start.timeout", "start.timeout_hint"),
    FailureKind.BLOCKED_ADDRESS: ("start.blocked_address", "start.blocked_address_hint"),
    FailureKind.ROBOTS: ("start.robots", "start.robots_hint"),
    FailureKind.LOGIN_REQUIRED: ("start.login_required", "start.login_required_hint"),
    FailureKind.NOT_FOUND: ("start.not_found", "start.not_found_hint"),
    FailureKind.REDIRECT_LOOP: ("start.redirect_loop", "start.redirects_hint"),
    FailureKind.TOO_MANY_REDIRECTS: ("start.too_many_redirects", "start.redirects_hint"),
}


def start_failed(url: str, failure: PageFailure) -> ScanFailed:
    """The ``ScanFailed`` for a start URL that could not be fetched: ``"Thai / English: URL (reason)"``."""
    message, hint = _START_MESSAGES.get(failure.kind, ("start.other", "start.other_hint"))
    return ScanFailed(f"{bilingual(message)}: {url} ({failure.reason})", hint=bilingual(hint))
