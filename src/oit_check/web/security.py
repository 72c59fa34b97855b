"""The web app's defences that apply to every response or request: security headers with a strict
CSP (no script unless a page names its own by hash), and the same-origin check for POSTs.

The Host header check (DNS rebinding) is Starlette's ``TrustedHostMiddleware``, set up in ``app``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def csp(script: str) -> str:
    """The Content-Security-Policy of a page whose only script is ``script`` (a hash, or ``none``)."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src '{script}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds defensive headers to every response (a CSP with no script unless the handler set one)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                defaults = {
                    b"content-security-policy": csp("none").encode(),
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"same-origin",
                    b"x-frame-options": b"DENY",
                    b"cache-control": b"no-store",
                }
                headers += [(k, v) for k, v in defaults.items() if k not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def same_origin(request: Request) -> bool:
    """A POST from another site's page (cross-site form) is refused; no Origin header is fine."""
    origin = request.headers.get("origin")
    if not origin:
        return True
    if origin == "null":  # sandboxed or file:// page
        return False
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc.lower() == host.lower()
