"""Report view model: a ScanResult (plus its checklist) turned into what the HTML templates show.

Pure functions, no I/O. Verdicts are never decided here: every item keeps the ``status`` the judge
gave it; this module only counts, orders, formats and escapes. Text that came from the scanned
website (titles, snippets, URLs) is escaped here or by Jinja's autoescape, and links are emitted
only for ``http``/``https`` URLs, so a ``javascript:`` href or a ``<script>`` in a snippet is inert.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from oit_check import i18n
from oit_check.checklist.schema import Checklist
from oit_check.i18n import Lang, normalize_lang, t
from oit_check.models import DateSeen, Evidence, ItemResult, PageFailure, ResourceKind, ScanResult, Verdict
from oit_check.thai.dates import format_thai_date
from oit_check.thai.text import to_thai_digits

#: Display order of verdicts (best first), also the order of the summary tiles and bar segments.
VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.OK,
    Verdict.PARTIAL,
    Verdict.STALE,
    Verdict.BROKEN,
    Verdict.MISSING,
)
#: Order of the "fix first" list: an item that is not there at all first, a partial one last.
COST_ORDER: tuple[Verdict, ...] = (Verdict.MISSING, Verdict.BROKEN, Verdict.STALE, Verdict.PARTIAL)
#: Cap on page failures listed in the report (the full list is in the JSON report).
MAX_FAILURES_SHOWN = 60
#: Cap on snippet length shown (characters); snippets are meant to be one or two lines.
MAX_SNIPPET_CHARS = 600
#: Cap on evidence entries per item card (the JSON report has them all).
MAX_EVIDENCE_SHOWN = 6
#: Cap on dates listed per evidence entry, strongest sources first.
MAX_DATES_SHOWN = 4
#: Where a date was read, strongest first (the order ``freshness`` trusts them in).
_WHERE_ORDER = {
    w: i for i, w in enumerate(("title", "anchor", "heading", "context", "file_name", "body", "page", "metadata"))
}

_INVISIBLE_SEP = r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]*"


@dataclass(frozen=True)
class VerdictCount:
    """How many items got one verdict, with the share of the total (0-100)."""

    verdict: Verdict
    label: str
    count: int
    pct: float


@dataclass(frozen=True)
class GroupView:
    """An indicator or sub-indicator with its verdict counts."""

    id: str
    title: str
    total: int
    ok: int
    counts: tuple[VerdictCount, ...]
    ok_pct: float
    bar_label: str  # text equivalent of the stacked bar, for screen readers
    subgroups: tuple[GroupView, ...] = ()


@dataclass(frozen=True)
class DateView:
    """A date or period read from evidence, formatted for people."""

    text: str
    source: str
    where: str


@dataclass(frozen=True)
class EvidenceView:
    """One evidence entry of an item card."""

    href: str | None  # None when the URL is not http(s): shown as text, never as a link
    url: str
    label: str
    found_on_href: str | None
    found_on: str
    kind: str
    snippet: Markup
    dates: tuple[DateView, ...]
    dates_hidden: int
    verdict: Verdict
    verdict_label: str
    note: str


@dataclass(frozen=True)
class ItemView:
    """One item card."""

    id: str
    code: str
    number: int
    title: str
    status: Verdict
    status_label: str
    indicator_id: str
    sub_id: str
    sub_title: str
    reason: str
    fix: str
    missing: tuple[str, ...]
    evidence: tuple[EvidenceView, ...]
    evidence_hidden: int
    uncertain: bool
    also_seen: tuple[tuple[str, str], ...]  # (anchor id, code)


@dataclass(frozen=True)
class FailureView:
    """A page the crawler could not read."""

    href: str | None
    url: str
    kind: str
    reason: str
    status: int | None


@dataclass(frozen=True)
class FilterButton:
    """One filter toggle: ``kind`` is "verdict" or "group"."""

    kind: str
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class ReportView:
    """Everything the report template needs, already counted, ordered and formatted."""

    lang: Lang
    title: str
    host: str
    start_url: str
    start_href: str | None
    fiscal_year: int
    fiscal_year_text: str
    as_of_text: str
    checklist_label: str
    tool_version: str
    error: str | None
    score: float
    score_text: str
    total: int
    ok: int
    counts: tuple[VerdictCount, ...]
    indicators: tuple[GroupView, ...]
    priorities: tuple[ItemView, ...]
    items: tuple[ItemView, ...]
    failures: tuple[FailureView, ...]
    failures_hidden: int
    verdict_filters: tuple[FilterButton, ...]
    group_filters: tuple[FilterButton, ...]
    stats_text: str
    warnings: tuple[str, ...] = ()
    verdict_legend: tuple[tuple[Verdict, str, str], ...] = field(default_factory=tuple)


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL without control characters, else None."""
    if not url or len(url) > 4000 or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


