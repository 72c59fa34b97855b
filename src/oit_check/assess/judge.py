"""Judge stage: candidates -> one ``ItemResult`` per item. The only place a verdict is decided.

Per candidate: broken if its target failed; otherwise build the evidence bundle, check required
elements and the time rule, and give the candidate a verdict. Per item: the best candidate wins
(ok > partial > stale > broken), except that an item whose ITA-index links are all broken is
``broken`` even if the document exists elsewhere: the assessor follows the index link, so the
fix is to mend that link (the report says where the document was found).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from oit_check.assess.bundle import BundleParts, DateFinder, build_bundle, collect_dates
from oit_check.assess.elements import Presence, detect
from oit_check.assess.freshness import Freshness, FreshnessStatus, evaluate
from oit_check.assess.match import UNCONFIRMED_VIAS, Candidate, SiteMatches, match_site, normalize_url
from oit_check.assess.phrases import PhraseIndex
from oit_check.checklist.schema import Checklist, DetectorKind, DocType, Item, TimeRuleKind
from oit_check.i18n import (
    display_url,
    en_month,
    failure_text,
    join_en,
    join_th,
    thai_date,
    thai_month,
    thai_year,
)
from oit_check.models import (
    DateSeen,
    Evidence,
    FailureKind,
    ItemResult,
    PageContent,
    PageFailure,
    ResourceKind,
    Summary,
    Verdict,
)
from oit_check.progress import ProgressEvent
from oit_check.thai.dates import find_dates
from oit_check.thai.text import match_key, snippet_around

_DOC_TYPE = {
    ResourceKind.HTML: DocType.PAGE,
    ResourceKind.PDF: DocType.PDF,
    ResourceKind.DOCX: DocType.DOCX,
    ResourceKind.XLSX: DocType.XLSX,
    ResourceKind.DOC_OTHER: DocType.DOCUMENT,
    ResourceKind.IMAGE: DocType.IMAGE,
    ResourceKind.OTHER: DocType.DOCUMENT,
}
# Failures that say nothing about the site's quality: we did not (or could not politely) look.
_NOT_CHECKED = {FailureKind.ROBOTS, FailureKind.LIMIT, FailureKind.TRAP}
_MAX_EVIDENCE = 5


@dataclass
class Outcome:
    """One candidate judged."""

    candidate: Candidate
    verdict: Verdict
    evidence: Evidence
    missing: list[tuple[str, str]] = field(default_factory=list)  # (th, en) labels
    unverified: list[tuple[str, str]] = field(default_factory=list)
    freshness: Freshness | None = None
    dates: list[DateSeen] = field(default_factory=list)
    uncrawled: bool = False  # a same-site target we did not fetch (robots.txt, a crawl limit)
    failure: PageFailure | None = None
    failed_docs: int = 0
    dropped: str | None = None  # "mention", "placeholder", "unconfirmed", "wrong_kind": not the item

    @property
    def mention(self) -> bool:
        """A passing mention or a placeholder page: reported when nothing better exists."""
        return self.dropped in ("mention", "placeholder")


@dataclass(frozen=True)
class JudgeContext:
    """What every item needs: the site's pages and failures, the assessed year, the date reader."""

    checklist: Checklist
    phrases: PhraseIndex
    pages: Mapping[str, PageContent]
    failures: Mapping[str, PageFailure]
    fiscal_year: int
    as_of: date
    find_dates: DateFinder
    text_keys: dict[str, str] = field(default_factory=dict)  # url -> match key of its text, per run
    date_cache: dict[tuple[str, str], list[DateSeen]] = field(default_factory=dict)  # (text, place) -> dates
    chrome_lines: frozenset[str] = frozenset()  # menu labels repeated across the site


def judge_site(ctx: JudgeContext, matches: SiteMatches) -> list[ItemResult]:
    """One result per checklist item, in checklist order."""
    candidates = matches.candidates
    return [
        judge_item(ctx, item, candidates.get(item.id, []), item.id in matches.indexed_items)
        for item in ctx.checklist.items
    ]


