"""Fuzz charset decoding (``oit_check.extract.charset``) on arbitrary bytes and declared charsets.

``decode_html`` never raises and names a codec Python knows; when the bytes decode strictly in
the charset it reports, the text is exactly that decoding; a body that is valid in its declared
charset is decoded with it, and a few invalid bytes in a page declared UTF-8 do not garble it;
``normalise_label`` and ``looks_like_thai`` never raise.
"""

from __future__ import annotations

import codecs

from fuzzing import FUZZ, THAI_LETTERS, thai_text
from hypothesis import example, given
from hypothesis import strategies as st

from oit_check.extract.charset import decode_html, looks_like_thai, normalise_label

LABELS = [
    "utf-8",
    "UTF8",
    "tis-620",
    "TIS620",
    "windows-874",
    "iso-8859-11",
    "x-windows-874",
    "cp874",
    "iso-8859-1",
    "latin1",
    "utf-16",
    "utf-32",
    "shift_jis",
    "gb18030",
    "koi8-r",
    "ascii",
    "",
    "bogus-charset",
    '"utf-8"',
    "utf-8;",
    "unicode-1-1-utf-7",
    "utf_7",
    "rot13",
    "base64",
    "hex",
    "zip",
    "bz2",
    "uu",
    "idna",
    "punycode",
    "mbcs",
]
# Labels whose codec is not a text encoding (bytes.decode raises LookupError) or whose decoder
# raises UnicodeError itself: the known bug below (codecs.lookup names).
RAISING_CODECS = frozenset({"undefined", "punycode", "idna", "rot-13", "base64", "hex", "zlib", "bz2", "uu", "quopri"})


def _raising(label: str) -> bool:
    try:
        return codecs.lookup(normalise_label(label)).name in RAISING_CODECS
    except LookupError:
        return False


labels = st.one_of(
    st.sampled_from(LABELS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_:.", max_size=16)
).filter(lambda label: not _raising(label))


@st.composite
def content_types(draw: st.DrawFn) -> str | None:
    style = draw(st.integers(0, 3))
    if style == 0:
        return None
    label = draw(labels)
    if style == 1:
        return f"text/html; charset={label}"
    if style == 2:
        return f'text/html;CHARSET="{label}"; foo=bar'
    return draw(st.text(max_size=40))


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    """Random bytes, or Thai/ASCII text in some encoding, with a BOM and a <meta charset> maybe."""
    kind = draw(st.integers(0, 2))
    if kind == 0:
        body = draw(st.binary(max_size=600))
    else:
        text = draw(st.text(alphabet=THAI_LETTERS + "abc <>/=\"'\n", max_size=200))
        encoding = draw(st.sampled_from(["utf-8", "cp874", "utf-16", "latin-1"]))
        body = text.encode(encoding, "replace")
    if draw(st.booleans()):
        body = f"<meta charset='{draw(labels)}'>".encode() + body
    if draw(st.booleans()):
        body = codecs.BOM_UTF8 + body
    return body


def _utf8_with_invalid_bytes(text: str, noise: bytes, where: int) -> bytes:
    """``text`` in UTF-8 with ``noise`` between two of its words (the words themselves stay whole)."""
    words = text.split()
    at = where % (len(words) + 1)
    return " ".join(words[:at]).encode() + b" " + noise + b" " + " ".join(words[at:]).encode()


@FUZZ
@given(
    bodies(),
    st.one_of(content_types(), st.sampled_from(sorted(RAISING_CODECS)).map(lambda c: f"text/html; charset={c}")),
)
@example(b"<meta charset='undefined'>", None)
@example(b"<meta charset='rot13'>abc", None)
@example(b"<", "text/html; charset=punycode")
def test_decode_html_never_raises(body: bytes, content_type: str | None) -> None:
    text, encoding = decode_html(body, content_type)
    assert isinstance(text, str) and isinstance(encoding, str)


@FUZZ
@given(bodies(), content_types())
@example(b"<meta charset='utf-7'>+AGEA", None)
@example("ข่าว".encode("cp874"), "text/html; charset=latin1")
def test_decode_html_names_a_codec_and_returns_its_decoding(body: bytes, content_type: str | None) -> None:
    text, encoding = decode_html(body, content_type)
    assert isinstance(text, str) and isinstance(encoding, str)
    if not body:
        assert text == ""  # (b"".decode(label) succeeds for any label, so the label is not checked)
        return
    info = codecs.lookup(encoding)  # a codec Python knows
    try:
        strict = body.decode(info.name)
    except (UnicodeDecodeError, LookupError, TypeError):
        return  # decoded with replacement by the fallback: fine
    if info.name not in ("utf-8-sig", "utf-8") or not body.startswith(codecs.BOM_UTF8):
        assert text == strict or text == body.decode("utf-8-sig", "replace")


@FUZZ
@given(thai_text, st.sampled_from(["utf-8", "cp874", "tis-620", "windows-874"]))
def test_a_body_valid_in_its_declared_charset_is_decoded_with_it(text: str, label: str) -> None:
    codec = "utf-8" if label == "utf-8" else "cp874"
    body = text.encode(codec)
    decoded, encoding = decode_html(body, f"text/html; charset={label}")
    assert decoded == text
    assert codecs.lookup(encoding).name == codecs.lookup(codec).name


@FUZZ
@given(
    st.text(alphabet=THAI_LETTERS + " ", min_size=20, max_size=200).filter(lambda t: t.strip()),
    st.sampled_from([b"\xff", b"\x80", b"\xe0\xb8", b"\xfe\xff", b"\xc3"]),
    st.integers(0, 400),
)
@example("สำนักงานมีอำนาจหน้าที่ ที่อยู่ เลขที่ 99 ถนนราชดำเนิน ตำบลในเมือง", b"\xff", 0)
def test_a_few_invalid_bytes_do_not_garble_a_utf8_page(text: str, noise: bytes, where: int) -> None:
    """Declared UTF-8 stays UTF-8 (U+FFFD for the bad bytes, as browsers do), not a mojibake guess."""
    body = _utf8_with_invalid_bytes(text, noise, where)
    decoded, _ = decode_html(body, "text/html; charset=utf-8")
    for word in text.split():
        assert word in decoded, (word, decoded[:80])


@FUZZ
@given(st.text(max_size=40))
def test_normalise_label_never_raises(label: str) -> None:
    assert isinstance(normalise_label(label), str)


@FUZZ
@given(st.text(max_size=300))
def test_looks_like_thai_never_raises(text: str) -> None:
    assert looks_like_thai(text) in (True, False)
