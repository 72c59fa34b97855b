"""Judge stage: candidates -> one ``ItemResult`` per item. The only place a verdict is decided.

Per candidate: broken if its target failed; otherwise build the evidence bundle, check required
elements and the time rule, and give the candidate a verdict. Per item: the best candidate wins
(ok > partial > stale > broken), except that an item whose ITA-index links are all broken is
``broken`` even if the document exists elsewhere: the assessor follows the index link, so the
fix is to mend that link (the report says where the document was found). The words of every
verdict are written by ``explain``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from oit_check.assess.bundle import BundleParts, build_bundle, collect_dates
from oit_check.assess.context import JudgeContext, Outcome
from oit_check.assess.elements import Bundle, Presence, detect, has_input_form, link_host_matches
from oit_check.assess.explain import (
    broken_evidence,
    dedupe_dates,
    evidence_of,
    explain_missing,
    explain_result,
    not_fetched_note,
)
from oit_check.assess.freshness import Freshness, FreshnessStatus, evaluate
from oit_check.assess.match import UNCONFIRMED_VIAS, Candidate, SiteMatches
from oit_check.checklist.schema import Checklist, DetectorKind, DocType, Item, TimeRuleKind
from oit_check.i18n import failure_text, t
from oit_check.models import (
    Evidence,
    FailureKind,
    ItemResult,
    LinkKind,
    PageContent,
    PageFailure,
    ResourceKind,
    Summary,
    Verdict,
)
from oit_check.thai.text import match_key
from oit_check.urls import url_key

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
_NOT_CHECKED = {FailureKind.ROBOTS, FailureKind.LIMIT, FailureKind.TRAP, FailureKind.UNSAFE}
# An off-site target we could not reach at all (no connection, no answer) is not known to be broken:
# an assessor's browser may open it. Its item is at most partial, "open it and check".
_UNREACHABLE = {FailureKind.CONNECT, FailureKind.TIMEOUT, FailureKind.BLOCKED_ADDRESS, FailureKind.OTHER}


def judge_site(ctx: JudgeContext, matches: SiteMatches) -> list[ItemResult]:
    """One result per checklist item, in checklist order."""
    candidates = matches.candidates
    live = bool(matches.indexed_items) and not matches.index_links_nowhere()
    ctx = dataclasses.replace(ctx, vendor_link=matches.vendor.owns, index_live=live)
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
        return explain_missing(ctx, item, mentions)
    # evidence we could not fetch (robots.txt, limits) ranks after evidence we read
    real.sort(key=lambda o: (o.verdict.rank + (1.5 if o.uncrawled else 0.0), -o.candidate.strength))
    best = real[0]
    index_outcomes = [o for o in outcomes if o.candidate.via == "index"]
    usable_index = [o for o in index_outcomes if o.dropped is None and o.verdict is not Verdict.BROKEN]
    if index_outcomes and not usable_index and best.verdict is not Verdict.BROKEN:
        return _index_fails(ctx, item, best, index_outcomes, real)
    if usable_index and best.candidate.via != "index" and not _through_row(ctx, best, index_outcomes):
        # the assessor sees what the row links, not the better copy we found elsewhere
        row = min(usable_index, key=lambda o: o.verdict.rank)
        if row.verdict.rank > best.verdict.rank:
            return explain_result(ctx, item, row, real, elsewhere=best)
    return explain_result(ctx, item, best, real)


def _through_row(ctx: JudgeContext, outcome: Outcome, index_outcomes: list[Outcome]) -> bool:
    """Whether the evidence is a page an index row links, or is linked from one, or the index page
    that holds the row itself: the assessor reading the row sees it, so it is still the row's."""
    targets = {o.candidate.key for o in index_outcomes if o.dropped != "nowhere"}
    rows_on = {url_key(o.candidate.found_on) for o in index_outcomes if o.candidate.found_on}
    if outcome.candidate.key in targets or outcome.candidate.key in rows_on:
        return True
    for key in targets:
        page = ctx.pages.get(key)
        if page is not None and any(url_key(link.url) == outcome.candidate.key for link in page.links):
            return True
    return False


