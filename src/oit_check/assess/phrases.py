"""Phrase index over a checklist: which items a piece of text names, and item codes written in it.

One Aho-Corasick automaton (pyahocorasick) holds every item name, site label, keyword and exclusion
of the checklist as whitespace-free match keys; scoring a text is one pass over its key
(research/libraries.md §6: 0.2 ms per 15k-character page). Items compete: a text is given to the
item(s) whose longest matched name is (nearly) the longest of all, so "รายงานการกำกับติดตามการ
ดำเนินการป้องกันการทุจริต รอบ 6 เดือน" goes to o37, not to o12.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import ahocorasick

from oit_check.checklist.schema import Checklist, Item
from oit_check.thai.text import match_key, skeleton_key, to_arabic_digits
from oit_check.urls import host_matches, is_document_url

# A name must match at least this share of the best match length to share the text.
_COMPETE_RATIO = 0.8

_NAME, _KEYWORD, _EXCLUDE = "n", "k", "x"


@dataclass
class TextScore:
    """What one text says about the items: name matches (longest per item), keywords, exclusions."""

    names: dict[str, list[str]] = field(default_factory=dict)  # item id -> matched name keys
    best_len: dict[str, int] = field(default_factory=dict)  # item id -> longest matched name key
    keywords: dict[str, list[str]] = field(default_factory=dict)
    excluded: set[str] = field(default_factory=set)

    def winners(self) -> list[str]:
        """Items this text names, after exclusions and longest-match competition."""
        eligible = {i: n for i, n in self.best_len.items() if i not in self.excluded}
        if not eligible:
            return []
        top = max(eligible.values())
        return sorted(i for i, n in eligible.items() if n >= _COMPETE_RATIO * top)


class PhraseIndex:
    """Match keys of every phrase in a checklist, and item-code parsing for its code prefixes."""

    def __init__(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self._automaton = ahocorasick.Automaton()
        self._skeleton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, str, str]]] = {}
        skeleton_entries: dict[str, list[tuple[str, str, str]]] = {}
        for item in checklist.items:
            for phrase in _item_names(item):
                key = match_key(phrase)
                if len(key) >= 2:
                    entries.setdefault(key, []).append((_NAME, item.id, phrase))
                    skel = skeleton_key(phrase)
                    if len(skel) >= 6:  # short skeletons are too ambiguous for slug matching
                        skeleton_entries.setdefault(skel, []).append((_NAME, item.id, phrase))
            for phrase in item.keywords.all():
                key = match_key(phrase)
                if len(key) >= 2:
                    entries.setdefault(key, []).append((_KEYWORD, item.id, phrase))
            for phrase in item.exclude:
                key = match_key(phrase)
                if len(key) >= 2:
                    entries.setdefault(key, []).append((_EXCLUDE, item.id, phrase))
        for key, values in entries.items():
            self._automaton.add_word(key, (len(key), tuple(values)))
        for key, values in skeleton_entries.items():
            self._skeleton.add_word(key, (len(key), tuple(values)))
        self._has_words = bool(entries)
        self._has_skeleton = bool(skeleton_entries)
        if self._has_words:
            self._automaton.make_automaton()
        if self._has_skeleton:
            self._skeleton.make_automaton()
        self._url_hints = tuple(
            (match_key(hint), item.id)
            for item in checklist.items
            for hint in item.url_hints
            if len(match_key(hint)) >= 3
        )
        self._identity_hosts = tuple(
            (host.lower(), item.id)
            for item in checklist.items
            for element in item.elements
            if element.required and element.detect.kind.value == "link_host"
            for host in element.detect.hosts
        )
        self._generic = frozenset(match_key(t) for t in checklist.generic_link_texts)
        self.file_hosts = tuple(host.lower() for host in checklist.evidence_file_hosts)
        self.is_file_url = functools.lru_cache(maxsize=100_000)(self._is_file_url)
        self._activity_items = frozenset(item.id for item in checklist.items if item.activity_evidence)
        self._placeholders = tuple(match_key(p) for p in checklist.placeholder_markers if match_key(p))
        self._description_markers = tuple(m for p in checklist.description_markers if (m := match_key(p)))
        self._description_res = tuple(re.compile(p, re.IGNORECASE) for p in checklist.description_patterns)
        self._credit_markers = tuple(m for p in checklist.credit_markers if (m := match_key(p)))
        # lines repeat across a site (menus, footers): each is classified once per index
        self.description_kind = functools.lru_cache(maxsize=100_000)(self._description_kind)
        self.is_credit = functools.lru_cache(maxsize=50_000)(self._is_credit)
        self._code_re = _code_regex(checklist.item_code_prefixes)
        self._numbers = {item.number: item.id for item in checklist.items}
        self._index_names = tuple(match_key(p) for p in checklist.index_page_names.all() if match_key(p))
        self._mention_markers = tuple(match_key(p) for p in checklist.passing_mention_markers if match_key(p))
        self.score = functools.lru_cache(maxsize=20_000)(self._score)
        # names as people write them: official names gain or lose words ("ป้องกันและปราบปราม
        # การทุจริต"); a row that carries the item's code is matched on the name's character
        # trigrams, so a word added or dropped inside the name does not lose it
        self._name_grams: dict[str, list[tuple[str, frozenset[str]]]] = {
            item.id: [
                (name, _trigrams(key))
                for name in dict.fromkeys(_item_names(item))
                if len(key := match_key(name)) >= _FUZZY_MIN_KEY
            ]
            for item in checklist.items
        }
        # Results derived from this checklist for values that repeat across a site (e.g. one link in
        # every page's menu); owned by the callers that fill it, dropped with the index.
        self.memo: dict[object, object] = {}

    def _score(self, text: str) -> TextScore:
        """Score a text (cached: rows and sections repeat across links and pages)."""
        result = TextScore()
        if not text or not self._has_words:
            return result
        key = match_key(text)
        self._collect(self._automaton, key, result)
        return result

    def score_slug(self, url_text: str) -> TextScore:
        """Score URL words on the mark-stripped skeleton (Google Sites/WordPress drop Thai marks)."""
        result = TextScore()
        if not url_text or not self._has_skeleton:
            return result
        self._collect(self._skeleton, skeleton_key(url_text), result)
        return result

    @staticmethod
    def _collect(automaton: ahocorasick.Automaton, key: str, result: TextScore) -> None:
        for _end, (length, values) in automaton.iter(key):
            for role, item_id, phrase in values:
                if role == _NAME:
                    result.names.setdefault(item_id, []).append(phrase)
                    if length > result.best_len.get(item_id, 0):
                        result.best_len[item_id] = length
                elif role == _KEYWORD:
                    result.keywords.setdefault(item_id, []).append(phrase)
                else:
                    result.excluded.add(item_id)

    def url_hint_items(self, url_text: str) -> list[str]:
        """Items whose URL hints (``structure``, ``o12``, ``nogift`` ...) appear in a URL's words."""
        key = match_key(url_text)
        return sorted({item_id for hint, item_id in self._url_hints if hint in key})

    def identity_host_items(self, host: str) -> list[str]:
        """Items identified by a link to a host (o9: a link to the agency's Facebook page *is* the item)."""
        host = host.lower()
        found: list[str] = []
        for entry, item_id in self._identity_hosts:
            entry_host = entry.split("/", 1)[0]
            if host_matches(host, entry_host) and item_id not in found:
                found.append(item_id)
        return found

    def is_file_host(self, host: str) -> bool:
        """A host that serves files the agency links as evidence (Google Drive, OneDrive ...)."""
        return any(host_matches(host, entry) for entry in self.file_hosts)

    def _is_file_url(self, url: str) -> bool:
        """A link to a document (an office file, or a file host such as Google Drive): its anchor is
        often a file name or a date, and its row names it. Cached per index (menus repeat)."""
        return is_document_url(url) or self.is_file_host((urlsplit(url).hostname or "").lower())

    def _description_kind(self, line: str) -> str | None:
        """``"label"`` for a line that is a description marker standing alone (the next line describes
        too), ``"text"`` for a line of description, None for a line that may be data."""
        key = match_key(line)
        if not key:
            return None
        for marker in self._description_markers:
            if key.startswith(marker):
                return "label" if len(key) <= len(marker) + 4 else "text"
        if any(pattern.search(line) for pattern in self._description_res):
            return "text"
        return None

    def fuzzy_name(self, item_id: str, text: str) -> str | None:
        """The name of ``item_id`` that ``text`` carries with a word or two added or dropped, or None."""
        names = self._name_grams.get(item_id)
        if not names or not text:
            return None
        grams = _trigrams(match_key(text))
        for name, wanted in names:
            if len(wanted & grams) >= _FUZZY_SHARE * len(wanted):
                return name
        return None

    def _is_credit(self, text: str) -> bool:
        """A template or vendor credit line ("Designed by ...", "พัฒนาเว็บไซต์โดย ...")."""
        key = match_key(text)
        return bool(key) and any(marker in key for marker in self._credit_markers)

    def is_generic_anchor(self, text: str) -> bool:
        """Anchor text that takes its meaning from its row: "คลิก", "ดาวน์โหลด", a bare code or year, nothing."""
        key = match_key(text)
        if not key or key in self._generic:
            return True
        stripped = re.sub(r"[0-9]+|pdf|docx?|xlsx?", "", key)
        return not stripped or stripped in self._generic or bool(self._code_re.fullmatch(key))

    def is_activity_item(self, item_id: str) -> bool:
        """Whether the item's evidence is an activity (news of one is the item itself)."""
        return item_id in self._activity_items

    def is_placeholder(self, text: str) -> bool:
        """Whether a short page says its content is still being prepared ("อยู่ระหว่างจัดทำ")."""
        key = match_key(text)
        return any(marker in key for marker in self._placeholders)

    def codes(self, text: str) -> list[str]:
        """Item ids written as codes in ``text``: O12, o12, OIT 12, ๐๑๒, 012 -, O-12, ข้อ 12 ..."""
        if not text:
            return []
        found: list[str] = []
        for m in self._code_re.finditer(to_arabic_digits(text)):
            number = int(m.group("n") or m.group("z"))
            item_id = self._numbers.get(number)
            if item_id and item_id not in found:
                found.append(item_id)
        return found

    def names_index_page(self, text: str) -> bool:
        """Whether a title or heading names an ITA/OIT index page."""
        key = match_key(text)
        return any(name in key for name in self._index_names)

    def is_passing_mention(self, text: str) -> bool:
        """Whether a title reads like news of an event (a meeting about the plan), not the item itself."""
        key = match_key(text)
        return any(marker in key for marker in self._mention_markers)


_FUZZY_MIN_KEY = 10  # shorter names are matched exactly: a few trigrams are too easy to share
_FUZZY_SHARE = 0.8  # of a name's character trigrams, the share a row must contain


def _trigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 3] for i in range(len(key) - 2))


def _item_names(item: Item) -> tuple[str, ...]:
    return (item.title_th, item.title_en, *item.names.all(), *item.site_labels)


def _code_regex(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """Codes as sites write them: ``O12``, ``o12``, ``OIT 12``, ``O-12:``, ``MOIT 12``, ``ข้อ 12``, ``012 -``.

    A leading zero stands for the letter O only in three-digit form (``012``, ``๐๑๒``), as sites and
    OCR type it; two-digit numbers alone (``12.``) are too ambiguous and are not codes.
    """
    alternation = "|".join(sorted((re.escape(p) for p in prefixes), key=len, reverse=True))
    return re.compile(
        rf"(?<![a-z0-9\u0E01-\u0E4E])m?(?:{alternation})\s*[-.:]?\s*(?P<n>[0-9]{{1,2}})(?![0-9])"
        rf"|(?<![0-9.,/])0(?P<z>[0-9]{{2}})(?![0-9]|[.,/][0-9])",
        re.IGNORECASE,
    )