@functools.lru_cache(maxsize=512)
def _keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    """A regex for ``keyword`` tolerant of spaces/zero-width marks between characters and Thai digits."""
    chars = [ch for ch in keyword if not ch.isspace()]
    if not chars or len(chars) > 120:
        return None
    parts = []
    for ch in chars:
        if ch.isdigit() and ch.isascii():
            parts.append(f"[{ch}{to_thai_digits(ch)}]")
        elif "๐" <= ch <= "๙":
            parts.append(f"[{ch}{ord(ch) - ord('๐')}]")
        else:
            parts.append(re.escape(ch))
    return re.compile(_INVISIBLE_SEP.join(parts), re.IGNORECASE)


def highlight(text: str, keywords: Iterable[str], *, limit: int = MAX_SNIPPET_CHARS) -> Markup:
    """``text`` escaped, with every occurrence of a keyword wrapped in ``<mark>``.

    Escaping happens per segment *after* the match positions are found on the raw text, so a
    keyword can never create or split markup, and markup in the text is shown, not run.
    """
    if len(text) > limit:
        text = text[:limit].rstrip() + "…"
    spans: list[tuple[int, int]] = []
    for keyword in keywords:
        pattern = _keyword_pattern(keyword)
        if pattern is None:
            continue
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out: list[str] = []
    pos = 0
    for start, end in merged:
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def format_date(day: date, lang: Lang) -> str:
    """``15 มี.ค. 2567`` (Buddhist Era) in Thai, ``15 Mar 2024`` in English.

    Arabic digits, unlike ``i18n.thai_date``: the report sets dates beside scores, counts and
    fiscal years, and one kind of digit on a page reads more easily than two.
    """
    if lang == "en":
        return f"{day.day} {i18n.EN_MONTHS_SHORT[day.month - 1]} {day.year}"
    return format_thai_date(day, digits="arabic")


def _date_view(seen: DateSeen, lang: Lang) -> DateView:
    text = format_date(seen.start, lang)
    if seen.end != seen.start:
        text += " – " + format_date(seen.end, lang)
    if seen.fiscal_year:
        text += f" ({t('fy_short', lang)} {seen.fiscal_year})"
    where_key = f"where_{seen.where}"
    try:
        where = t(where_key, lang)
    except KeyError:
        where = seen.where
    return DateView(text=text, source=seen.source[:160], where=where)


def _strongest(dates: Sequence[DateSeen]) -> list[DateSeen]:
    """Dates ordered by how much their source counts (stable within a source)."""
    return sorted(dates, key=lambda d: _WHERE_ORDER.get(d.where, len(_WHERE_ORDER)))


def _kind_label(kind: ResourceKind | None, lang: Lang) -> str:
    if kind is None or kind is ResourceKind.HTML:
        return t("kind_page", lang)
    if kind in (ResourceKind.IMAGE, ResourceKind.OTHER):
        return t(f"kind_{kind.value}", lang)
    return (
        f"{t('kind_document', lang)} {kind.value.upper()}"
        if kind is not ResourceKind.DOC_OTHER
        else t("kind_document", lang)
    )


def verdict_label(verdict: Verdict, lang: Lang) -> str:
    """The short label of a verdict ("ผ่าน", "ไม่พบ", ...): the tool-wide wording of ``i18n``."""
    label = i18n.verdict_label(verdict, lang)
    return label[:1].upper() + label[1:] if lang == "en" else label


