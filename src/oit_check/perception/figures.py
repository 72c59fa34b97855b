"""Figures of a results row: find them in a line, tell score / EIT parts / previous apart, round means.

A results row ends with its figures, in the shapes NACC's report prints and agencies copy:

* IIT/OIT: ``๙๓.๖๖ (๘๙.๕๒)``: this year's score, then last year's in brackets (the table header
  reads "คะแนน ปี๖๖/๖๕", this year / last year);
* EIT: ``EIT ส่วนที่ ๑ = ๙๑.๔๗ EIT ส่วนที่ ๒ = ๘๓.๕๐ (๘๖.๒๙)``: the two collection parts, then
  last year's score; the seed marks the lowest with ``(ต่ำสุด)``.

Rounding of an EIT item's score (the mean of its two parts). Every part has two decimals, so the
mean is either exact at two decimals or ends in a 5 at the third: only ties need a rule. The seed
gives one tie: e1 = (91.47 + 83.50) / 2 = 87.485, written 87.48. That rules out half-up (87.49);
truncation and round-half-to-even both give 87.48. We use **round half to even on exact decimals**
(``decimal.ROUND_HALF_EVEN``, never binary floats, where 87.485 is really 87.48499...): it agrees
with the seed, is unbiased over many ties, and matches ``e15 = 81.07`` (88.54 + 73.60, exact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from oit_check.thai.text import to_arabic_digits

TWO_PLACES = Decimal("0.01")
MAX_SCORE = Decimal(100)

_NUM = r"\d{1,3}(?:\s?[.,]\s?\d{1,2})?"
_TOKEN_RE = re.compile(
    r"(?P<part>(?:EIT\s*)?ส่วน\s*ที่\s*(?P<pnum>[12lI|])\s*[=:：]?\s*(?P<pval>" + _NUM + r"))"
    r"|(?P<prev>[(\[]\s*(?P<prevval>" + _NUM + r")\s*[)\]])"
    r"|(?P<mark>\(?\s*(?:ต่ำสุด|สูงสุด|ต่ําสุด)\s*\)?|\*{1,3})"
    r"|(?P<num>(?<![\w.,\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])" + _NUM + r"(?![\w\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]|[.,]\d))"
)
# what may stand between two figures of one block: spaces, tabs, punctuation, "%" and the word คะแนน
_SEP_RE = re.compile(r"^[\s,;/|=%]*(?:คะแนน)?[\s,;/|=%]*$")


def parse_figure(text: str) -> Decimal | None:
    """A score from a cell: Thai or Arabic digits, a comma or spaces for the decimal point; 0..100."""
    clean = to_arabic_digits(text).strip().replace(" ", "")
    if not clean:
        return None
    clean = clean.replace(",", ".")
    if not re.fullmatch(r"\d{1,3}(?:\.\d{1,4})?", clean):
        raise ValueError(f"not a score: {text!r}")
    try:
        value = Decimal(clean)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueError(f"not a score: {text!r}") from exc
    if value > MAX_SCORE:
        raise ValueError(f"a score cannot exceed 100: {text!r}")
    return value


def eit_mean(part1: Decimal, part2: Decimal) -> Decimal:
    """This year's EIT score: the mean of the two parts, rounded half-to-even to two places."""
    return ((part1 + part2) / 2).quantize(TWO_PLACES, rounding=ROUND_HALF_EVEN)


def to_float(value: Decimal | None) -> float | None:
    """Decimal to float for the models (``float(Decimal('87.48')) == 87.48``)."""
    return None if value is None else float(value)


@dataclass
class Figures:
    """The figures of one row, as read."""

    score: Decimal | None = None
    part1: Decimal | None = None
    part2: Decimal | None = None
    previous: Decimal | None = None
    extra: list[Decimal] = field(default_factory=list)  # bare numbers beyond the score
    bare: list[Decimal] = field(default_factory=list)  # every number printed without a label
    marked_lowest: bool = False
    problem: str = ""  # why the figures cannot be assigned (too many, conflicting)

    @property
    def empty(self) -> bool:
        """No figure at all."""
        return self.score is None and self.part1 is None and self.part2 is None and self.previous is None

    @property
    def has_parts(self) -> bool:
        """At least one EIT part."""
        return self.part1 is not None or self.part2 is not None

    def merge(self, more: Figures) -> bool:
        """Add the figures of a continuation line; False (and nothing changed) if they clash."""
        pairs = (("score", more.score), ("part1", more.part1), ("part2", more.part2), ("previous", more.previous))
        if any(v is not None and getattr(self, k) is not None for k, v in pairs):
            return False
        for k, v in pairs:
            if v is not None:
                setattr(self, k, v)
        self.marked_lowest = self.marked_lowest or more.marked_lowest
        return True