def _index_fails(
    ctx: JudgeContext, item: Item, elsewhere: Outcome, index_outcomes: list[Outcome], real: list[Outcome]
) -> ItemResult:
    """The item has a row on the site's ITA index page, but no link of that row leads to it.

    Dead row links make it ``broken`` (the assessor follows the row; the fix is to mend it). A row
    linking a page that does not hold the item (a description, a placeholder, another subject)
    caps the copy found elsewhere at ``partial``, unless that page links the copy. A row whose
    links go nowhere (``href="#"``, a description with no link) on an index that works for the
    other items caps it too: the agency meant the row as the disclosure and the assessor who
    follows it finds nothing. Only on an index that links nowhere for most items (a template
    nobody filled in) does the item stand on what the site's own menus lead to. The report says
    where the item was found, so the fix is to point the row there."""
    dead = [o for o in index_outcomes if o.dropped is None]  # all broken here
    if dead:
        return explain_result(ctx, item, dead[0], real, elsewhere=elsewhere)
    wrong = [o for o in index_outcomes if o.dropped != "nowhere"]
    if _through_row(ctx, elsewhere, index_outcomes) or not (wrong or ctx.index_live):
        return explain_result(ctx, item, elsewhere, real)
    if wrong:
        capped = dataclasses.replace(elsewhere, index_miss=wrong[0].candidate.url or wrong[0].evidence.url)
    else:
        capped = dataclasses.replace(elsewhere, index_nowhere=True)
    if capped.verdict is Verdict.OK:
        capped.verdict = Verdict.PARTIAL
    return explain_result(ctx, item, capped, [o for o in real if o is not elsewhere])


def _judge_candidate(ctx: JudgeContext, item: Item, cand: Candidate) -> Outcome:
    if cand.link is not None and cand.link.kind is LinkKind.PLACEHOLDER:
        # the row names the item but its link goes nowhere: never evidence, said in the reason
        ev = Evidence(
            url=cand.found_on or cand.url, found_on=cand.found_on, title=cand.link.text, verdict=Verdict.MISSING
        )
        return Outcome(cand, Verdict.MISSING, ev, dropped="nowhere")
    failure = ctx.failures.get(cand.key)
    target = ctx.pages.get(cand.key)
    if cand.via == "inline":
        page = ctx.pages.get(cand.key.split("#", 1)[0])
        target = _inline_target(cand, page) if page is not None else None
    unreachable_offsite = (
        target is None
        and failure is not None
        and cand.link is not None
        and not cand.link.same_site
        and failure.kind in _UNREACHABLE
    )
    if target is None and failure is not None and failure.kind not in _NOT_CHECKED and not unreachable_offsite:
        return Outcome(cand, Verdict.BROKEN, broken_evidence(cand, failure.kind), failure=failure)

    if target is not None and _DOC_TYPE.get(target.kind) not in item.accepts:
        # e.g. a downloadable PDF form offered as "E-Service": not an online service
        ev = Evidence(url=cand.url or target.url, found_on=cand.found_on, title=target.title, verdict=Verdict.MISSING)
        return Outcome(cand, Verdict.MISSING, ev, dropped="wrong_kind")
    parts = build_bundle(item, target, cand.link, ctx.pages, ctx.failures, ctx.phrases)
    bundle = parts.bundle
    if cand.via != "inline":  # an inline target is a slice of its page: its key is its own
        bundle.key_cache = ctx.text_keys
        bundle.text_cache = ctx.text_cache
    bundle.chrome_lines = ctx.chrome_lines
    bundle.repeated_lines = ctx.repeated_lines
    bundle.repeated_images = ctx.repeated_images
    bundle.describes = ctx.phrases.description_kind
    bundle.excluded_link = ctx.vendor_link
    dropped = _dropped(ctx, item, cand, target, parts)
    if dropped is not None:
        ev = Evidence(
            url=cand.url, found_on=cand.found_on, title=target.title if target else "", verdict=Verdict.MISSING
        )
        return Outcome(cand, Verdict.MISSING, ev, dropped=dropped)

    # A page that only links documents for the item, all of which are broken, is broken.
    if parts.failed_docs and not bundle.docs and target is not None and not _page_has_item_content(ctx, item, target):
        link, doc_failure = parts.failed_docs[0]
        ev = broken_evidence(
            cand, doc_failure.kind, url=link.url, found_on=target.url, title=link.text, snippet=link.context
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
    uncrawled = target is None and failure is not None and failure.kind in _NOT_CHECKED
    unread = _unread(item, cand, bundle, failure)
    # ok needs evidence that was opened and read and that names the item: anything we could not
    # read or verify caps it, and so does a target that is about something else (a wrong link)
    unnamed = (
        unread is None
        and target is not None
        and cand.via != "inline"
        and not item.activity_evidence  # an activity's news post need not name the item
        and not _evidence_names_item(ctx, item, bundle)
    )
    if unnamed:
        unverified = [*unverified, (t("explain.unnamed", "th"), t("explain.unnamed", "en"))]
    if target is not None and cand.via != "inline" and url_key(target.url) in ctx.unlinked:
        unverified = [*unverified, (t("explain.unlinked", "th"), t("explain.unlinked", "en"))]
    capped = bool(unverified) or unread is not None or uncrawled
    verdict = _verdict(fresh, missing, capped)
    ev = evidence_of(ctx, item, cand, parts, fresh, verdict)
    ev.dates_seen = dedupe_dates(dates)[:12]
    if uncrawled and failure is not None:
        not_fetched_note(ev, failure.kind)
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
        unread=unread,
        ocr=ev.read_by_ocr,
    )