def _evidence_view(ev: Evidence, lang: Lang) -> EvidenceView:
    label = ev.title.strip() or ev.url
    note = (ev.note_en or ev.note_th) if lang == "en" else (ev.note_th or ev.note_en)
    return EvidenceView(
        href=safe_href(ev.url),
        url=i18n.display_url(ev.url),
        label=i18n.display_url(label[:300])[:200] if label == ev.url else label[:200],
        found_on_href=safe_href(ev.found_on),
        found_on=i18n.display_url(ev.found_on or ""),
        kind=_kind_label(ev.kind, lang),
        snippet=highlight(ev.snippet, ev.matched_keywords),
        dates=tuple(_date_view(d, lang) for d in _strongest(ev.dates_seen)[:MAX_DATES_SHOWN]),
        dates_hidden=max(0, len(ev.dates_seen) - MAX_DATES_SHOWN),
        verdict=ev.verdict,
        verdict_label=verdict_label(ev.verdict, lang),
        note=note,
    )


def _pick(th: str, en: str, lang: Lang) -> str:
    return (en or th) if lang == "en" else (th or en)


def _item_code(item: ItemResult) -> str:
    return item.id.upper() if item.id[:1].isalpha() else item.id


def _sub_titles(checklist: Checklist | None, lang: Lang) -> tuple[dict[str, str], dict[str, str]]:
    subs: dict[str, str] = {}
    inds: dict[str, str] = {}
    if checklist is not None:
        for ind in checklist.indicators:
            inds[ind.id] = _pick(ind.title_th, ind.title_en, lang)
            for sub in ind.sub_indicators:
                subs[sub.id] = _pick(sub.title_th, sub.title_en, lang)
    return inds, subs


def _item_view(item: ItemResult, sub_titles: dict[str, str], codes: dict[str, str], lang: Lang) -> ItemView:
    missing = item.missing_elements_en if lang == "en" and item.missing_elements_en else item.missing_elements
    evidence = tuple(_evidence_view(ev, lang) for ev in item.evidence[:MAX_EVIDENCE_SHOWN])
    return ItemView(
        id=item.id,
        code=_item_code(item),
        number=item.number,
        title=_pick(item.title_th, item.title_en, lang),
        status=item.status,
        status_label=verdict_label(item.status, lang),
        indicator_id=item.indicator,
        sub_id=item.sub_indicator,
        sub_title=sub_titles.get(item.sub_indicator, ""),
        reason=_pick(item.reason_th, item.reason_en, lang),
        fix=_pick(item.fix_th, item.fix_en, lang),
        missing=tuple(missing),
        evidence=evidence,
        evidence_hidden=max(0, len(item.evidence) - MAX_EVIDENCE_SHOWN),
        uncertain=item.time_rule_uncertain,
        also_seen=tuple((f"item-{other}", codes.get(other, other.upper())) for other in item.also_seen),
    )


def _counts(statuses: Sequence[Verdict], lang: Lang) -> tuple[VerdictCount, ...]:
    total = len(statuses) or 1
    return tuple(
        VerdictCount(v, verdict_label(v, lang), n, round(100 * n / total, 1))
        for v in VERDICT_ORDER
        for n in [sum(1 for s in statuses if s is v)]
    )


def _group(
    gid: str, title: str, statuses: Sequence[Verdict], lang: Lang, subgroups: tuple[GroupView, ...] = ()
) -> GroupView:
    counts = _counts(statuses, lang)
    ok = sum(1 for s in statuses if s is Verdict.OK)
    pct = round(100 * ok / len(statuses), 1) if statuses else 0.0
    bar_label = ", ".join(f"{c.label} {c.count}" for c in counts if c.count)
    return GroupView(
        id=gid,
        title=title,
        total=len(statuses),
        ok=ok,
        counts=counts,
        ok_pct=pct,
        bar_label=bar_label,
        subgroups=subgroups,
    )


def _sort_key(gid: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in gid.split("."))


def _indicator_groups(
    items: Sequence[ItemResult], ind_titles: dict[str, str], sub_titles: dict[str, str], lang: Lang
) -> tuple[GroupView, ...]:
    by_ind: dict[str, dict[str, list[Verdict]]] = {}
    for item in items:
        by_ind.setdefault(item.indicator, {}).setdefault(item.sub_indicator, []).append(item.status)
    groups = []
    for ind_id in sorted(by_ind, key=_sort_key):
        subs = by_ind[ind_id]
        sub_views = tuple(_group(sid, sub_titles.get(sid, ""), subs[sid], lang) for sid in sorted(subs, key=_sort_key))
        all_statuses = [s for sid in subs for s in subs[sid]]
        groups.append(_group(ind_id, ind_titles.get(ind_id, ""), all_statuses, lang, sub_views))
    return tuple(groups)


