"""Every sentence of a verdict: reason, fix, evidence notes, in Thai and English. Decides nothing.

The judge (``judge.py``) decides the verdict of each candidate and picks the best; this module turns
that decision into the ``ItemResult`` a person reads: why (naming the years seen and required, the
missing elements and months, where the item was found instead), what to do, and the evidence with
its snippet and notes. Wording lives here so the same finding reads the same everywhere.
"""

from __future__ import annotations

from oit_check.assess.bundle import BundleParts
from oit_check.assess.context import JudgeContext, Outcome
from oit_check.assess.freshness import Freshness, FreshnessStatus
from oit_check.assess.match import Candidate
from oit_check.checklist.schema import Item, TimeRuleKind
from oit_check.i18n import display_url, en_month, failure_text, join_en, join_th, t, thai_date, thai_month, thai_year
from oit_check.models import DateSeen, Evidence, FailureKind, ItemResult, PageContent, ResourceKind, Verdict
from oit_check.thai.text import snippet_around

MAX_EVIDENCE = 5
"""Evidence entries kept per item: the deciding one first, then the other candidates."""


def broken_evidence(
    cand: Candidate,
    failure_kind: FailureKind,
    *,
    url: str | None = None,
    found_on: str | None = None,
    title: str | None = None,
    snippet: str | None = None,
) -> Evidence:
    """Evidence of a link that does not open, with the failure in words."""
    return Evidence(
        url=url if url is not None else cand.url,
        found_on=found_on if found_on is not None else cand.found_on,
        title=title if title is not None else (cand.link.text if cand.link else ""),
        snippet=snippet if snippet is not None else (cand.link.context if cand.link else ""),
        matched_keywords=list(cand.matched),
        verdict=Verdict.BROKEN,
        note_th=failure_text(failure_kind, "th"),
        note_en=failure_text(failure_kind, "en"),
    )


def not_fetched_note(evidence: Evidence, failure_kind: FailureKind) -> None:
    """Say on ``evidence`` that its target was not fetched (robots.txt, a crawl limit)."""
    evidence.note_th = t("explain.note_not_fetched", "th", failure=failure_text(failure_kind, "th"))
    evidence.note_en = t("explain.note_not_fetched", "en", failure=failure_text(failure_kind, "en"))


def evidence_of(
    ctx: JudgeContext, item: Item, cand: Candidate, parts: BundleParts, fresh: Freshness, verdict: Verdict
) -> Evidence:
    """The evidence entry of a judged candidate: its primary document, snippet, deciding date and notes."""
    bundle = parts.bundle
    target = bundle.target
    primary = bundle.docs[0] if (bundle.docs and target is not None and target.kind is ResourceKind.HTML) else target
    url = primary.url if primary is not None else cand.url
    found_on = target.url if primary is not target and target is not None else cand.found_on
    title = (primary.title or primary.file_name) if primary is not None else (cand.link.text if cand.link else "")
    snippet, matched = _snippet(ctx, item, primary, cand)
    deciding = fresh.deciding
    note = ""
    if primary is not None and primary.ocr:
        note = "explain.note_ocr"
    elif primary is not None and primary.no_text_layer:
        note = "explain.note_scan"
    elif target is None:
        note = "explain.note_offsite"
    return Evidence(
        url=url,
        found_on=found_on,
        title=title[:200],
        snippet=snippet,
        matched_keywords=matched,
        date=deciding.start if deciding is not None else None,
        kind=primary.kind if primary is not None else None,
        verdict=verdict,
        note_th=t(note, "th") if note else "",
        note_en=t(note, "en") if note else "",
        read_by_ocr=bool(primary is not None and primary.ocr),
    )


def _snippet(ctx: JudgeContext, item: Item, content: PageContent | None, cand: Candidate) -> tuple[str, list[str]]:
    phrases = [*item.names.all(), item.title_th, *item.keywords.all()]
    matched = list(dict.fromkeys(cand.matched))
    if content is not None and content.text:
        text = content.text[:60_000]
        lowered = text.lower()
        for phrase in phrases:
            pos = lowered.find(phrase.lower())
            if pos >= 0:
                if phrase not in matched:
                    matched.append(phrase)
                return snippet_around(text, pos, pos + len(phrase)), matched[:8]
        return snippet_around(text, 0, 0), matched[:8]
    if cand.link is not None:
        return (cand.link.context or cand.link.text)[:240], matched[:8]
    return "", matched[:8]