def _verdict(fresh: Freshness, missing: list[tuple[str, str]], capped: bool = False) -> Verdict:
    """Stale beats partial: a last-year document is the first thing to replace. ``capped``: the
    evidence could not be fully read or verified, so the best it can be is partial."""
    if fresh.status is FreshnessStatus.STALE:
        return Verdict.STALE
    if missing or capped or fresh.status in (FreshnessStatus.GAPS, FreshnessStatus.UNDATED, FreshnessStatus.SHORT):
        return Verdict.PARTIAL
    return Verdict.OK


def _unread(item: Item, cand: Candidate, bundle: Bundle, failure: PageFailure | None) -> str | None:
    """Why the evidence itself could not be read, or None: an off-site target never opened (unless
    the link is the disclosure, such as the agency's own Facebook page for the social-network
    item), a scan without text that OCR did not read, text that is not machine-readable."""
    target = bundle.target
    if target is None:
        if cand.link is not None and _link_is_the_disclosure(item, cand.link.url):
            return None
        detail = failure_text(failure.kind, "en") if failure is not None else "not opened"
        return f"offsite:{detail}"
    primary = bundle.docs[0] if bundle.docs and target.kind is ResourceKind.HTML else target
    if primary.unreadable_text or (primary is target and target.unreadable_text):
        return "glyphs"
    if primary.no_text_layer and not primary.ocr:
        return "scan"
    return None


def _link_is_the_disclosure(item: Item, url: str) -> bool:
    """The item is the link itself: a host named by one of its link/embed/form elements."""
    for element in item.elements:
        spec = element.detect
        hosted = spec.kind in (DetectorKind.LINK_HOST, DetectorKind.EMBED, DetectorKind.FORM)
        if hosted and spec.hosts and link_host_matches(url, spec.hosts):
            return True
    return False


