"""Bodies the fault server serves: Thai item pages, compression bombs, broken documents.

Everything is built in memory from constants (no files, no randomness), so a run is repeatable.
The bombs are built without inflating anything: a deflate block of 1 MiB of one byte value,
emitted after a full flush, is position independent, so the stream for N MiB is that block
repeated N times (about 1 KiB per MiB: a 2 GiB bomb is 2 MB on the wire).
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

MIB = 1 << 20

# ------------------------------------------------------------------------------- pages

AGENCY = "สำนักงานทดสอบความทนทานจังหวัดตัวอย่าง"
_HEAD = (
    "<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>{title} | {agency}</title></head>"
    "<body><header>{agency}</header><main><h1>{title}</h1>"
)
_TAIL = "</main><footer>{agency} เลขที่ 99 ถนนราชดำเนิน โทร. 0 4299 1234</footer></body></html>"

# Item pages: complete, each is the item's evidence and judged ok when served whole (test_faults
# checks that through the clean twins). The faulty routes serve these bodies badly.
ITEM_BODIES: dict[str, tuple[str, str]] = {
    "o3": (
        "อำนาจหน้าที่ของหน่วยงาน",
        "<p>ตามพระราชบัญญัติระเบียบบริหารราชการแผ่นดิน สำนักงานมีอำนาจหน้าที่ ดังนี้</p>"
        "<ol><li>มีหน้าที่จัดทำแผนพัฒนาจังหวัดและติดตามผล</li><li>รับผิดชอบงานบริการประชาชน</li>"
        "<li>ภารกิจอื่นตามที่ได้รับมอบหมาย</li></ol>",
    ),
    "o6": (
        "กฎหมายที่เกี่ยวข้องกับหน่วยงาน",
        "<ul><li>พระราชบัญญัติระเบียบบริหารราชการแผ่นดิน พ.ศ. 2534</li>"
        "<li>พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546</li>"
        "<li>ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการบริหารงานจังหวัด</li><li>กฎกระทรวงแบ่งส่วนราชการ</li></ul>",
    ),
    "o10": (
        "นโยบายการคุ้มครองข้อมูลส่วนบุคคล",
        "<p>สำนักงานให้ความสำคัญกับการคุ้มครองข้อมูลส่วนบุคคล การเก็บรวบรวมข้อมูลมีวัตถุประสงค์เพื่อการให้บริการ</p>"
        "<p>สิทธิของเจ้าของข้อมูล: ขอเข้าถึง ขอแก้ไข ขอลบ ติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล (DPO)</p>",
    ),
    "o14": (
        "คู่มือการปฏิบัติงาน",
        "<p>คู่มือการปฏิบัติงานของเจ้าหน้าที่ ฉบับปรับปรุง</p><ol><li>ขั้นตอนการรับเรื่อง</li>"
        "<li>กระบวนการตรวจสอบเอกสาร</li><li>แผนผังการปฏิบัติงาน</li></ol>",
    ),
    "o15": (
        "คู่มือการให้บริการ",
        "<p>คู่มือสำหรับประชาชน งานบริการข้อมูลข่าวสาร</p><p>ขั้นตอนการให้บริการ ระยะเวลา 15 นาที</p>"
        "<p>ผู้รับผิดชอบ: กลุ่มงานอำนวยการ สถานที่ให้บริการ ณ สำนักงาน</p>",
    ),
    "o25": (
        "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล",
        "<ol><li>หลักเกณฑ์การสรรหาและคัดเลือกบุคลากร การบรรจุและแต่งตั้ง</li>"
        "<li>หลักเกณฑ์การพัฒนาบุคลากร การฝึกอบรม</li><li>หลักเกณฑ์การประเมินผลการปฏิบัติงาน การเลื่อนเงินเดือน</li>"
        "<li>หลักเกณฑ์การให้คุณให้โทษและการสร้างขวัญกำลังใจ การยกย่องเชิดชู</li></ol>",
    ),
    "o39": (
        "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ",
        "<p>ประมวลจริยธรรมข้าราชการพลเรือน และข้อกำหนดจริยธรรมของสำนักงาน</p>"
        "<p>มาตรฐานทางจริยธรรม 7 ประการ ยึดมั่นในสถาบันหลักของประเทศ ซื่อสัตย์สุจริต</p>",
    ),
    "o8": (
        "ถาม-ตอบ (Q&amp;A)",
        "<p>กระดานถามตอบ ท่านสามารถตั้งคำถามหรือฝากข้อความถึงสำนักงานได้ที่นี่</p>"
        "<form action='/qa/post' method='post'><label>คำถาม</label><textarea name='q'></textarea>"
        "<input name='name'><button>ส่งคำถาม</button></form>",
    ),
    "o9": (
        "สื่อสังคมออนไลน์ (Social Network)",
        "<p>ติดตามข่าวสารของสำนักงานผ่านเครือข่ายสังคมออนไลน์</p>"
        "<p><a href='https://www.facebook.com/faulttest.office'>Facebook สำนักงาน</a> "
        "<a href='https://line.me/R/ti/p/@faulttest'>LINE Official</a></p>",
    ),
    "o18": (
        "ระบบบริการออนไลน์ (E-Service)",
        "<p>บริการออนไลน์ของสำนักงาน ยื่นคำขอได้ตลอด 24 ชั่วโมง</p>"
        "<form action='/eservice/submit' method='post'><input name='name'><input name='id_card'>"
        "<textarea name='detail'></textarea><button>ยื่นคำขอ</button></form>",
    ),
    "o5": (
        "ติดต่อเรา",
        "<p>ที่อยู่ เลขที่ 99 หมู่ที่ 3 ถนนราชดำเนิน ตำบลในเมือง อำเภอเมือง จังหวัดตัวอย่าง 40000</p>"
        "<p>โทรศัพท์ 0 4299 1234 โทรสาร 0 4299 1235 อีเมล saraban@faulttest.go.th</p>"
        "<iframe src='https://www.google.com/maps/embed?pb=!1m18!faulttest' width='600' height='450'></iframe>",
    ),
    "o12": (
        "รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณประจำปี รอบ 6 เดือน",
        "<p>รายงานผลการดำเนินงานและการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2567 รอบ 6 เดือน"
        " (1 ตุลาคม 2566 - 31 มีนาคม 2567)</p><table><tr><th>โครงการ</th><th>งบประมาณ</th><th>ผลการเบิกจ่าย</th></tr>"
        "<tr><td>โครงการพัฒนาระบบบริการ</td><td>500,000</td><td>250,000</td></tr></table>"
        "<p>ความก้าวหน้า ปัญหา อุปสรรค และข้อเสนอแนะ</p>",
    ),
}


def item_page(item: str, *, extra: str = "") -> bytes:
    """The complete page of ``item`` (UTF-8), with ``extra`` HTML appended to its main part."""
    title, body = ITEM_BODIES[item]
    html = _HEAD.format(title=title, agency=AGENCY) + body + extra + _TAIL.format(agency=AGENCY)
    return html.encode("utf-8")


def plain_page(title: str, body: str) -> bytes:
    """A complete page with ``title`` and ``body`` HTML."""
    return (_HEAD.format(title=title, agency=AGENCY) + body + _TAIL.format(agency=AGENCY)).encode("utf-8")


def padded_item_page(item: str, tail_bytes: int) -> tuple[bytes, bytes]:
    """``(prefix, tail)``: the item's page whose last ``tail_bytes`` are a footer comment.

    The prefix holds every word the item needs; faulty routes send it and then misbehave, so
    a crawler that judges what arrived would judge the item ok (a false ok).
    """
    title, body = ITEM_BODIES[item]
    prefix = (_HEAD.format(title=title, agency=AGENCY) + body).encode("utf-8")
    closing = _TAIL.format(agency=AGENCY).encode("utf-8")
    pad = max(0, tail_bytes - len(closing) - 9)
    tail = b"<!-- " + b"." * pad + b" -->" + closing
    return prefix, tail


def thai_filler(size: int) -> bytes:
    """``size`` bytes of repeated Thai table rows (valid UTF-8, row boundaries at 1 KiB)."""
    row = "<tr><td>รายการข้อมูลประกอบการเปิดเผยข้อมูลสาธารณะ</td><td>ดำเนินการแล้ว</td></tr>\n".encode()
    block = (row * (1024 // len(row) + 1))[:1024]
    # cut on a row boundary so the block stays valid UTF-8
    block = block[: block.rfind(b"\n") + 1].ljust(1024, b" ")
    return (block * (size // 1024 + 1))[:size]


def index_page(title: str, rows: list[tuple[str, str, list[str]]]) -> bytes:
    """An ITA index: one table row per item (code, Thai name, links as "คลิก"/"ดาวน์โหลด")."""
    body = [
        f"<p>การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. 2567 {title}</p>",
        "<p>การเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT)</p>",
        "<table class='ita'><thead><tr><th>ข้อ</th><th>ข้อมูล</th><th>ลิงก์</th></tr></thead><tbody>",
    ]
    for code, name, links in rows:
        anchors = " ".join(f"<a href='{href}'>{'ดาวน์โหลด' if '.' in href[-6:] else 'คลิก'}</a>" for href in links)
        body.append(f"<tr><td>{code}</td><td>{name}</td><td>{anchors}</td></tr>")
    body.append("</tbody></table>")
    head = _HEAD.format(title="การเปิดเผยข้อมูลสาธารณะ (OIT) ITA 2567", agency=AGENCY)
    return (head + "".join(body) + _TAIL.format(agency=AGENCY)).encode("utf-8")


# ------------------------------------------------------------------------------- bombs


class DeflateBomb:
    """A raw deflate stream of ``prefix`` followed by ``mib`` MiB of ``fill``, with its CRC-32/Adler-32."""

    def __init__(self, prefix: bytes, fill: bytes, mib: int) -> None:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
        chunk = fill * MIB
        block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        assert block == again, "a deflate block after a full flush is position independent"
        self.raw = head + block * mib + compressor.flush()
        self.size = len(prefix) + mib * MIB
        crc = zlib.crc32(prefix)
        adler = zlib.adler32(prefix)
        for _ in range(mib):
            crc = zlib.crc32(chunk, crc)
            adler = zlib.adler32(chunk, adler)
        self.crc32 = crc
        self.adler32 = adler

    def gzip(self) -> bytes:
        """The stream as a gzip member (what ``Content-Encoding: gzip`` carries)."""
        header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
        return header + self.raw + struct.pack("<II", self.crc32, self.size & 0xFFFFFFFF)

    def zlib(self) -> bytes:
        """The stream in zlib format (what a PDF ``/FlateDecode`` stream holds)."""
        return b"\x78\xda" + self.raw + struct.pack(">I", self.adler32)


@functools.cache
def gzip_bomb_html() -> bytes:
    """An HTML page (the o9 evidence up front) followed by 1 GiB of spaces, gzip-encoded (~1 MB)."""
    prefix, _ = padded_item_page("o9", 0)
    return DeflateBomb(prefix, b" ", 1024).gzip()


@functools.cache
def gzip_bomb_pdf() -> bytes:
    """A PDF header followed by 1 GiB of zero bytes, gzip-encoded (~1 MB), served as application/pdf."""
    return DeflateBomb(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"\x00", 1024).gzip()


@functools.cache
def flate_bomb_pdf() -> bytes:
    """A well-formed one-page PDF whose content stream inflates to 1 GiB (a /FlateDecode bomb)."""
    content = b"BT /F1 14 Tf 72 720 Td (O19 Procurement plan fiscal year 2567) Tj ET\n"
    bomb = DeflateBomb(content, b" ", 1024).zlib()
    return build_pdf([bomb], filtered=True)


@functools.cache
def docx_bomb() -> bytes:
    """A .docx whose word/document.xml is 2 GiB of spaces inflated from ~2 MB; the ZIP directory is honest."""
    xml_head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>\xe0\xb8\xa3\xe0\xb8\xb2\xe0\xb8\xa2\xe0\xb8\x87\xe0\xb8\xb2\xe0\xb8\x99 2566</w:t>"
    )
    bomb = DeflateBomb(xml_head, b" ", 2048)
    entries = [
        ("[Content_Types].xml", _deflated(_CONTENT_TYPES)),
        ("_rels/.rels", _deflated(_RELS)),
        ("word/document.xml", (bomb.raw, bomb.size, bomb.crc32)),
    ]
    return _zip(entries)


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data)


def _zip(entries: list[tuple[str, tuple[bytes, int, int]]]) -> bytes:
    """A ZIP of pre-deflated entries (sizes must fit 32 bits: no ZIP64)."""
    out = io.BytesIO()
    central = []
    for name, (data, size, crc) in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0))
        out.write(encoded + data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0))
    return out.getvalue()


# ---------------------------------------------------------------------------- documents


def build_pdf(streams: list[bytes], *, filtered: bool = False) -> bytes:
    """A minimal valid PDF, one page per content stream (Helvetica), with a correct xref table."""
    n_pages = len(streams)
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    font_ref = 3 + 2 * n_pages
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_ref} 0 R >> >> >>".encode()
        )
        filters = " /Filter /FlateDecode" if filtered else ""
        objects.append(f"<< /Length {len(stream)}{filters} >>\nstream\n".encode() + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    """A PDF whose every page shows ``lines`` (ASCII) as text."""
    ops = ["BT /F1 12 Tf 72 740 Td 14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    return build_pdf([stream] * pages)


@functools.cache
def truncated_pdf() -> bytes:
    """The first 55 % of a 6-page PDF (honestly labelled with its cut length): no xref, no %%EOF."""
    lines = [f"Strategic plan 2566-2570 (2023-2027), part {n}: goals, strategies, indicators" for n in range(30)]
    whole = text_pdf(lines, pages=6)
    return whole[: int(len(whole) * 0.55)]


@functools.cache
def zip_as_pdf() -> bytes:
    """A ZIP archive (an org chart PDF and a Word file zipped together), later served as application/pdf."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("o1-structure.pdf", text_pdf(["Organisation structure", "Divisions and sections"]))
        archive.writestr("readme.txt", "แผนผังโครงสร้างหน่วยงาน".encode())
    return out.getvalue()