def dedupe_dates(dates: list[DateSeen]) -> list[DateSeen]:
    seen: set[tuple[object, ...]] = set()
    out: list[DateSeen] = []
    for d in dates:
        key = (d.start, d.end, d.kind)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def explain_missing(ctx: JudgeContext, item: Item, mentions: list[Outcome]) -> ItemResult:
    """The result of an item with no real candidate (placeholders, descriptions, rows that link
    nowhere and passing mentions are said, in that order)."""
    note = ""
    for dropped in ("nowhere", "placeholder", "description", "mention"):
        if any(o.dropped == dropped for o in mentions):
            note = f"explain.note_{dropped}"
            break
    reason = {lang: t("explain.not_found", lang) + (t(note, lang) if note else "") for lang in ("th", "en")}
    evidence = [o.evidence for o in mentions[:2]] if note else []
    return _build(item, ctx, Verdict.MISSING, evidence, [], reason["th"], reason["en"], item.fix_th, item.fix_en)


def explain_result(
    ctx: JudgeContext, item: Item, best: Outcome, outcomes: list[Outcome], elsewhere: Outcome | None = None
) -> ItemResult:
    """The result of an item whose best candidate is ``best`` (``elsewhere``: found outside the index)."""
    verdict = best.verdict
    evidence = [best.evidence, *[o.evidence for o in outcomes if o is not best][: MAX_EVIDENCE - 1]]
    fy = ctx.fiscal_year
    fix = {"th": item.fix_th, "en": item.fix_en}
    missing = {"th": [m[0] for m in best.missing], "en": [m[1] for m in best.missing]}
    reason: dict[str, str] = {}
    fresh = best.freshness
    where = display_url(best.evidence.url)
    for lang in ("th", "en"):
        if verdict is Verdict.BROKEN:
            kind = best.failure.kind if best.failure else FailureKind.OTHER
            reason[lang] = t("explain.broken", lang, failure=failure_text(kind, lang), where=where)
            fix[lang] = t("explain.broken_fix", lang, where=where) + fix[lang]
            if elsewhere is not None:
                other = display_url(elsewhere.evidence.url)
                reason[lang] += t("explain.broken_elsewhere", lang, where=other)
                fix[lang] = t("explain.broken_elsewhere_fix", lang, where=other) + (
                    item.fix_th if lang == "th" else item.fix_en
                )
        elif verdict is Verdict.STALE and fresh is not None:
            reason[lang], fix[lang] = _stale(item, fresh, fy, lang, fix[lang])
        elif verdict is Verdict.PARTIAL:
            reasons = _partial_reasons(item, best, fy, lang, missing[lang])
            reason[lang] = t("explain.partial", lang, where=where, reasons=t("explain.partial_and", lang).join(reasons))
            if best.unread is not None:
                fix[lang] = t("explain.unread_fix", lang) + fix[lang]
            if best.index_miss is not None or best.index_nowhere:
                fix[lang] = t("explain.broken_elsewhere_fix", lang, where=where) + fix[lang]
        else:
            day = best.evidence.date
            shown = "" if day is None else f" ({thai_date(day)})" if lang == "th" else f" ({day.isoformat()})"
            reason[lang] = t("explain.ok", lang, where=where, date=shown)
            if best.ocr:
                reason[lang] += t("explain.ocr_note", lang)
            older = [o for o in outcomes if o.verdict is Verdict.STALE and o.freshness is not None]
            if older and older[0].freshness is not None and older[0].freshness.fiscal_years_seen:
                year = max(older[0].freshness.fiscal_years_seen)
                shown_year = thai_year(year) if lang == "th" else str(year)
                reason[lang] += t("explain.ok_older", lang, year=shown_year, where=display_url(older[0].evidence.url))
            fix[lang] = ""
        if elsewhere is not None and verdict is not Verdict.BROKEN:
            other = display_url(elsewhere.evidence.url)
            reason[lang] += t("explain.better_elsewhere", lang, where=other)
            fix[lang] = t("explain.broken_elsewhere_fix", lang, where=other) + fix[lang]
    result = _build(item, ctx, verdict, evidence, missing["th"], reason["th"], reason["en"], fix["th"], fix["en"])
    result.missing_elements_en = missing["en"]
    others = {o.evidence.url for o in outcomes if o is not best and o.verdict is not verdict}
    result.also_seen = sorted(others)[:5]
    return result


