"""The six false-ok mutations of issue 10, generated from a fixture site's files and ``_server.yaml``.

``mutate_site(site_dir, item_ids, mutation, dest)`` writes a mutated copy of the site under ``dest``
and returns its root; the original is never touched. Every mutation is computed from the site's own
data: the evidence paths of ``_expected.yaml``, the links found in its HTML, its route list. Nothing
is written per site. The mutations (``MUTATIONS``):

``target_404``
    The items' on-site evidence answers 404: a ``{kind: status, status: 404}`` route is prepended for
    every decoded URL path that serves an evidence file (a directory index answers at ``/dir/``,
    ``/dir`` and ``/dir/index.html``), with the site's own 404 page as body.
``link_placeholder``
    In every HTML file (error pages and templates too), every ``href``/``src`` (``data-src``,
    ``<object data>``, ``action`` …) that resolves to an evidence file or an off-site evidence URL
    becomes ``"#"``: relative, root-relative, ``{{base_url}}``-absolute, percent-encoded in either case
    or raw Thai, all resolved the way the fixture server decodes them. Only HTML is rewritten (the
    sitemap still lists the target, as a real site's would): an index row that links to ``#`` must
    not make the item ok even when the crawler finds the target some other way.
``unrelated_target``
    Each on-site evidence file is replaced by unrelated content of the same type: an HTML page of
    Thai text about vegetables (in the page's own encoding), or a generated PDF/DOCX/XLSX/image.
``years_back``
    The whole site moves back one fiscal year (``years.shift_years``): every HTML and text file, URL
    values decoded first; file and folder names, and the route paths and locations that name them,
    so links keep working; PDFs re-rendered with reportlab, DOCX runs and XLSX cells rewritten,
    document dates a year earlier. Scanned images cannot be shifted.
``image_only``
    Each PDF/DOCX/XLSX evidence file becomes a one-page image-only PDF (a grey block and a stamp, no
    text layer). A DOCX/XLSX becomes ``name.pdf`` and the links to it are rewritten to match.
``description_only``
    Every ``<a>`` pointing at the evidence is unwrapped (its inner text stays, the element goes),
    embeds of it (``iframe``, ``embed``, ``object``) are removed, and the on-site targets answer 404.

``skip_reason`` says why a mutation does not apply to an item (``None``: it applies): off-site
evidence only (``target_404``, ``unrelated_target``); evidence on the start page (mutating it takes
the whole site away, or needs no link); no link or no document to mutate; the time rule ``none``
(``years_back``); a year that is only in a scanned image; a multi-year period (2566–2570) that
still covers the assessed year once moved back. ``plan_batches`` groups items that can share one
mutated copy (see ``conflicts``).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import docgen
from .sitefiles import SITEMAP_LOC, URL_ATTR, FixtureSite, attr_value, read_text, sub_url_attrs, write_text
from .years import THAI_DIGITS, shift_path, shift_url, shift_years

MUTATIONS = (
    "target_404",
    "link_placeholder",
    "unrelated_target",
    "years_back",
    "image_only",
    "description_only",
)
SITE_WIDE = frozenset({"years_back"})
"""Mutations whose copy does not depend on the item: one scan serves every item it applies to."""
CHECKLIST = Path(__file__).resolve().parents[2] / "checklists" / "ita-2566.yaml"

_ANCHOR = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<inner>.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_EMBED = re.compile(
    r"<(?P<tag>iframe|object)\b(?P<attrs>[^>]*)>.*?</(?P=tag)\s*>|<embed\b(?P<eattrs>[^>]*)>",
    re.IGNORECASE | re.DOTALL,
)
_RANGE = re.compile(r"(?<!\d)(25\d\d|\d\d)\s*(?:-|–|—|ถึง|to)\s*(25\d\d|\d\d)(?!\d)")


@dataclass
class Applied:
    """What a mutation did to the copy (for debugging and for the unit tests)."""

    mutation: str
    items: list[str]
    routes: list[dict[str, Any]] = field(default_factory=list)
    links_changed: int = 0
    files_replaced: list[str] = field(default_factory=list)
    files_renamed: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def time_rules(checklist: Path = CHECKLIST) -> dict[str, str]:
    """``item id -> time_rule.kind`` from the checklist data file."""
    data = yaml.safe_load(checklist.read_text(encoding="utf-8"))
    return {str(item["id"]): str(item["time_rule"]["kind"]) for item in data["items"]}


# --------------------------------------------------------------------------- helpers


def _evidence(site: FixtureSite, item_ids: Iterable[str]) -> tuple[set[str], set[tuple[str, str]], set[str]]:
    files: set[str] = set()
    offsite: set[tuple[str, str]] = set()
    unserved: set[str] = set()
    for item_id in item_ids:
        f, o, u = site.evidence(item_id)
        files |= f
        offsite |= o
        unserved |= u
    return files, offsite, unserved


def _glob_escape(path: str) -> str:
    return re.sub(r"([*\[\]])", r"[\1]", path)


def _write_server(copy: Path, server: dict[str, Any]) -> None:
    (copy / "_server.yaml").write_text(yaml.safe_dump(server, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _prepend_404(site: FixtureSite, copy: Path, files: set[str], unserved: set[str], applied: Applied) -> None:
    paths = sorted({alias for rel in files for alias in site.aliases(rel)} | unserved)
    routes = []
    for path in paths:
        route: dict[str, Any] = {"kind": "status", "path": _glob_escape(path), "status": 404}
        if site.server.get("not_found"):
            route["body"] = site.server["not_found"]
        routes.append(route)
    server = dict(site.server)
    server["routes"] = routes + list(site.routes)
    _write_server(copy, server)
    applied.routes.extend(routes)


def _rewrite_links(
    site: FixtureSite, copy: Path, files: set[str], offsite: set[tuple[str, str]], new_value: Any
) -> int:
    """Rewrite, in every HTML file of the copy, each URL attribute pointing at the evidence."""
    changed = 0
    for page in site.html_files():
        text, encoding = read_text(copy / page)

        def replace(raw: str, page: str = page) -> str | None:
            if not site.points_at(files, offsite, raw, page):
                return None
            return str(new_value(raw))

        new, count = sub_url_attrs(text, replace)
        if count:
            write_text(copy / page, new, encoding)
            changed += count
    return changed


def _unwrap_links(site: FixtureSite, copy: Path | None, files: set[str], offsite: set[tuple[str, str]]) -> int:
    """Unwrap ``<a>`` and drop embeds pointing at the evidence; with ``copy=None`` only count them."""
    changed = 0
    for page in site.html_files():
        text, encoding = read_text((copy or site.root) / page)

        def points(attrs: str, page: str = page) -> bool:
            return any(site.points_at(files, offsite, attr_value(m), page) for m in URL_ATTR.finditer(attrs or ""))

        def unwrap(match: re.Match[str]) -> str:
            nonlocal changed
            if not points(match.group("attrs")):
                return match.group(0)
            changed += 1
            return match.group("inner")

        def drop(match: re.Match[str]) -> str:
            nonlocal changed
            if not points(match.group("attrs") or match.group("eattrs")):
                return match.group(0)
            changed += 1
            return ""

        new = _EMBED.sub(drop, _ANCHOR.sub(unwrap, text))
        if copy is not None and new != text:
            write_text(copy / page, new, encoding)
    return changed


def _linked(site: FixtureSite, files: set[str], offsite: set[tuple[str, str]]) -> int:
    return len(site.linkers(files, offsite))


def _context(site: FixtureSite, files: set[str], offsite: set[tuple[str, str]]) -> str:
    """What the links to the evidence say: the off-site URLs and the text of every ``<a>`` to it."""
    parts = ["/".join(key) for key in offsite]
    for page in site.linkers(files, offsite):
        text, _ = read_text(site.root / page)
        for match in _ANCHOR.finditer(text):
            if any(
                site.points_at(files, offsite, attr_value(m), page) for m in URL_ATTR.finditer(match.group("attrs"))
            ):
                parts.append(re.sub(r"<[^>]*>", " ", match.group("inner")))
    return " ".join(parts)


def _headline(path: Path) -> str:
    """A file's name, title and first lines: where a period such as 2566–2570 is stated."""
    text = docgen.document_text(path)
    if FixtureSite.kind(path.name) == "html":
        page, _ = read_text(path)
        heads = re.findall(r"(?is)<(title|h1|h2)\b[^>]*>(.*?)</\1>", page)
        text = " ".join(re.sub(r"<[^>]*>", " ", h[1]) for h in heads)
    return f"{path.name} {text[:400]}"