@dataclass
class Split:
    """A line cut into its text and its figure block."""

    text: str
    figures: Figures
    block: str = ""  # the figure block as printed


def _score_like(raw: str, own_cell: bool) -> bool:
    """A bare number counts as a score if it has decimals, is 0 or 100, or stands in its own cell."""
    digits = raw.replace(" ", "")
    return own_cell or "." in digits or "," in digits or digits in ("100", "0")


def split_figures(line: str) -> Split:
    """Find the figure block of a line (its last run of figure tokens) and read it.

    ``line`` has markup removed; tabs separate cells. Numbers inside the text (``ในช่วง ๑ ปี``,
    ``รอบ ๖ เดือน``) are not figures: a bare integer counts only when it is 0 or 100 or stands
    alone in a tab-separated cell.
    """
    arabic = to_arabic_digits(line)  # same length: positions carry over to ``line``
    tokens = list(_TOKEN_RE.finditer(arabic))
    if not tokens:
        return Split(line.strip(), Figures())
    # group tokens into contiguous runs (only separators between them)
    runs: list[list[re.Match[str]]] = []
    for tok in tokens:
        if runs and _SEP_RE.match(arabic[runs[-1][-1].end() : tok.start()]):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    for run in reversed(runs):
        run = _trim_text_numbers(arabic, run)
        if not run:
            continue
        figs = _read_run(run)
        if figs is None:
            continue
        start, end = run[0].start(), run[-1].end()
        after = arabic[end:]
        text = (line[:start] + " " + line[end:]).strip() if after.strip() else line[:start].strip()
        return Split(text, figs, line[start:end].strip())
    return Split(line.strip(), Figures())


def _own_cell(arabic: str, tok: re.Match[str]) -> bool:
    """The token starts its own cell: only spaces since the last tab (or the start of the line)."""
    tab = arabic.rfind("\t", 0, tok.start())
    return not arabic[tab + 1 : tok.start()].strip()


def _trim_text_numbers(arabic: str, run: list[re.Match[str]]) -> list[re.Match[str]]:
    """Drop leading bare integers that belong to the text ("รอบ ๖" before a tab and "๑๐๐")."""
    out = list(run)
    while out and out[0].group("num"):
        tok = out[0]
        whole = "." not in tok.group("num") and "," not in tok.group("num")
        numbering = whole and tok.end() < len(arabic) and arabic[tok.end()] in ".)"
        # a whole number opening the row, before other figures, is its (damaged) code: "๑๑\t๘๘.๘๘"
        row_label = whole and len(out) > 1 and not arabic[: tok.start()].strip()
        if not numbering and not row_label and _score_like(tok.group("num"), _own_cell(arabic, tok)):
            break
        out.pop(0)
    # a non-score integer further in makes the run unreadable
    for tok in out[1:]:
        if tok.group("num") and not _score_like(tok.group("num"), True):
            return []
    return out


def _read_run(run: list[re.Match[str]]) -> Figures | None:
    figs = Figures()
    bare: list[Decimal] = []
    parts_seen: list[Decimal] = []
    meaningful = False
    for tok in run:
        kind = tok.lastgroup
        try:
            if tok.group("part"):
                value = parse_figure(tok.group("pval"))
                assert value is not None
                pnum = tok.group("pnum")
                if pnum == "2" and figs.part2 is None:
                    figs.part2 = value
                elif pnum == "1" and figs.part1 is None:
                    figs.part1 = value
                else:  # damaged or repeated label: assign by order
                    parts_seen.append(value)
                meaningful = True
            elif tok.group("prev"):
                value = parse_figure(tok.group("prevval"))
                if figs.previous is None:
                    figs.previous = value
                else:
                    figs.problem = "more than one bracketed figure"
                meaningful = True
            elif tok.group("mark"):
                if "ต่ำ" in tok.group("mark") or "ต่ํา" in tok.group("mark"):
                    figs.marked_lowest = True
            elif kind == "num":
                value = parse_figure(tok.group("num"))
                assert value is not None
                bare.append(value)
                meaningful = True
        except ValueError:
            return None
    for value in parts_seen:
        if figs.part1 is None:
            figs.part1 = value
        elif figs.part2 is None:
            figs.part2 = value
        else:
            figs.problem = "more than two EIT parts"
    if not meaningful:
        return None
    figs.bare = bare
    if bare:
        figs.score = bare[0]
        rest = bare[1:]
        if rest and figs.previous is None and not figs.has_parts and len(rest) == 1:
            # "93.66 89.52": this year / last year without brackets
            figs.previous = rest[0]
        elif rest:
            figs.extra = rest
    return figs