def judge_item(ctx: JudgeContext, item: Item, candidates: list[Candidate], indexed: bool) -> ItemResult:
    """Decide the verdict of one item from its candidates."""
    outcomes = [_judge_candidate(ctx, item, c) for c in candidates]
    if item.time_rule.kind is TimeRuleKind.MONTHLY:
        _pool_monthly(ctx, item, [o for o in outcomes if o.dropped is None])
    real = [o for o in outcomes if o.dropped is None]
    mentions = [o for o in outcomes if o.mention]
    if not real:
        return _missing(ctx, item, mentions)
    # evidence we could not fetch (robots.txt, limits) ranks after evidence we read
    real.sort(key=lambda o: (o.verdict.rank + (1.5 if o.uncrawled else 0.0), -o.candidate.strength))
    best = real[0]
    index_outcomes = [o for o in real if o.candidate.via == "index"]
    if (
        index_outcomes
        and all(o.verdict is Verdict.BROKEN for o in index_outcomes)
        and best.verdict is not Verdict.BROKEN
    ):
        elsewhere = best
        best = index_outcomes[0]
        return _result(ctx, item, best, real, elsewhere=elsewhere)
    return _result(ctx, item, best, real)


def _judge_candidate(ctx: JudgeContext, item: Item, cand: Candidate) -> Outcome:
    failure = ctx.failures.get(cand.key)
    target = ctx.pages.get(cand.key)
    if cand.via == "inline":
        page = ctx.pages.get(cand.key.split("#", 1)[0])
        target = _inline_target(cand, page) if page is not None else None
    if target is None and failure is not None and failure.kind not in _NOT_CHECKED:
        ev = Evidence(
            url=cand.url,
            found_on=cand.found_on,
            title=cand.link.text if cand.link else "",
            snippet=cand.link.context if cand.link else "",
            matched_keywords=list(cand.matched),
            verdict=Verdict.BROKEN,
            note_th=failure_text(failure.kind, "th"),
            note_en=failure_text(failure.kind, "en"),
        )
        return Outcome(cand, Verdict.BROKEN, ev, failure=failure)

    if target is not None and _DOC_TYPE.get(target.kind) not in item.accepts:
        # e.g. a downloadable PDF form offered as "E-Service": not an online service
        ev = Evidence(url=cand.url or target.url, found_on=cand.found_on, title=target.title, verdict=Verdict.MISSING)
        return Outcome(cand, Verdict.MISSING, ev, dropped="wrong_kind")
    parts = build_bundle(item, target, cand.link, ctx.pages, ctx.failures, ctx.phrases)
    bundle = parts.bundle
    if cand.via != "inline":  # an inline target is a slice of its page: its key is its own
        bundle.key_cache = ctx.text_keys
    bundle.chrome_lines = ctx.chrome_lines
    dropped = _dropped(ctx, item, cand, target, parts)
    if dropped is not None:
        ev = Evidence(
            url=cand.url, found_on=cand.found_on, title=target.title if target else "", verdict=Verdict.MISSING
        )
        return Outcome(cand, Verdict.MISSING, ev, dropped=dropped)

    # A page that only links documents for the item, all of which are broken, is broken.
    if parts.failed_docs and not bundle.docs and target is not None and not _page_has_item_content(ctx, item, target):
        link, doc_failure = parts.failed_docs[0]
        ev = Evidence(
            url=link.url,
            found_on=target.url,
            title=link.text,
            snippet=link.context,
            matched_keywords=list(cand.matched),
            verdict=Verdict.BROKEN,
            note_th=failure_text(doc_failure.kind, "th"),
            note_en=failure_text(doc_failure.kind, "en"),
        )
        return Outcome(cand, Verdict.BROKEN, ev, failure=doc_failure, failed_docs=len(parts.failed_docs))

    missing: list[tuple[str, str]] = []
    unverified: list[tuple[str, str]] = []
    for element in item.elements:
        if element.detect.kind is DetectorKind.MONTH_COVERAGE:
            continue
        if element.applies_when and not any(match_key(p) in bundle.key for p in element.applies_when):
            continue
        presence = detect(element, bundle)
        if presence is Presence.ABSENT and element.required:
            missing.append((element.label_th, element.label_en))
        elif presence is Presence.UNVERIFIED:
            unverified.append((element.label_th, element.label_en))

    dates = collect_dates(bundle, ctx.find_dates, ctx.date_cache)
    fresh = evaluate(item.time_rule, dates, ctx.fiscal_year, ctx.as_of)
    verdict = _verdict(fresh, missing)
    ev = _evidence(ctx, item, cand, parts, fresh, verdict)
    ev.dates_seen = _dedupe_dates(dates)[:12]
    uncrawled = target is None and failure is not None and failure.kind in _NOT_CHECKED
    if uncrawled and failure is not None:
        ev.note_th = f"ไม่ได้เปิดตรวจ: {failure_text(failure.kind, 'th')}"
        ev.note_en = f"not fetched: {failure_text(failure.kind, 'en')}"
    return Outcome(
        cand,
        verdict,
        ev,
        missing=missing,
        unverified=unverified,
        freshness=fresh,
        failed_docs=len(parts.failed_docs),
        dates=dates if item.time_rule.kind is TimeRuleKind.MONTHLY else [],  # pooled across candidates
        uncrawled=uncrawled,
    )