def _failure_view(failure: PageFailure, lang: Lang) -> FailureView:
    return FailureView(
        href=safe_href(failure.url),
        url=i18n.display_url(failure.url),
        kind=i18n.failure_text(failure.kind, lang),
        reason=failure.reason[:300],
        status=failure.status,
    )


def _fmt_score(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _checklist_label(result: ScanResult, checklist: Checklist | None, lang: Lang) -> str:
    ident = f"{result.checklist_id}@{result.checklist_version}"
    if checklist is None:
        return ident
    return f"{_pick(checklist.title_th, checklist.title_en, lang)} ({ident})"


def build_view(result: ScanResult, checklist: Checklist | None, lang: str = "th") -> ReportView:
    """Count, order and format ``result`` for the report. Verdicts are taken as given."""
    lg = normalize_lang(lang)
    ind_titles, sub_titles = _sub_titles(checklist, lg)
    items_sorted = sorted(result.items, key=lambda it: (it.number, it.id))
    codes = {it.id: _item_code(it) for it in items_sorted}
    items = tuple(_item_view(it, sub_titles, codes, lg) for it in items_sorted)
    rank = {v: i for i, v in enumerate(COST_ORDER)}
    priorities = tuple(
        sorted((iv for iv in items if iv.status is not Verdict.OK), key=lambda iv: (rank[iv.status], iv.number))
    )
    summary = result.summary
    counts_by_verdict = {
        Verdict.OK: summary.ok,
        Verdict.PARTIAL: summary.partial,
        Verdict.STALE: summary.stale,
        Verdict.BROKEN: summary.broken,
        Verdict.MISSING: summary.missing,
    }
    total = summary.total or 1
    counts = tuple(
        VerdictCount(v, verdict_label(v, lg), counts_by_verdict[v], round(100 * counts_by_verdict[v] / total, 1))
        for v in VERDICT_ORDER
    )
    indicators = _indicator_groups(items_sorted, ind_titles, sub_titles, lg)
    verdict_filters = tuple(FilterButton("verdict", c.verdict.value, c.label, c.count) for c in counts)
    group_filters: list[FilterButton] = []
    for ind in indicators:
        group_filters.append(FilterButton("group", ind.id, f"{t('indicator', lg)} {ind.id}", ind.total))
        group_filters.extend(FilterButton("group", sub.id, sub.id, sub.total) for sub in ind.subgroups)
    host = urlsplit(result.start_url).hostname or result.start_url
    stats_text = t(
        "stats_line",
        lg,
        pages=result.crawl.pages,
        documents=result.crawl.documents,
        seconds=_fmt_score(result.timings.total_seconds),
    )
    return ReportView(
        lang=lg,
        title=f"{t('report_title', lg)} — {host}",
        host=host,
        start_url=result.start_url,
        start_href=safe_href(result.start_url),
        fiscal_year=result.fiscal_year,
        fiscal_year_text=str(
            result.fiscal_year if lg == "th" else f"{result.fiscal_year} ({result.fiscal_year - 543})"
        ),
        as_of_text=format_date(result.as_of, lg),
        checklist_label=_checklist_label(result, checklist, lg),
        tool_version=result.tool_version,
        error=result.error,
        score=summary.expected_oit_score,
        score_text=_fmt_score(summary.expected_oit_score),
        total=summary.total,
        ok=summary.ok,
        counts=counts,
        indicators=indicators,
        priorities=priorities,
        items=items,
        failures=tuple(_failure_view(f, lg) for f in result.failures[:MAX_FAILURES_SHOWN]),
        failures_hidden=max(0, len(result.failures) - MAX_FAILURES_SHOWN),
        verdict_filters=verdict_filters,
        group_filters=tuple(group_filters),
        stats_text=stats_text,
        warnings=tuple(w.message_en if lg == "en" else w.message_th for w in result.warnings),
        verdict_legend=tuple((v, verdict_label(v, lg), t(f"verdict_{v.value}_desc", lg)) for v in VERDICT_ORDER),
    )