def _period_still_covers(text: str, fiscal_year: int) -> bool:
    norm = text.translate(str.maketrans(THAI_DIGITS, "0123456789"))
    for m in _RANGE.finditer(norm):
        first, last = (int(g) + 2500 if len(g) == 2 else int(g) for g in m.groups())
        if 2540 <= first < last <= first + 10 and first - 1 <= fiscal_year <= last - 1:
            return True
    return False


# --------------------------------------------------------------------------- applicability


def skip_reason(site: FixtureSite, item_id: str, mutation: str, rules: dict[str, str] | None = None) -> str | None:
    """Why ``mutation`` does not apply to the item (None: it applies)."""
    files, offsite, unserved = site.evidence(item_id)
    if mutation in ("target_404", "unrelated_target") and not files and not unserved:
        return "off-site evidence only"
    if mutation != "years_back" and site.start_file in files:
        return "evidence includes the start page"
    if mutation == "link_placeholder" and not _linked(site, files, offsite):
        return "no link to the evidence in any HTML page"
    if mutation == "description_only" and not _unwrap_links(site, None, files, offsite):
        return "no <a> or embed pointing at the evidence"
    if mutation == "unrelated_target" and not any(
        site.kind(f) == "html" or PurePosixPath(f).suffix.lower() in docgen.UNRELATED_SUFFIXES for f in files
    ):
        return "no evidence of a type that can be replaced"
    docs = sorted(f for f in files if site.kind(f) == "document")
    if mutation == "image_only":
        if not docs:
            return "no PDF/DOCX/XLSX evidence on the site"
        if all(f.lower().endswith(".pdf") and docgen.is_image_only_pdf((site.root / f).read_bytes()) for f in docs):
            return "the evidence is already an image-only PDF"
    if mutation == "years_back":
        kind = (rules if rules is not None else time_rules()).get(item_id, "none")
        if kind == "none":
            return "time rule none"
        if any(f.lower().endswith(".pdf") and docgen.is_image_only_pdf((site.root / f).read_bytes()) for f in docs):
            return "the evidence's year is only in a scanned image"
        if kind in ("current_fy", "plan_period"):
            text = " ".join(_headline(site.root / f) for f in sorted(files)) + " " + _context(site, files, offsite)
            if _period_still_covers(text, int(site.expected["fiscal_year"])):
                return "the evidence's multi-year period still covers the assessed year after the shift"
    return None


