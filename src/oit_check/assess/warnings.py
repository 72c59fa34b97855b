"""When the headline score could mislead, say so (the summary warns when it should).

Three situations, each a ``ScanWarning`` with a stable code and a Thai and English message:

* ``index_links_nowhere``: the site's ITA page names items but most of its rows link nowhere
  (``href="#"``): the score counts only what was found elsewhere on the site, and an assessor who
  follows the ITA page finds nothing;
* ``few_opened``: few items rest on evidence that was opened and read (most are missing or could
  not be read): the score says little about what is really published;
* ``one_page``: most of the items found were found on one page: one mistake there moves the score.
"""

from __future__ import annotations

from collections import Counter

from oit_check.assess.match import SiteMatches
from oit_check.i18n import display_url, t
from oit_check.models import ItemResult, ScanWarning, Verdict

FEW_OPENED_SHARE = 0.3  # items resting on opened, readable evidence below this share of all items
ONE_PAGE_SHARE = 0.6  # of the items found, the share whose deciding evidence is one page
ONE_PAGE_MIN_ITEMS = 5


def _warning(code: str, **values: object) -> ScanWarning:
    return ScanWarning(
        code=code, message_th=t(f"warning.{code}", "th", **values), message_en=t(f"warning.{code}", "en", **values)
    )


def scan_warnings(items: list[ItemResult], matches: SiteMatches) -> list[ScanWarning]:
    """The warnings a reader of this scan's score must see, most serious first."""
    out: list[ScanWarning] = []
    if matches.index_links_nowhere():
        nowhere = len(matches.items_linked_nowhere())
        out.append(_warning("index_links_nowhere", nowhere=nowhere, named=len(matches.indexed_items)))
    opened = [i for i in items if i.status is not Verdict.MISSING and i.evidence and not i.evidence[0].note_en]
    if items and len(opened) < FEW_OPENED_SHARE * len(items):
        out.append(_warning("few_opened", opened=len(opened), total=len(items)))
    found = [i for i in items if i.status is not Verdict.MISSING and i.evidence]
    if len(found) >= ONE_PAGE_MIN_ITEMS:
        pages = Counter(i.evidence[0].url.split("#", 1)[0] for i in found)  # the evidence itself, not the index
        page, count = pages.most_common(1)[0]
        if count >= ONE_PAGE_SHARE * len(found):
            out.append(_warning("one_page", page=display_url(page), count=count, found=len(found)))
    return out