def _verdict(fresh: Freshness, missing: list[tuple[str, str]]) -> Verdict:
    """Stale beats partial: a last-year document is the first thing to replace."""
    if fresh.status is FreshnessStatus.STALE:
        return Verdict.STALE
    if missing or fresh.status in (FreshnessStatus.GAPS, FreshnessStatus.UNDATED, FreshnessStatus.SHORT):
        return Verdict.PARTIAL
    return Verdict.OK


def _pool_monthly(ctx: JudgeContext, item: Item, outcomes: list[Outcome]) -> None:
    """A monthly series is often one link per month: judge coverage over all of them together."""
    usable = [o for o in outcomes if o.verdict is not Verdict.BROKEN and o.freshness is not None]
    if len(usable) < 2:
        return
    pooled = [d for o in usable for d in o.dates]
    fresh = evaluate(item.time_rule, pooled, ctx.fiscal_year, ctx.as_of)
    for o in usable:
        o.freshness = fresh
        o.verdict = _verdict(fresh, o.missing)
        o.evidence.verdict = o.verdict


def _inline_target(cand: Candidate, page: PageContent) -> PageContent:
    """The labelled part of a page as if it were a page of its own (no links: they are judged apart)."""
    return PageContent(
        url=page.url,
        kind=ResourceKind.HTML,
        found_on=page.found_on,
        title=cand.inline_label,
        headings=(cand.inline_label,),
        text=cand.inline_text,
        tables=page.tables if "\n" in cand.inline_text else 0,
    )


def _dropped(
    ctx: JudgeContext, item: Item, cand: Candidate, target: PageContent | None, parts: BundleParts
) -> str | None:
    """Why a candidate is not really the item, or None if it is.

    * ``unconfirmed``: found only through its URL (``/o12/``, a mangled slug) and the target does
      not name the item;
    * ``placeholder``: a short page that says its content is still being prepared;
    * ``mention``: news of a meeting *about* the plan is not the plan (unless the item's evidence
      is an activity).
    """
    if cand.via == "inline":
        short = target is not None and len(target.text) <= 80
        return "placeholder" if short and target is not None and ctx.phrases.is_placeholder(target.text) else None
    link_words = cand.link.text if cand.link is not None else ""
    if target is None or target.kind is not ResourceKind.HTML:
        if cand.via in UNCONFIRMED_VIAS and target is not None and not _names_item(ctx, item, target, link_words):
            return "unconfirmed"
        return None
    if cand.via in UNCONFIRMED_VIAS and not _names_item(ctx, item, target, link_words):
        return "unconfirmed"
    if (
        not parts.bundle.docs
        and not target.tables
        and len(target.text) < 600
        and ctx.phrases.is_placeholder(target.text)
    ):
        return "placeholder"
    if item.activity_evidence or parts.bundle.docs:
        return None
    # An index row may link a news post too ("– ประชุมจัดทำแผน..."): the target's own title decides.
    label = " ".join([target.title, *target.headings[:1]])
    if cand.via != "index" and cand.link is not None:
        label += " " + cand.link.text
    return "mention" if ctx.phrases.is_passing_mention(label) else None


def _names_item(ctx: JudgeContext, item: Item, content: PageContent, link_words: str = "") -> bool:
    """Whether a page or document names the item in its title, headings or opening text, or shows
    at least two of its keywords (counting the words of the link that led to it)."""
    label = " ".join([content.title, *content.headings[:4], content.text[:600]])
    if item.id in ctx.phrases.score(label).names:
        return True
    keywords = set(ctx.phrases.score(f"{link_words}\n{content.title}\n{content.text[:5000]}").keywords.get(item.id, []))
    return len(keywords) >= 2


