"""Which item a row is: from its code reading (clean, damaged or absent), its text matched against
the question texts and OIT titles, and the shape of its figures (only EIT items have parts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from oit_check.perception.codes import CodeReading
from oit_check.perception.figures import Figures
from oit_check.perception.results.model import IdentifiedBy
from oit_check.perception.schema import PerceptionData
from oit_check.perception.textmatch import TextIndex
from oit_check.thai.text import match_key

# How sure text matching must be. Calibrated on the seed and on damaged copies of it
# (tests/perception/test_perception_results.py): true matches of damaged rows score 0.7-1.0, the best wrong
# candidate at most ~0.55.
TEXT_ACCEPT = 0.62  # a row without a code, or with a damaged one, needs at least this
TEXT_MARGIN = 0.08  # ... and must beat the next candidate by this much
TEXT_OVERRULE = 0.80  # a clean code is overruled only by a text this close to another item,
# beating the code's own question (and every other candidate) by TEXT_MARGIN
OWN_TEXT_DOUBT = 0.45  # below this, a kept code is noted as "text differs"
OWN_TEXT_SURE = 0.90  # at or above this, the code's own question is taken without comparing others
MIN_TEXT_KEY = 8  # shorter texts (after normalising) cannot identify anything


def _known_ranges(data: PerceptionData) -> dict[str, int]:
    return {t.code_prefix: t.count for t in data.tools}


def _text_index(data: PerceptionData, oit_titles: Mapping[str, list[str]]) -> TextIndex:
    texts: dict[str, list[str]] = {q.code: [q.text_th] for q in data.questions}
    for code, title in data.oit_titles.items():
        texts[code] = [title]
    for code, titles in oit_titles.items():
        texts.setdefault(code, []).extend(titles)
    return TextIndex(texts)


@dataclass
class _Row:
    """A row being assembled from one or more lines."""

    line: int
    line_end: int
    text: str
    figures: Figures
    reading: CodeReading | None


@dataclass
class _Identified:
    code: str
    by: IdentifiedBy
    similarity: float | None = None
    note: str = ""


@dataclass
class _Context:
    tool: str | None = None  # code prefix of the current tool section: i, e, o
    indicator: int | None = None
    rows_seen: int = 0
    pending: list[tuple[int, str, CodeReading | None]] = field(default_factory=list)


class _Identifier:
    """Decide which item a row is, from its code reading, text and figure shape."""

    def __init__(self, data: PerceptionData, oit_titles: Mapping[str, list[str]]) -> None:
        self.data = data
        self.ranges = _known_ranges(data)
        self.index = _text_index(data, oit_titles)
        self.all_codes = [f"{p}{n}" for p, count in self.ranges.items() for n in range(1, count + 1)]

    def allowed(self, code: str, figures: Figures) -> bool:
        """Whether the figure shape fits the item: only EIT items have parts."""
        if figures.has_parts:
            return code[0] == "e"
        return True

    def identify(self, row: _Row, ctx: _Context) -> _Identified | str:
        """The item of a row, or the reason it cannot be told."""
        reading = row.reading
        text = row.text
        key_len = len(match_key(text))
        if reading is not None:
            cands = [c for c in reading.candidates if self.allowed(c, row.figures)]
            if not cands:
                shape = "EIT parts" if row.figures.has_parts else "its figures"
                return f"code {reading.printed} ({'/'.join(reading.candidates)}) does not fit {shape}"
            if reading.certain:
                code = cands[0]
                if key_len < MIN_TEXT_KEY or code not in self.index:
                    return _Identified(code, IdentifiedBy.CODE)
                own = self.index.score(text, code)
                if own >= OWN_TEXT_SURE:
                    return _Identified(code, IdentifiedBy.CODE, round(own, 3))
                pool = [c for c in self.all_codes if self.allowed(c, row.figures)]
                ranked = self.index.rank(text, pool)
                best = ranked[0] if ranked else None
                second = next((m.similarity for m in ranked[1:]), 0.0)
                if (
                    best is not None
                    and best.code != code
                    and best.similarity >= TEXT_OVERRULE
                    and best.similarity - max(own, second) >= TEXT_MARGIN
                ):
                    # a clean-looking code on another item's question: the text wins
                    return _Identified(
                        best.code,
                        IdentifiedBy.TEXT,
                        round(best.similarity, 3),
                        f"printed code {reading.printed} but the text is {best.code}'s",
                    )
                if own < OWN_TEXT_DOUBT:
                    if best is not None and best.code != code and best.similarity >= TEXT_OVERRULE:
                        others = " or ".join(m.code for m in ranked[:2])
                        return f"printed code {reading.printed} but the text reads like {others}"
                    return _Identified(code, IdentifiedBy.CODE, round(own, 3), f"text differs from {code}'s wording")
                return _Identified(code, IdentifiedBy.CODE, round(own, 3))
            # damaged prefix: the text must confirm one candidate
            if key_len < MIN_TEXT_KEY:
                return (
                    f"code {reading.printed} is damaged ({' or '.join(cands)}) and there is no question text"
                    " to confirm it"
                )
            found = self._by_text(text, cands, damaged=reading.printed)
            if isinstance(found, _Identified):
                return found
            pool = [c for c in self.all_codes if self.allowed(c, row.figures)]
            wider = self._by_text(text, pool, damaged=reading.printed)
            if isinstance(wider, _Identified) and (wider.similarity or 0) >= TEXT_OVERRULE:
                return wider
            return found
        if key_len < MIN_TEXT_KEY:
            return "figures without an item code or question text"
        pool = [c for c in self.all_codes if self.allowed(c, row.figures)]
        if ctx.tool is not None and not row.figures.has_parts:
            in_section = [c for c in pool if c[0] == ctx.tool]
            found = self._by_text(text, in_section, damaged=None)
            if isinstance(found, _Identified):
                return found
        return self._by_text(text, pool, damaged=None)

    def _by_text(self, text: str, pool: list[str], damaged: str | None) -> _Identified | str:
        known = [c for c in pool if c in self.index]
        if not known:
            return "no known text to compare with"
        ranked = self.index.rank(text, known)
        best = ranked[0]
        second = ranked[1] if len(ranked) > 1 else None
        margin = best.similarity - (second.similarity if second else 0.0)
        exact = best.similarity >= 1.0 and margin > 0  # the very words of one known text
        if best.similarity >= TEXT_ACCEPT and (margin >= TEXT_MARGIN or exact):
            note = f"code printed as {damaged}" if damaged else "no code printed"
            return _Identified(best.code, IdentifiedBy.TEXT, round(best.similarity, 3), note)
        what = f"damaged code {damaged}: " if damaged else ""
        if best.similarity < TEXT_ACCEPT:
            return f"{what}text matches no question (closest {best.code}, {best.similarity:.2f})"
        assert second is not None
        return (
            f"{what}text is ambiguous between {best.code} ({best.similarity:.2f}) and "
            f"{second.code} ({second.similarity:.2f})"
        )
