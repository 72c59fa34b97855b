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
from oit_check.i18n import display_url, en_month, failure_text, join_en, join_th, thai_date, thai_month, thai_year
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
    evidence.note_th = f"ไม่ได้เปิดตรวจ: {failure_text(failure_kind, 'th')}"
    evidence.note_en = f"not fetched: {failure_text(failure_kind, 'en')}"


def evidence_of(
    ctx: JudgeContext, item: Item, cand: Candidate, parts: BundleParts, fresh: Freshness, verdict: Verdict
) -> Evidence:
    bundle = parts.bundle
    target = bundle.target
    primary = bundle.docs[0] if (bundle.docs and target is not None and target.kind is ResourceKind.HTML) else target
    url = primary.url if primary is not None else cand.url
    found_on = target.url if primary is not target and target is not None else cand.found_on
    title = (primary.title or primary.file_name) if primary is not None else (cand.link.text if cand.link else "")
    """The evidence entry of a judged candidate: its primary document, snippet, deciding date and notes."""
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
    """The result of an item with no real candidate (placeholders and passing mentions are said)."""
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


def explain_result(
    ctx: JudgeContext, item: Item, best: Outcome, outcomes: list[Outcome], elsewhere: Outcome | None = None
) -> ItemResult:
    """The result of an item whose best candidate is ``best`` (``elsewhere``: found outside the index)."""
    verdict = best.verdict
    evidence = [best.evidence, *[o.evidence for o in outcomes if o is not best][: MAX_EVIDENCE - 1]]
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