def _pool_monthly(ctx: JudgeContext, item: Item, outcomes: list[Outcome]) -> None:
    """A monthly series is often one link per month: judge coverage over all of them together."""
    usable = [o for o in outcomes if o.verdict is not Verdict.BROKEN and o.freshness is not None]
    if len(usable) < 2:
        return
    pooled = [d for o in usable for d in o.dates]
    fresh = evaluate(item.time_rule, pooled, ctx.fiscal_year, ctx.as_of)
    for o in usable:
        o.freshness = fresh
        o.verdict = _verdict(fresh, o.missing, bool(o.unverified) or o.unread is not None or o.uncrawled)
        o.evidence.verdict = o.verdict


def _inline_target(cand: Candidate, page: PageContent) -> PageContent:
    """The labelled part of a page as if it were a page of its own: its text, and the images and
    embedded frames (an org chart, a map) placed under its label. Its anchors are judged apart."""
    lines = {line for line in cand.inline_text.split("\n") if line}
    lines.add(cand.inline_label)
    images = tuple(i for i in page.images if i.section in lines or (i.alt and i.alt in cand.inline_text))
    frames = tuple(
        link
        for link in page.links
        if link.kind in (LinkKind.IFRAME, LinkKind.EMBED) and link.section and link.section in lines
    )
    return PageContent(
        url=page.url,
        kind=ResourceKind.HTML,
        found_on=page.found_on,
        title=cand.inline_label,
        headings=(cand.inline_label,),
        text=cand.inline_text,
        tables=page.tables if "\n" in cand.inline_text else 0,
        images=images,
        links=frames,
    )


def _dropped(
    ctx: JudgeContext, item: Item, cand: Candidate, target: PageContent | None, parts: BundleParts
) -> str | None:
    """Why a candidate is not really the item, or None if it is.

    * ``unconfirmed``: found only through its URL (``/o12/``, a mangled slug) and the target does
      not name the item;
    * ``placeholder``: a short page that says its content is still being prepared;
    * ``description``: a page (or an index row's text) that only describes the item: the
      criterion's wording, "อยู่ที่เมนู ...", the item's own title, the site's furniture;
    * ``mention``: news of a meeting *about* the plan is not the plan (unless the item's evidence
      is an activity).
    """
    if cand.via == "inline":
        short = target is not None and len(target.text) <= 80
        if short and target is not None and ctx.phrases.is_placeholder(target.text):
            return "placeholder"
        if target is not None and _only_describes(ctx, item, parts.bundle, target, inline=True):
            return "description"
        return None
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
    if not parts.bundle.docs and _only_describes(ctx, item, parts.bundle, target):
        return "description"
    if item.activity_evidence or parts.bundle.docs:
        return None
    # An index row may link a news post too ("– ประชุมจัดทำแผน..."): the target's own title decides.
    label = " ".join([target.title, *target.headings[:1]])
    if cand.via != "index" and cand.link is not None:
        label += " " + cand.link.text
    return "mention" if ctx.phrases.is_passing_mention(label) else None


_SUBSTANCE_MIN_CHARS = 60  # a page must say at least this much beyond naming and describing the item


def _only_describes(ctx: JudgeContext, item: Item, bundle: Bundle, page: PageContent, *, inline: bool = False) -> bool:
    """A text page with nothing beyond the item's name, its description and the site's furniture.

    Pages with a data table, a content image, a form or an embedded viewer carry something else,
    and are judged on their elements instead.
    """
    if page.tables or bundle.images or bundle.forms:
        return False
    if any(link.kind in (LinkKind.IFRAME, LinkKind.EMBED) for link in page.links):
        return False
    if page.unreadable_text:
        return False  # not a description: text we cannot read (judged "check by hand")
    if (
        not inline
        and not any(ctx.phrases.description_kind(line) for line in page.text.split("\n"))
        and not _names_item_without_link(ctx, item, bundle, page)
    ):
        return False  # only a page that describes (criterion text, "อยู่ที่เมนู") or lists the item
        # under a link to nowhere is judged so; the text of an index row must be the disclosure itself
    substance = 0
    for line in bundle.substance(page).split("\n"):
        key = match_key(line)
        if len(key) < 12:
            continue  # breadcrumbs, "← O31 O33 →", a lone date
        names = ctx.phrases.score(line).names.get(item.id)
        if names and len(key) <= max(len(match_key(n)) for n in names) + 16:
            continue  # the item's own title or heading, perhaps with its code and year
        if ctx.phrases.is_generic_anchor(line):
            continue  # "ดาวน์โหลด", "คลิกที่นี่": the words of a link, not its content
        substance += len(key)
        if substance >= _SUBSTANCE_MIN_CHARS:
            return False
    return True


