"""The data model of a fixture site's ``_server.yaml`` (routes tried in order) and its loader."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Annotated, Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from oit_check.errors import ConfigError

CONFIG_NAME = "_server.yaml"


class ServerConfigError(ConfigError):
    """``_server.yaml`` is unreadable or invalid; the message names the file and the field."""


# --------------------------------------------------------------------------- configuration models


class _Route(BaseModel):
    """Fields every route has: where it applies and which headers it adds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    """Decoded URL path, exact or a glob (``*`` and ``[...]``); must start with ``/``."""
    query: str | None = None
    """Glob over the raw query string; ``None`` matches any query, ``""`` only an empty one."""
    headers: dict[str, str] = Field(default_factory=dict)
    """Response headers that override the defaults (e.g. Content-Type with a charset)."""

    @field_validator("path")
    @classmethod
    def _path_shape(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("must start with '/'")
        if "?" in value:
            raise ValueError("must not contain '?': put the query glob in the `query` field")
        return value

    def matches(self, path: str, query: str) -> bool:
        """Whether this route applies to the decoded ``path`` and raw ``query``."""
        if not fnmatch.fnmatchcase(path, self.path):
            return False
        return self.query is None or fnmatch.fnmatchcase(query, self.query)


class RedirectRoute(_Route):
    """Answer with a redirect; two routes pointing at each other make a loop."""

    kind: Literal["redirect"]
    location: str
    """Value of the Location header (relative or absolute)."""
    status: Literal[301, 302, 303, 307, 308] = 302
    hops: int = Field(default=0, ge=0, le=100)
    """If > 0: redirect ``path?hop=k`` to ``path?hop=k+1`` until ``hops``, then to ``location``."""


class StatusRoute(_Route):
    """Answer with a fixed status code (404, 410, 403, 500, or a 200 "soft error" page)."""

    kind: Literal["status"]
    status: int = Field(ge=200, le=599)
    body: str | None = None
    """File served as the body; a short built-in HTML page when omitted."""


class LoginRoute(_Route):
    """A members-only area: 401 with WWW-Authenticate, or a 302 to a login form page."""

    kind: Literal["login"]
    mode: Literal["basic", "form"] = "basic"
    realm: str = "members"
    login_page: str = "/login.html"
    """Form mode: where to send the visitor (``?next=<original target>`` is appended)."""
    body: str | None = None


class DelayRoute(_Route):
    """Sleep, then serve the file: a slow page. The sleep ends early when the server closes."""

    kind: Literal["delay"]
    seconds: float = Field(gt=0, le=120)
    file: str | None = None


class HeadersRoute(_Route):
    """Serve the file with overridden headers (charset, a lying charset, Last-Modified...)."""

    kind: Literal["headers"]
    file: str | None = None

    @model_validator(mode="after")
    def _needs_headers(self) -> Self:
        if not self.headers:
            raise ValueError("a `headers` route needs at least one header in `headers`")
        return self


class CalendarRoute(_Route):
    """An endless calendar: ``?month=YYYY-MM`` pages that link to the previous and next month."""

    kind: Literal["calendar"]
    param: str = "month"
    start: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    """Month shown when the parameter is missing or invalid (CE, ``YYYY-MM``)."""
    template: str | None = None
    """Page with ``{{month}}``, ``{{month_th}}``, ``{{prev}}``, ``{{next}}``; a built-in one if omitted."""
    encoding: str = "utf-8"
    """Encoding of the template, used for the Thai month name put into it."""


class SessionIdsRoute(_Route):
    """Serve the file with every ``{{sid}}`` replaced by a fresh random id (one per response)."""

    kind: Literal["session_ids"]
    file: str | None = None
    placeholder: str = "{{sid}}"


class RetryAfterRoute(_Route):
    """Answer 503 with Retry-After for the first ``failures`` requests of each path, then the file."""

    kind: Literal["retry_after"]
    seconds: int = Field(default=1, ge=0, le=3600)
    failures: int = Field(default=1, ge=1, le=100)
    file: str | None = None


class BodyBytesRoute(_Route):
    """Serve the file cut at ``bytes``; declare ``content_length`` to make it lie (then close)."""

    kind: Literal["body_bytes"]
    bytes: int = Field(ge=0)
    content_length: int | None = Field(default=None, ge=0)
    file: str | None = None


class TemplateRoute(_Route):
    """Serve the file with ``{{base_url}}`` replaced by the server's base URL (from the Host header).

    For files that must hold absolute URLs, such as ``sitemap.xml`` and the ``Sitemap:`` line of
    ``robots.txt``, while the port is only known at run time.
    """

    kind: Literal["template"]
    file: str | None = None
    placeholder: str = "{{base_url}}"


Route = Annotated[
    RedirectRoute
    | StatusRoute
    | LoginRoute
    | DelayRoute
    | HeadersRoute
    | CalendarRoute
    | SessionIdsRoute
    | RetryAfterRoute
    | BodyBytesRoute
    | TemplateRoute,
    Field(discriminator="kind"),
]


class ServerConfig(BaseModel):
    """The contents of ``_server.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    html_content_type: str = "text/html"
    """Content-Type of ``.html`` files; real servers often omit the charset."""
    not_found: str | None = None
    """Body file of every 404 (a site's own error page)."""
    index_files: tuple[str, ...] = ("index.html", "index.htm", "index.php")
    """Files tried, in order, for a directory URL (Apache's DirectoryIndex)."""
    redirect_dirs: bool = True
    """``/dir`` -> 301 ``/dir/``; False serves the index at both URLs (sites with slash-less page URLs)."""
    routes: list[Route] = Field(default_factory=list)


def load_server_config(root: Path) -> ServerConfig:
    """Read and validate ``root/_server.yaml`` (an absent file means no routes).

    Raises ``ServerConfigError`` naming the file and the field for bad YAML, unknown fields, bad
    values and file references that do not exist under ``root``.
    """
    cfg_path = root / CONFIG_NAME
    if not cfg_path.is_file():
        return ServerConfig()
    try:
        raw = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ServerConfigError(f"{cfg_path}: not valid YAML: {exc}") from exc
    if raw is None:
        raw = {}
    try:
        config = ServerConfig.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}" for err in exc.errors()
        )
        raise ServerConfigError(f"{cfg_path}: {problems}") from exc
    refs: list[tuple[str, str | None]] = [("not_found", config.not_found)]
    for i, route in enumerate(config.routes):
        for field in ("file", "body", "template"):
            refs.append((f"routes.{i}.{field}", getattr(route, field, None)))
    for field, ref in refs:
        if ref is not None and not (root / ref).is_file():
            raise ServerConfigError(f"{cfg_path}: {field}: file {ref!r} does not exist under {root}")
    return config


# --------------------------------------------------------------------------------------- server
