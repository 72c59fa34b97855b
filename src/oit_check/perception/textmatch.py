"""Fuzzy matching of a row's text against the known question texts and OIT item titles.

Texts are compared on ``thaitext.match_key`` (lower case, Arabic digits, no spaces or marks), so
copy damage such as stray spaces, ``<b>`` tags, doubled words or Thai/Arabic digit mixes costs
little. The measure is ``difflib.SequenceMatcher`` (standard library; fast enough for the ~90
texts of one ITA year), taking the larger of the plain ratio and a *coverage* score that lets a
fragment of a question (a row broken across lines, a truncated cell) match the whole question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from oit_check.thai.text import match_key

# A fragment shorter than this (in key characters) never matches on coverage alone:
# "มากน้อยเพียงใด" ends most questions.
MIN_FRAGMENT = 16
COVERAGE_WEIGHT = 0.92


@dataclass(frozen=True)
class Match:
    """A candidate code and how similar its text is to the row's text (0..1)."""

    code: str
    similarity: float


def similarity(a: str, b: str) -> float:
    """Similarity of two *keys* (see ``match_key``)."""
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    ratio = sm.ratio()
    shorter = min(len(a), len(b))
    if shorter < MIN_FRAGMENT:
        return ratio
    matched = sum(block.size for block in sm.get_matching_blocks())
    coverage = matched / shorter
    return max(ratio, COVERAGE_WEIGHT * coverage)


class TextIndex:
    """Known texts by code; ``rank`` orders candidate codes by similarity to a row's text."""

    def __init__(self, texts: Mapping[str, Iterable[str]]) -> None:
        self._keys: dict[str, tuple[str, ...]] = {
            code: tuple(k for k in (match_key(t) for t in variants) if k) for code, variants in texts.items()
        }

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and bool(self._keys.get(code))

    def score(self, text: str, code: str) -> float:
        """Similarity of ``text`` to the best of ``code``'s known texts (0 when none is known)."""
        key = match_key(text)
        return max((similarity(key, k) for k in self._keys.get(code, ())), default=0.0)

    def rank(self, text: str, codes: Iterable[str] | None = None) -> list[Match]:
        """Candidates (all known codes by default), most similar first."""
        key = match_key(text)
        pool = list(codes) if codes is not None else list(self._keys)
        out = [Match(code, max((similarity(key, k) for k in self._keys.get(code, ())), default=0.0)) for code in pool]
        out.sort(key=lambda m: -m.similarity)
        return out