_GRAPHS: dict[Path, tuple[dict[str, set[str]], set[str], set[str]]] = {}


def _graph(site: FixtureSite) -> tuple[dict[str, set[str]], set[str], set[str]]:
    """``(page -> linked files, crawl seeds, chrome targets)`` of a site, computed once.

    Seeds are the start page and every sitemap ``<loc>``; a chrome target is linked from at least
    half of the served HTML pages (a menu or footer link), so losing one page's copy of it is moot.
    """
    if site.root not in _GRAPHS:
        edges = {page: set().union(*(files for _, files, _ in site.links(page))) for page in site.html_files()}
        seeds = {site.start_file} - {None}
        for rel in site.files:
            if rel.lower().endswith(".xml"):
                text, _ = read_text(site.root / rel)
                for m in SITEMAP_LOC.finditer(text):
                    seeds |= site.resolve(m.group(2), rel)[0]
        served = [p for p in edges if p in site.files]
        counts: dict[str, int] = {}
        for page in served:
            for target in edges[page]:
                counts[target] = counts.get(target, 0) + 1
        chrome = {t for t, n in counts.items() if n * 2 >= len(served)}
        _GRAPHS[site.root] = (edges, {str(s) for s in seeds}, chrome)
    return _GRAPHS[site.root]


def _reachable(site: FixtureSite, removed: set[str]) -> set[str]:
    """Files a crawler reaches from the seeds when the ``removed`` pages yield no links."""
    edges, seeds, _ = _graph(site)
    seen = set(seeds)
    todo = list(seeds)
    while todo:
        page = todo.pop()
        if page in removed:
            continue
        for target in edges.get(page, ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def conflicts(site: FixtureSite, a: str, b: str) -> bool:
    """Whether items ``a`` and ``b`` must not share a mutated copy.

    They conflict when their evidence overlaps, when either's evidence is the start page or the ITA
    index (everything hangs on those), or when an evidence page of one links the other's evidence
    outside the site chrome (mutating the page would take away a link the other item relies on).
    """
    fa, oa, ua = site.evidence(a)
    fb, ob, ub = site.evidence(b)
    if (fa | ua) & (fb | ub) or oa & ob:
        return True
    special = {site.start_file, site.index_file} - {None}
    if (fa | fb) & special:
        return True
    _, _, chrome = _graph(site)
    for pages, files, offsite in ((fa, fb, ob), (fb, fa, oa)):
        own = files - chrome
        for page in pages:
            if site.kind(page) == "html" and page in site.linkers(own, offsite):
                return True
    return False


def _batch_keeps_links(site: FixtureSite, batch: list[str]) -> bool:
    """Every page linking an item's evidence that a crawler reaches when only that item is mutated
    is still reached when the whole batch is (no evidence hidden behind another item's page)."""
    removed: set[str] = set().union(*(site.evidence(i)[0] for i in batch))
    reach_batch = _reachable(site, removed)
    for item_id in batch:
        files, offsite, _ = site.evidence(item_id)
        linkers = site.linkers(files, offsite)
        solo = (_reachable(site, files) & linkers) - removed
        if not solo <= reach_batch:
            return False
    return True


def plan_batches(
    site: FixtureSite, mutation: str, item_ids: list[str], max_batch: int | None = None
) -> list[list[str]]:
    """Groups of items to mutate together: greedy; no two conflicting items, no link hidden (see above)."""
    if mutation in SITE_WIDE:
        return [list(item_ids)] if item_ids else []
    batches: list[list[str]] = []
    for item_id in item_ids:
        for batch in batches:
            if (
                (max_batch is None or len(batch) < max_batch)
                and not any(conflicts(site, item_id, other) for other in batch)
                and _batch_keeps_links(site, [*batch, item_id])
            ):
                batch.append(item_id)
                break
        else:
            batches.append([item_id])
    return batches


# --------------------------------------------------------------------------- the mutations


def mutate_site(
    site_dir: Path | FixtureSite, item_ids: Iterable[str], mutation: str, dest: Path
) -> tuple[Path, Applied]:
    """Write the mutated copy of the site to ``dest/<site name>``; return its root and what was done."""
    site = site_dir if isinstance(site_dir, FixtureSite) else FixtureSite(site_dir)
    items = list(item_ids)
    copy = dest / site.name
    applied = Applied(mutation, items)
    if mutation == "years_back":
        _years_back(site, copy, applied)
        return copy, applied
    if mutation not in MUTATIONS:
        raise ValueError(f"unknown mutation {mutation!r}")
    shutil.copytree(site.root, copy)
    files, offsite, unserved = _evidence(site, items)
    if mutation == "target_404":
        _prepend_404(site, copy, files, unserved, applied)
    elif mutation == "link_placeholder":
        applied.links_changed = _rewrite_links(site, copy, files, offsite, lambda raw: "#")
    elif mutation == "description_only":
        applied.links_changed = _unwrap_links(site, copy, files, offsite)
        _prepend_404(site, copy, files, unserved, applied)
    elif mutation == "unrelated_target":
        _unrelated(site, copy, files, applied)
    elif mutation == "image_only":
        _image_only(site, copy, files, applied)
    return copy, applied


def _unrelated(site: FixtureSite, copy: Path, files: set[str], applied: Applied) -> None:
    for variant, rel in enumerate(sorted(files)):
        if site.kind(rel) == "html":
            _, encoding = read_text(site.root / rel)
            body: bytes | None = docgen.unrelated_html(encoding, variant)
        else:
            body = docgen.unrelated_document(PurePosixPath(rel).suffix, variant)
        if body is None:
            applied.notes.append(f"{rel}: no unrelated document of this type; left as it is")
            continue
        (copy / rel).write_bytes(body)
        applied.files_replaced.append(rel)


def _image_only(site: FixtureSite, copy: Path, files: set[str], applied: Applied) -> None:
    for variant, rel in enumerate(sorted(f for f in files if site.kind(f) == "document")):
        scan = docgen.image_only_pdf(variant)
        path = PurePosixPath(rel)
        if path.suffix.lower() == ".pdf":
            (copy / rel).write_bytes(scan)
            applied.files_replaced.append(rel)
            continue
        new_rel = str(path.with_suffix(".pdf"))
        if (site.root / new_rel).exists():
            new_rel = str(path.with_name(path.stem + "-scan.pdf"))
        new_tail = new_rel[len(str(path.with_suffix(""))) :]
        (copy / rel).unlink()
        (copy / new_rel).write_bytes(scan)
        applied.files_renamed[rel] = new_rel

        def retarget(raw: str, tail: str = new_tail) -> str:
            return re.sub(r"\.(?:docx|xlsx)(?=$|[?#])", tail, raw, count=1, flags=re.IGNORECASE)

        applied.links_changed += _rewrite_links(site, copy, {rel}, set(), retarget)
        for text_rel in site.files:
            if site.kind(text_rel) != "text":
                continue
            text, encoding = read_text(copy / text_rel)

            def loc(m: re.Match[str], old: str = rel, text_rel: str = text_rel) -> str:
                if not site.points_at({old}, set(), m.group(2), text_rel):
                    return m.group(0)
                return m.group(1) + retarget(m.group(2)) + m.group(3)

            new = SITEMAP_LOC.sub(loc, text)
            if new != text:
                write_text(copy / text_rel, new, encoding)


# --------------------------------------------------------------------------- years_back


def shift_html(text: str) -> str:
    """An HTML (or XML) text with its years moved: URL values decoded first, the rest as text."""
    out: list[str] = []
    last = 0
    spans = [
        (m.start(g), m.end(g)) for m in URL_ATTR.finditer(text) for g in ("dq", "sq", "uq") if m.group(g) is not None
    ]
    spans += [(m.start(2), m.end(2)) for m in SITEMAP_LOC.finditer(text)]
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(shift_years(text[last:start]))
        out.append(shift_url(text[start:end]))
        last = end
    out.append(shift_years(text[last:]))
    return "".join(out)


def _shift_rel(rel: str) -> str:
    return shift_path(rel)


def _shift_server(server: dict[str, Any]) -> dict[str, Any]:
    out = dict(server)
    if out.get("not_found"):
        out["not_found"] = _shift_rel(str(out["not_found"]))
    routes = []
    for route in server.get("routes") or []:
        new = dict(route)
        for key in ("path", "file", "body", "template"):
            if new.get(key):
                new[key] = _shift_rel(str(new[key]))
        if new.get("location"):
            new["location"] = shift_url(str(new["location"]))
        if new.get("start"):
            new["start"] = shift_years(str(new["start"]))
        if new.get("headers"):
            new["headers"] = {k: shift_years(str(v)) for k, v in new["headers"].items()}
        routes.append(new)
    out["routes"] = routes
    return out


def _years_back(site: FixtureSite, copy: Path, applied: Applied) -> None:
    targets: dict[str, str] = {}
    for rel in site.all_files:
        new_rel = rel if rel in ("_expected.yaml", "_server.yaml") else _shift_rel(rel)
        if new_rel in targets.values():
            raise ValueError(f"{site.name}: years_back maps two files onto {new_rel}")
        targets[rel] = new_rel
    for rel, new_rel in targets.items():
        source = site.root / rel
        target = copy / new_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if new_rel != rel:
            applied.files_renamed[rel] = new_rel
        kind = site.kind(rel)
        if rel == "_server.yaml":
            _write_server(copy, _shift_server(site.server))
        elif rel == "_expected.yaml" or kind in ("image", "other"):
            shutil.copyfile(source, target)
        elif kind in ("html", "text"):
            text, encoding = read_text(source)
            write_text(target, shift_html(text), encoding)
        else:
            shifter = {".pdf": docgen.shift_pdf, ".docx": docgen.shift_docx, ".xlsx": docgen.shift_xlsx}
            data = source.read_bytes()
            shifted = shifter[PurePosixPath(rel).suffix.lower()](data, shift_years)
            if shifted is None:
                applied.notes.append(f"{rel}: unreadable or image-only; copied unchanged")
                shifted = data
            else:
                applied.files_replaced.append(rel)
            target.write_bytes(shifted)