def _names_item_without_link(ctx: JudgeContext, item: Item, bundle: Bundle, page: PageContent) -> bool:
    """The page lists the item by name, but its entry links nowhere: a placeholder link naming the
    item ("คู่มือสำหรับประชาชน" with ``href="#"``), or the name as plain text where a link would be,
    and no working link on the page names the item (the site's menus aside). Such a page is a list of titles; the
    disclosure is what the entry should have linked."""
    working = 0
    own = url_key(page.url)
    for link in page.links:
        if link.text in ctx.chrome_lines or (link.kind is not LinkKind.PLACEHOLDER and url_key(link.url) == own):
            continue  # the site's menu, or the page's own entry in it
        if item.id not in ctx.phrases.score(link.text).names:
            continue
        if link.kind is LinkKind.PLACEHOLDER:
            return True
        working += 1
    if working:
        return False
    link_texts = {" ".join(link.text.split()) for link in page.links}
    heads = {" ".join(h.split()) for h in (page.title, *page.headings)}
    for line in bundle.substance(page).split("\n"):
        flat = " ".join(line.split())
        if not flat or flat in link_texts or flat in heads or len(flat) > 120:
            continue
        if item.id in ctx.phrases.score(flat).names:
            return True
    return False


def _evidence_names_item(ctx: JudgeContext, item: Item, bundle: Bundle) -> bool:
    """Whether the evidence itself (the document a hub page links, or the page) names the item."""
    target = bundle.target
    assert target is not None
    contents = bundle.docs if bundle.docs and target.kind is ResourceKind.HTML else [target]
    if any(c.no_text_layer and not c.ocr for c in contents):
        return True  # an unread scan is capped as unread already; nothing here to name anything
    if any(e.detect.kind is DetectorKind.FORM for e in item.elements) and has_input_form(bundle):
        return True  # a working form is the service itself (an online queue for the e-service item)
    # the target's own words only: the row that links it names the item whatever the target is
    return any(_names_item(ctx, item, c) for c in contents)


def _names_item(ctx: JudgeContext, item: Item, content: PageContent, link_words: str = "") -> bool:
    """Whether a page or document names the item in its title, headings or opening text, or shows
    at least two of its keywords (counting the words of the link that led to it)."""
    if not item.activity_evidence and ctx.phrases.is_passing_mention(content.title):
        return False  # "ประชุมทบทวนแผนพัฒนาท้องถิ่น": news of a meeting about the plan is not the plan
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


def offsite_targets(checklist: Checklist, matches: SiteMatches, site_pages: Mapping[str, PageContent]) -> list[str]:
    """Off-site URLs that candidates point at and that an assessor would open to judge them: not
    read yet, not a link to nowhere, and not a link that is itself the disclosure (the agency's
    Facebook page for the social-network item)."""
    out: list[str] = []
    for item in checklist.items:
        for cand in matches.candidates.get(item.id, []):
            link = cand.link
            if link is None or link.same_site or link.kind is LinkKind.PLACEHOLDER or cand.key in site_pages:
                continue
            if _link_is_the_disclosure(item, link.url):
                continue
            out.append(link.url)
    return list(dict.fromkeys(out))