def _year(year: int, lang: str) -> str:
    return thai_year(year) if lang == "th" else str(year)


def _stale(item: Item, fresh: Freshness, fy: int, lang: str, fix: str) -> tuple[str, str]:
    seen = [y for y in fresh.fiscal_years_seen if y != fresh.required_fy] or list(fresh.fiscal_years_seen)
    required = fresh.required_fy or fy
    if item.time_rule.kind is TimeRuleKind.MONTHLY:
        reason = t("explain.stale_monthly", lang, year=_year(fy, lang))
    elif seen:
        reason = t("explain.stale_year", lang, seen=_year(max(seen), lang), required=_year(required, lang))
    else:
        reason = t("explain.stale_undated", lang, required=_year(required, lang))
    return reason, t("explain.stale_fix", lang, required=_year(required, lang)) + fix


def _partial_reasons(item: Item, best: Outcome, fy: int, lang: str, missing: list[str]) -> list[str]:
    """Why a found item is only partial, in order: unreadable evidence, missing elements, months,
    coverage, period; ``missing`` gains the labels of what is missing."""
    join = join_th if lang == "th" else join_en
    month = thai_month if lang == "th" else en_month
    fresh = best.freshness
    reasons: list[str] = []
    if best.index_miss is not None:
        reasons.append(t("explain.index_miss", lang, where=display_url(best.index_miss)))
    if best.index_nowhere:
        reasons.append(t("explain.index_nowhere", lang))
    if best.unread is not None:
        kind, _, detail = best.unread.partition(":")
        reasons.append(
            t(f"explain.unread_{kind}", lang, detail=detail) if kind == "offsite" else t(f"explain.unread_{kind}", lang)
        )
    if missing:
        reasons.append(t("explain.lacks", lang, what=join(missing)))
    if best.unverified:
        labels = [u[0] if lang == "th" else u[1] for u in best.unverified]
        reasons.append(t("explain.unverified", lang, what=join(labels)))
    if fresh is not None and fresh.status is FreshnessStatus.GAPS:
        months = join([month(m) for m in fresh.missing_months])
        reasons.append(t("explain.gaps", lang, months=months))
        missing.append(t("explain.gap_months", lang, months=months))
    if fresh is not None and fresh.status is FreshnessStatus.SHORT and fresh.covered_until is not None:
        until = month(fresh.covered_until)
        reasons.append(t("explain.short", lang, until=until))
        missing.append(t("explain.short_missing", lang, until=until, year=_year(fy, lang)))
    if fresh is not None and fresh.status is FreshnessStatus.UNDATED:
        period = _period_words(item, fy, lang)
        reasons.append(t("explain.undated", lang, period=period))
        missing.append(t("explain.undated_missing", lang, period=period))
    return reasons


def _period_words(item: Item, fy: int, lang: str) -> str:
    kind = item.time_rule.kind
    if kind is TimeRuleKind.PREVIOUS_FY:
        return t("explain.period_previous", lang, year=_year(fy - 1, lang))
    if kind is TimeRuleKind.FIRST_HALF:
        return t("explain.period_first_half", lang, year=_year(fy, lang))
    if kind is TimeRuleKind.MONTHLY:
        return t("explain.period_month", lang)
    return t("explain.period_year", lang, year=_year(fy, lang))


def _build(
    item: Item,
    ctx: JudgeContext,
    verdict: Verdict,
    evidence: list[Evidence],
    missing_th: list[str],
    reason_th: str,
    reason_en: str,
    fix_th: str,
    fix_en: str,
) -> ItemResult:
    indicator = ctx.checklist.indicator_of(item.sub_indicator)
    return ItemResult(
        id=item.id,
        number=item.number,
        indicator=indicator.id,
        sub_indicator=item.sub_indicator,
        title_th=item.title_th,
        title_en=item.title_en,
        status=verdict,
        evidence=evidence,
        missing_elements=missing_th,
        reason_th=reason_th,
        reason_en=reason_en,
        fix_th=fix_th.strip(),
        fix_en=fix_en.strip(),
        time_rule=item.time_rule.kind.value,
        time_rule_uncertain=item.time_rule.uncertain,
    )
