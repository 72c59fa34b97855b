"""Crosswalk between two checklists: which items were kept, renamed, renumbered, merged, split, dropped or added.

Items name the items of earlier checklists they continue (``same_as``), join (``merges``) or were
split out of (``splits``), as references such as ``"ita-2568:o14"``. ``crosswalk(old, new)`` follows
those references back from every item of ``new``, through the checklists in between (ita-2569 ->
ita-2568 -> ita-2567 -> ita-2566), until it reaches items of ``old``, and classifies every item of
both checklists. It is pure data: the CLI and the report decide how to print it.

``lineage`` answers the narrower question the perception pairing and the history need: which item
of an earlier checklist does this item continue ("HR plan": ita-2569 o13 <- ita-2566 o23, o25).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from oit_check.checklist.loader import load_checklist
from oit_check.checklist.schema import Checklist, Item, parse_ref
from oit_check.errors import ChecklistError
from oit_check.thai.text import match_key

Loader = Callable[[str], Checklist]


class Change(StrEnum):
    """What happened to an item between two checklists."""

    KEPT = "kept"  # same id, same title
    RENAMED = "renamed"  # the title changed (the id may have changed too: see ``Entry.renumbered``)
    RENUMBERED = "renumbered"  # same title under a new id
    MERGED = "merged"  # several old items became this one
    SPLIT = "split"  # this item was split out of an old item
    DROPPED = "dropped"  # an old item that nothing in the new checklist continues
    NEW = "new"  # no old item behind this one


@dataclass(frozen=True)
class Step:
    """One link followed: item ``item_id`` of checklist ``checklist_id`` names ``ref`` by ``link``."""

    checklist_id: str
    item_id: str
    link: str  # "same_as", "merges" or "splits"
    ref: str


@dataclass(frozen=True)
class Entry:
    """One line of a crosswalk: a new item and the old items behind it, or a dropped old item."""

    change: Change
    new_id: str | None  # None for a dropped item
    new_title_th: str = ""
    new_title_en: str = ""
    old_ids: tuple[str, ...] = ()  # old items behind the new one (several when merged; none when new)
    old_titles_th: tuple[str, ...] = ()
    old_titles_en: tuple[str, ...] = ()
    renumbered: bool = False
    renamed: bool = False
    # The links followed from the new item back to each old item, newest first (one path per old item).
    paths: tuple[tuple[Step, ...], ...] = ()
    # Merged references that lead to no item of the old checklist (2569 o3 also takes in ita-2567:o8).
    also_from: tuple[str, ...] = ()
    # NEW: old items whose role it takes over; DROPPED: the new items that took over its role.
    replaces: tuple[str, ...] = ()
    replaced_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Crosswalk:
    """Every item of ``new`` (in order), then every dropped item of ``old`` (in order)."""

    old_id: str
    new_id: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    def of(self, change: Change) -> tuple[Entry, ...]:
        """The entries of one kind."""
        return tuple(e for e in self.entries if e.change is change)

    def for_new(self, item_id: str) -> Entry:
        """The entry of an item of the new checklist (``KeyError`` if absent)."""
        for e in self.entries:
            if e.new_id == item_id:
                return e
        raise KeyError(item_id)

    def for_old(self, item_id: str) -> tuple[Entry, ...]:
        """The entries an old item went into: the new items behind which it stands, or its DROPPED entry."""
        return tuple(e for e in self.entries if item_id in e.old_ids)

    def new_ids_of(self, old_item_id: str) -> tuple[str, ...]:
        """Ids of the new items that continue an old item (empty when it was dropped)."""
        return tuple(e.new_id for e in self.for_old(old_item_id) if e.new_id is not None)

    def counts(self) -> dict[Change, int]:
        """How many entries of each kind (every kind present, zero included)."""
        return {change: len(self.of(change)) for change in Change}


def crosswalk(old: Checklist, new: Checklist, load: Loader = load_checklist) -> Crosswalk:
    """Classify every item of ``new`` against ``old`` by following identity links back through ``load``.

    ``old`` should be the earlier checklist: links only point back in time, so the other way round
    every item is new and every old item dropped. A reference to a checklist or item that does not
    exist raises ``ChecklistError`` naming the item and the reference.
    """
    walker = _Walker(old, new, load)
    traced = [(item, walker.origins(new.id, item)) for item in new.items]
    users: dict[str, int] = {}
    for _item, (found, _rest) in traced:
        for old_id in dict.fromkeys(old_id for old_id, _path in found):
            users[old_id] = users.get(old_id, 0) + 1
    entries: list[Entry] = []
    replaced_by: dict[str, list[str]] = {}
    for item, (found, rest) in traced:
        entry = _classify(old, item, found, rest, users, walker.replaced(new.id, item))
        for old_id in entry.replaces:
            replaced_by.setdefault(old_id, []).append(item.id)
        entries.append(entry)
    continued = {old_id for e in entries for old_id in e.old_ids}
    for old_item in old.items:
        if old_item.id not in continued:
            entries.append(
                Entry(
                    Change.DROPPED,
                    None,
                    old_ids=(old_item.id,),
                    old_titles_th=(old_item.title_th,),
                    old_titles_en=(old_item.title_en,),
                    replaced_by=tuple(replaced_by.get(old_item.id, ())),
                )
            )
    return Crosswalk(old.id, new.id, tuple(entries))


def lineage(checklist: Checklist, item_id: str, earlier: str, load: Loader = load_checklist) -> tuple[str, ...]:
    """Ids of the items of checklist ``earlier`` that ``item_id`` of ``checklist`` continues (empty if new)."""
    target = checklist if earlier == checklist.id else load(earlier)
    if target.id == checklist.id:
        return (item_id,)
    found, _rest = _Walker(target, checklist, load).origins(checklist.id, checklist.item(item_id))
    return tuple(dict.fromkeys(old_id for old_id, _path in found))


def unresolved_refs(checklist: Checklist, load: Loader = load_checklist) -> list[str]:
    """Problems with the identity links of a checklist: unknown checklists or items, links forward in time."""
    problems: list[str] = []
    for item in checklist.items:
        refs = [*item.links(), *(("replaces", r) for r in item.replaces)]
        for kind, ref in refs:
            checklist_id, ref_item = parse_ref(ref)
            try:
                target = load(checklist_id)
            except ChecklistError:
                problems.append(f"item {item.id}: {kind} {ref}: no checklist named {checklist_id!r}")
                continue
            if ref_item not in {it.id for it in target.items}:
                problems.append(f"item {item.id}: {kind} {ref}: {checklist_id} has no item {ref_item!r}")
            if target.fiscal_year and checklist.fiscal_year and target.fiscal_year > checklist.fiscal_year:
                problems.append(f"item {item.id}: {kind} {ref}: links must point to earlier checklists")
    return problems


class _Walker:
    """Follows identity links from items of ``new`` back to items of ``old``, loading what lies between."""

    def __init__(self, old: Checklist, new: Checklist, load: Loader) -> None:
        self.old = old
        self.old_ids = {it.id for it in old.items}
        self.load = load
        self.cache: dict[str, Checklist] = {old.id: old, new.id: new}

    def _checklist(self, checklist_id: str, via: str) -> Checklist:
        if checklist_id not in self.cache:
            try:
                self.cache[checklist_id] = self.load(checklist_id)
            except ChecklistError as exc:
                raise ChecklistError(f"{via}: no checklist {checklist_id!r} to follow", hint=exc.hint) from exc
        return self.cache[checklist_id]

    def origins(
        self, checklist_id: str, item: Item, path: tuple[Step, ...] = (), visiting: frozenset[str] = frozenset()
    ) -> tuple[list[tuple[str, tuple[Step, ...]]], list[str]]:
        """(old item id, path) for every link chain that reaches ``old``, and the refs whose chains do not."""
        here = f"{checklist_id}:{item.id}"
        if here in visiting:
            raise ChecklistError(f"{here}: identity links run in a circle")
        found: list[tuple[str, tuple[Step, ...]]] = []
        rest: list[str] = []
        for link, ref in item.links():
            step = Step(checklist_id, item.id, link, ref)
            target_id, target_item = parse_ref(ref)
            if target_id == self.old.id:
                if target_item not in self.old_ids:
                    raise ChecklistError(f"item {item.id} of {checklist_id}: {link} {ref}: no such item")
                found.append((target_item, (*path, step)))
                continue
            earlier = self._checklist(target_id, f"item {item.id} of {checklist_id}, {link} {ref}")
            try:
                earlier_item = earlier.item(target_item)
            except KeyError:
                raise ChecklistError(f"item {item.id} of {checklist_id}: {link} {ref}: no such item") from None
            deeper, _ = self.origins(target_id, earlier_item, (*path, step), visiting | {here})
            if deeper:
                found.extend(deeper)
            else:
                rest.append(ref)
        return found, rest

    def replaced(self, checklist_id: str, item: Item) -> tuple[str, ...]:
        """Old items whose role this item, or an item it continues, took over (``replaces``)."""
        out: list[str] = []
        for ref in item.replaces:
            target_id, target_item = parse_ref(ref)
            if target_id == self.old.id:
                out.append(target_item)
                continue
            found, _ = self.origins(target_id, self._item(target_id, target_item, f"{checklist_id}:{item.id}", ref))
            out.extend(old_id for old_id, _path in found)
        for _link, ref in item.links():
            target_id, target_item = parse_ref(ref)
            if target_id != self.old.id:  # a new requirement may sit further back in the chain
                earlier = self._item(target_id, target_item, f"{checklist_id}:{item.id}", ref)
                out.extend(self.replaced(target_id, earlier))
        return tuple(dict.fromkeys(out))

    def _item(self, checklist_id: str, item_id: str, here: str, ref: str) -> Item:
        try:
            return self._checklist(checklist_id, f"{here}, {ref}").item(item_id)
        except KeyError:
            raise ChecklistError(f"{here}: {ref}: no such item") from None


def _classify(
    old: Checklist,
    item: Item,
    found: list[tuple[str, tuple[Step, ...]]],
    rest: list[str],
    users: dict[str, int],
    replaces: tuple[str, ...],
) -> Entry:
    old_ids = tuple(dict.fromkeys(old_id for old_id, _path in found))
    old_items = [old.item(i) for i in old_ids]
    paths = tuple(path for _old_id, path in found)

    def entry(change: Change, renumbered: bool = False, renamed: bool = False) -> Entry:
        return Entry(
            change,
            item.id,
            new_title_th=item.title_th,
            new_title_en=item.title_en,
            old_ids=old_ids,
            old_titles_th=tuple(it.title_th for it in old_items),
            old_titles_en=tuple(it.title_en for it in old_items),
            renumbered=renumbered,
            renamed=renamed,
            paths=paths,
            also_from=tuple(rest),
            replaces=replaces if change is Change.NEW else (),
        )

    if not old_ids:
        return entry(Change.NEW)
    if len(old_ids) > 1:
        return entry(Change.MERGED)
    previous = old_items[0]
    renumbered = previous.id != item.id
    renamed = match_key(previous.title_th) != match_key(item.title_th)
    if users.get(previous.id, 0) > 1 or any(step.link == "splits" for path in paths for step in path):
        return entry(Change.SPLIT, renumbered, renamed)
    if renamed:
        return entry(Change.RENAMED, renumbered, renamed)
    if renumbered:
        return entry(Change.RENUMBERED, renumbered, renamed)
    return entry(Change.KEPT)
