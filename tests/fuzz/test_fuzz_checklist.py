"""Fuzz the checklist loader (``oit_check.checklist.load_checklist``) with YAML files of random structure.

Whatever the file holds (random YAML values, a real checklist with parts deleted or replaced,
arbitrary text or bytes), ``load_checklist(path)`` returns a ``Checklist`` or raises
``ChecklistError`` whose message names the file; nothing else escapes, and a checklist it returns
has unique item ids.
"""

from __future__ import annotations

import copy
import functools
import itertools
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzzing import FUZZ, FUZZ_SLOW, THAI_LETTERS
from hypothesis import example, given
from hypothesis import strategies as st

from oit_check.checklist import load_checklist
from oit_check.checklist.schema import Checklist
from oit_check.errors import ChecklistError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini-checklist.yaml"
_counter = itertools.count()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=THAI_LETTERS + "abcO19 .-:_*&!|>%@`'\"#{}[],", max_size=20),
    st.sampled_from(["o1", "9.1", "none", "current_fy", "regex", "(", "[", "\\", "", "~", "yes", "2024-04-30"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers()), children, max_size=4),
    ),
    max_leaves=20,
)


@functools.cache
def _mini() -> dict[str, Any]:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            out += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            out += _paths(child, (*prefix, index))
    return out


@st.composite
def mutated_checklists(draw: st.DrawFn) -> Any:
    """The mini checklist with up to three parts deleted, replaced by random values or duplicated."""
    data = copy.deepcopy(_mini())
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        action = draw(st.integers(0, 2))
        if action == 0:
            del parent[last]
        elif action == 1:
            parent[last] = draw(values)
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        else:
            parent[str(draw(st.text(max_size=6)))] = copy.deepcopy(parent[last])
    return data


def _write(tmp_dir: Path, content: bytes) -> Path:
    path = tmp_dir / f"fuzz-{next(_counter)}.yaml"  # a fresh name: the loader caches by path and mtime
    path.write_bytes(content)
    return path


def _load_or_error(path: Path) -> None:
    try:
        checklist = load_checklist(str(path))
    except ChecklistError as exc:
        assert path.name in exc.message, exc.message
        return
    assert isinstance(checklist, Checklist)
    ids = [item.id for item in checklist.items]
    assert len(ids) == len(set(ids))


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@FUZZ_SLOW
@given(st.one_of(values, mutated_checklists()))
def test_a_yaml_file_of_any_structure_is_a_checklist_or_its_error(
    tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    _load_or_error(_write(tmp_path_factory.getbasetemp(), _dump(data)))


text_files = st.one_of(
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300),
    st.sampled_from(
        [b"", b"---\n...\n", b"!!python/object:os.system [ls]", b"a: &x [*x]", b"\xef\xbb\xbfid: x", b"{", b"a: b: c"]
    ),
)


@FUZZ
@given(text_files)
@example(b"id: &a x\nversion: *a\n")
def test_any_text_or_bytes_is_a_checklist_or_its_error(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    if content.count(b"[") > 200 or content.count(b"{") > 200:
        content = content[:200]  # (deep nesting: the known bug below)
    _load_or_error(_write(tmp_path_factory.getbasetemp(), content))


@pytest.mark.xfail(
    strict=True,
    reason="issue 12 (fuzz): a YAML file nested about 500 levels deep (1 KB of '[' and ']'; 494 from the CLI) makes "
    "load_checklist raise RecursionError from PyYAML instead of ChecklistError: "
    "`checklist validate` shows a traceback and exits 1, not 3",
)
@FUZZ
@given(st.integers(1, 1000), st.sampled_from(["[", "{a: ", "- "]))
@example(500, "[")
def test_deeply_nested_yaml_is_a_checklist_error(
    tmp_path_factory: pytest.TempPathFactory, depth: int, opener: str
) -> None:
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    if opener == "- ":
        text = "".join("  " * level + "-\n" for level in range(depth))
    else:
        text = opener * depth + "1" + closer * depth
    path = _write(tmp_path_factory.getbasetemp(), text.encode())
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)  # Python's default, as under the CLI (Hypothesis raises it while testing)
    try:
        _load_or_error(path)
    finally:
        sys.setrecursionlimit(before)