def _page_has_item_content(ctx: JudgeContext, item: Item, page: PageContent) -> bool:
    """Whether the page text itself carries the item (not only links to it)."""
    key = match_key(page.text[:20_000])
    keywords = [match_key(k) for k in item.keywords.all()]
    hits = sum(1 for k in keywords if k and k in key)
    return hits >= 2 and len(page.text) > 400


def _evidence(
    ctx: JudgeContext, item: Item, cand: Candidate, parts: BundleParts, fresh: Freshness, verdict: Verdict
) -> Evidence:
    bundle = parts.bundle
    target = bundle.target
    primary = bundle.docs[0] if (bundle.docs and target is not None and target.kind is ResourceKind.HTML) else target
    url = primary.url if primary is not None else cand.url
    found_on = target.url if primary is not target and target is not None else cand.found_on
    title = (primary.title or primary.file_name) if primary is not None else (cand.link.text if cand.link else "")
    snippet, matched = _snippet(ctx, item, primary, cand)
    deciding = fresh.deciding
    note_th = note_en = ""
    if primary is not None and primary.no_text_layer:
        note_th = "เอกสารเป็นภาพสแกน ไม่มีชั้นข้อความ ตรวจเนื้อหาได้จำกัด"
        note_en = "scanned document without a text layer: content could not be read"
    elif target is None:
        note_th = "ลิงก์ไปยังแหล่งภายนอกเว็บไซต์ ตรวจเนื้อหาไม่ได้"
        note_en = "off-site link: content not checked"
    return Evidence(
        url=url,
        found_on=found_on,
        title=title[:200],
        snippet=snippet,
        matched_keywords=matched,
        date=deciding.start if deciding is not None else None,
        kind=primary.kind if primary is not None else None,
        verdict=verdict,
        note_th=note_th,
        note_en=note_en,
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


def _dedupe_dates(dates: list[DateSeen]) -> list[DateSeen]:
    seen: set[tuple[object, ...]] = set()
    out: list[DateSeen] = []
    for d in dates:
        key = (d.start, d.end, d.kind)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _missing(ctx: JudgeContext, item: Item, mentions: list[Outcome]) -> ItemResult:
    reason_th = "ไม่พบข้อมูลนี้บนเว็บไซต์ของหน่วยงาน"
    reason_en = "not found on the agency website"
    evidence: list[Evidence] = []
    if any(o.dropped == "placeholder" for o in mentions):
        reason_th += " (หน้าที่ลิงก์ไว้ยังไม่มีเนื้อหา แจ้งว่าอยู่ระหว่างจัดทำ)"
        reason_en += " (the linked page is an empty placeholder)"
        evidence = [o.evidence for o in mentions[:2]]
    elif mentions:
        reason_th += " (พบเพียงข่าวหรือกิจกรรมที่กล่าวถึง ซึ่งไม่ใช่ตัวเอกสาร)"
        reason_en += " (only news that mentions it, which is not the item itself)"
        evidence = [o.evidence for o in mentions[:2]]
    return _build(item, ctx, Verdict.MISSING, evidence, [], reason_th, reason_en, item.fix_th, item.fix_en)


def _result(
    ctx: JudgeContext, item: Item, best: Outcome, outcomes: list[Outcome], elsewhere: Outcome | None = None
) -> ItemResult:
    verdict = best.verdict
    evidence = [best.evidence, *[o.evidence for o in outcomes if o is not best][: _MAX_EVIDENCE - 1]]
    fy = ctx.fiscal_year
    fix_th, fix_en = item.fix_th, item.fix_en
    missing_th = [m[0] for m in best.missing]
    missing_en = [m[1] for m in best.missing]
    fresh = best.freshness
    where = display_url(best.evidence.url)
    if verdict is Verdict.BROKEN:
        kind = best.failure.kind if best.failure else FailureKind.OTHER
        reason_th = f"ลิงก์ของข้อมูลนี้เปิดไม่ได้: {failure_text(kind, 'th')} ({where})"
        reason_en = f"the link to this item does not open: {failure_text(kind, 'en')} ({where})"
        fix_th = f"แก้ไขลิงก์ {where} ให้ประชาชนเปิดได้โดยไม่ต้องเข้าสู่ระบบ แล้วตรวจซ้ำ " + fix_th
        fix_en = f"Repair the link {where} so that anyone can open it without logging in. " + fix_en
        if elsewhere is not None:
            reason_th += f" แต่พบข้อมูลที่ {display_url(elsewhere.evidence.url)}"
            reason_en += f"; the item was found at {display_url(elsewhere.evidence.url)}"
            fix_th = f"เปลี่ยนลิงก์ในหน้า ITA ให้ชี้ไปที่ {display_url(elsewhere.evidence.url)} " + item.fix_th
    elif verdict is Verdict.STALE and fresh is not None:
        seen = [y for y in fresh.fiscal_years_seen if y != fresh.required_fy] or list(fresh.fiscal_years_seen)
        required = fresh.required_fy or fy
        if item.time_rule.kind is TimeRuleKind.MONTHLY:
            reason_th = f"พบสรุปผลรายเดือนของปีก่อน แต่ไม่พบของปีงบประมาณ {thai_year(fy)}"
            reason_en = f"monthly summaries found only for earlier years, none for fiscal year {fy}"
        elif seen:
            newest = max(seen)
            reason_th = f"พบเอกสารปีงบประมาณ {thai_year(newest)} แต่ต้องเป็นปีงบประมาณ {thai_year(required)}"
            reason_en = f"found a document of fiscal year {newest}, but it must be fiscal year {required}"
        else:
            reason_th = f"เอกสารไม่เป็นปัจจุบัน ต้องเป็นปีงบประมาณ {thai_year(required)}"
            reason_en = f"the document is out of date; fiscal year {required} is required"
        fix_th = f"เผยแพร่ฉบับของปีงบประมาณ {thai_year(required)} แทนฉบับเดิม " + fix_th
        fix_en = f"Publish the fiscal year {required} edition. " + fix_en
    elif verdict is Verdict.PARTIAL:
        reasons_th: list[str] = []
        reasons_en: list[str] = []
        if missing_th:
            reasons_th.append("ยังขาด " + join_th(missing_th))
            reasons_en.append("missing " + join_en(missing_en))
        if fresh is not None and fresh.status is FreshnessStatus.GAPS:
            months_th = join_th([thai_month(m) for m in fresh.missing_months])
            months_en = join_en([en_month(m) for m in fresh.missing_months])
            reasons_th.append(f"ข้อมูลรายเดือนไม่ครบ ขาดเดือน {months_th}")
            reasons_en.append(f"monthly coverage has gaps: {months_en} missing")
            missing_th.append("เดือน " + months_th)
            missing_en.append("months " + months_en)
        if fresh is not None and fresh.status is FreshnessStatus.SHORT and fresh.covered_until is not None:
            until_th, until_en = thai_month(fresh.covered_until), en_month(fresh.covered_until)
            reasons_th.append(f"ข้อมูลครอบคลุมถึง {until_th} เท่านั้น ต้องครอบคลุม ๖ เดือนแรก (ต.ค.–มี.ค.)")
            reasons_en.append(f"it covers only up to {until_en}; the first six months (Oct-Mar) are required")
            missing_th.append(f"ข้อมูลหลัง {until_th} ถึง มี.ค. {thai_year(fy)}")
            missing_en.append(f"data after {until_en} up to March")
        if fresh is not None and fresh.status is FreshnessStatus.UNDATED:
            period_th, period_en = _period_words(item, fy)
            reasons_th.append(f"ไม่พบการระบุ{period_th}ในชื่อหรือเนื้อหา")
            reasons_en.append(f"no {period_en} is stated in its title or content")
            missing_th.append(f"การระบุ{period_th}")
            missing_en.append(period_en)
        reason_th = f"พบข้อมูลที่ {where} แต่" + " และ".join(reasons_th)
        reason_en = f"found at {where}, but " + "; ".join(reasons_en)
    else:
        date_th = f" ({thai_date(best.evidence.date)})" if best.evidence.date else ""
        date_en = f" ({best.evidence.date.isoformat()})" if best.evidence.date else ""
        reason_th = f"พบข้อมูลครบถ้วนที่ {where}{date_th}"
        reason_en = f"found at {where}{date_en}"
        if best.unverified:
            reason_th += " (ตรวจไม่ได้: " + join_th([u[0] for u in best.unverified]) + " โปรดตรวจด้วยตนเอง)"
            reason_en += " (could not verify: " + join_en([u[1] for u in best.unverified]) + ")"
        older = [o for o in outcomes if o.verdict is Verdict.STALE and o.freshness is not None]
        if older and older[0].freshness is not None and older[0].freshness.fiscal_years_seen:
            year = max(older[0].freshness.fiscal_years_seen)
            reason_th += f" และยังพบฉบับปีงบประมาณ {thai_year(year)} ที่ {display_url(older[0].evidence.url)}"
            reason_en += f"; an older edition (fiscal year {year}) is still at {display_url(older[0].evidence.url)}"
        fix_th = fix_en = ""
    result = _build(item, ctx, verdict, evidence, missing_th, reason_th, reason_en, fix_th, fix_en)
    result.missing_elements_en = missing_en
    others = {o.evidence.url for o in outcomes if o is not best and o.verdict is not verdict}
    result.also_seen = sorted(others)[:5]
    return result


def _period_words(item: Item, fy: int) -> tuple[str, str]:
    kind = item.time_rule.kind
    if kind is TimeRuleKind.PREVIOUS_FY:
        return f"ปีงบประมาณ {thai_year(fy - 1)}", f"fiscal year {fy - 1}"
    if kind is TimeRuleKind.FIRST_HALF:
        return f"รอบ ๖ เดือนของปีงบประมาณ {thai_year(fy)}", f"first-half period of fiscal year {fy}"
    if kind is TimeRuleKind.MONTHLY:
        return "เดือน", "month"
    return f"ปีงบประมาณ {thai_year(fy)}", f"fiscal year {fy}"


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


_CHROME_MIN_PAGES = 3
_CHROME_SHARE = 0.2


def site_chrome_lines(pages: list[PageContent]) -> frozenset[str]:
    """Anchor texts of links found on many pages of the site: its menus and footer links.

    A line of page text equal to one of them is site furniture, not the page's content.
    """
    html = [p for p in pages if p.kind is ResourceKind.HTML]
    if len(html) < _CHROME_MIN_PAGES:
        return frozenset()
    counts: dict[str, int] = {}
    for page in html:
        for text in {link.text for link in page.links if link.text}:
            counts[text] = counts.get(text, 0) + 1
    threshold = max(_CHROME_MIN_PAGES, int(_CHROME_SHARE * len(html)))
    return frozenset(text for text, n in counts.items() if n >= threshold)


def judge_pages(
    checklist: Checklist,
    pages: list[PageContent],
    failures: list[PageFailure],
    fiscal_year: int,
    as_of: date,
    notify: Callable[[ProgressEvent], None] | None = None,
    *,
    aliases: Mapping[str, str] | None = None,
) -> tuple[list[ItemResult], list[str]]:
    """Match and judge already-crawled pages; returns the item results and the ITA index pages found.

    Also used by tests and benchmarks that have pages without a crawl.
    """
    phrases = PhraseIndex(checklist)
    page_map: dict[str, PageContent] = {}
    for page in pages:
        page_map.setdefault(normalize_url(page.url), page)
        for alias in page.aliases:
            page_map.setdefault(normalize_url(alias), page)
    for alias, final in (aliases or {}).items():  # byte-identical duplicates and redirects
        target = page_map.get(normalize_url(final))
        if target is not None:
            page_map.setdefault(normalize_url(alias), target)
    failure_map = {normalize_url(f.url): f for f in failures}
    matches = match_site(checklist, pages, phrases)
    chrome = site_chrome_lines(pages)
    ctx = JudgeContext(
        checklist=checklist,
        phrases=phrases,
        pages=page_map,
        failures=failure_map,
        fiscal_year=fiscal_year,
        as_of=as_of,
        find_dates=find_dates,
        chrome_lines=chrome,
    )
    items = judge_site(ctx, matches)
    if notify is not None:
        notify(ProgressEvent("match", len(items), len(items), "items decided"))
    return items, matches.index_pages


def summarise(items: list[ItemResult]) -> Summary:
    """Counts per verdict and the share of items that are ok."""
    counts = {v: 0 for v in Verdict}
    for item in items:
        counts[item.status] += 1
    total = len(items)
    return Summary(
        total=total,
        ok=counts[Verdict.OK],
        partial=counts[Verdict.PARTIAL],
        stale=counts[Verdict.STALE],
        broken=counts[Verdict.BROKEN],
        missing=counts[Verdict.MISSING],
        expected_oit_score=round(100.0 * counts[Verdict.OK] / total, 2) if total else 0.0,
    )
