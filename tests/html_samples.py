"""Hand-built checklist and scan results for the HTML report and web app tests (no crawl, no clock).

``sample_checklist()`` is a 43-item ITA 2566-shaped checklist (titles from the seed document);
``sample_result()`` a ScanResult with every verdict, evidence with snippets, dates and missing
elements, plus hostile text (``<script>``, ``javascript:`` links) that the report must keep inert.
"""

from __future__ import annotations

from datetime import date, datetime

from oit_check.checklist.schema import Checklist, Indicator, Item, Phrases, SubIndicator
from oit_check.models import (
    CrawlStats,
    DateSeen,
    Evidence,
    FailureKind,
    ItemResult,
    PageFailure,
    ResourceKind,
    ScanResult,
    Summary,
    Timings,
    Verdict,
)

TITLES = [
    "โครงสร้าง", "ข้อมูลผู้บริหาร", "อำนาจหน้าที่", "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", "ข้อมูลการติดต่อ",
    "กฎหมายที่เกี่ยวข้อง", "ข่าวประชาสัมพันธ์", "Q&A", "Social Network", "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
    "แผนดำเนินงานและการใช้งบประมาณประจำปี",
    "รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณประจำปี รอบ 6 เดือน",
    "รายงานผลการดำเนินงานประจำปี", "คู่มือหรือมาตรฐานการปฏิบัติงาน", "คู่มือหรือมาตรฐานการให้บริการ",
    "ข้อมูลเชิงสถิติการให้บริการ", "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "E-Service",
    "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ", "ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ",
    "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน", "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี",
    "นโยบายหรือแผนการบริหารทรัพยากรบุคคล", "การดำเนินการตามนโยบายหรือแผนการบริหารทรัพยากรบุคคล",
    "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี",
    "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
    "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่", "การสร้างวัฒนธรรม No Gift Policy",
    "รายงานผลตามนโยบาย No Gift Policy", "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี",
    "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ", "แผนปฏิบัติการป้องกันการทุจริต",
    "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน",
    "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี", "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ",
    "การขับเคลื่อนจริยธรรม", "การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ",
    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
]  # fmt: skip

SUBS = [
    ("9", "9.1", "ข้อมูลพื้นฐาน", "Basic information", range(1, 11)),
    ("9", "9.2", "การบริหารงาน", "Administration", range(11, 19)),
    ("9", "9.3", "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", "Procurement", range(19, 23)),
    ("9", "9.4", "การบริหารและพัฒนาทรัพยากรบุคคล", "Human resources", range(23, 27)),
    ("9", "9.5", "การส่งเสริมความโปร่งใส", "Promoting transparency", range(27, 31)),
    ("10", "10.1", "การดำเนินการเพื่อป้องกันการทุจริต", "Corruption prevention", range(31, 39)),
    ("10", "10.2", "มาตรการภายในเพื่อส่งเสริมความโปร่งใสและป้องกันการทุจริต", "Integrity measures", range(39, 44)),
]

# number -> verdict, chosen to give every verdict and a realistic mix
VERDICTS: dict[int, Verdict] = {n: Verdict.OK for n in range(1, 44)}
VERDICTS.update({
    8: Verdict.PARTIAL, 12: Verdict.STALE, 16: Verdict.MISSING, 21: Verdict.PARTIAL, 22: Verdict.STALE,
    26: Verdict.BROKEN, 29: Verdict.MISSING, 33: Verdict.MISSING, 37: Verdict.STALE, 41: Verdict.BROKEN,
})  # fmt: skip

BASE = "https://www.tak.example.go.th"


def sub_of(number: int) -> tuple[str, str]:
    """(indicator id, sub-indicator id) of an item number."""
    for ind, sub, _th, _en, numbers in SUBS:
        if number in numbers:
            return ind, sub
    raise KeyError(number)


def sample_checklist() -> Checklist:
    """A 43-item checklist with indicators 9 and 10 and sub-indicators 9.1 ... 10.2."""
    indicators = (
        Indicator(
            id="9",
            title_th="การเปิดเผยข้อมูล",
            title_en="Disclosure",
            sub_indicators=tuple(SubIndicator(id=s, title_th=th, title_en=en) for i, s, th, en, _ in SUBS if i == "9"),
        ),
        Indicator(
            id="10",
            title_th="การป้องกันการทุจริต",
            title_en="Corruption prevention",
            sub_indicators=tuple(SubIndicator(id=s, title_th=th, title_en=en) for i, s, th, en, _ in SUBS if i == "10"),
        ),
    )
    items = tuple(
        Item(
            id=f"o{n}",
            number=n,
            sub_indicator=sub_of(n)[1],
            title_th=title,
            title_en=f"Item {n}",
            requirement_th="แสดงข้อมูล" + title,
            names=Phrases(th=(title,)),
            fix_th=f"เผยแพร่{title}บนเว็บไซต์หลักของหน่วยงาน",
        )
        for n, title in enumerate(TITLES, start=1)
    )
    return Checklist(
        id="ita-2566-test",
        version="test",
        title_th="เกณฑ์ OIT ปี 2566 (ชุดทดสอบ)",
        title_en="OIT 2566 (test set)",
        indicators=indicators,
        items=items,
    )


def _evidence(n: int, verdict: Verdict, base: str) -> list[Evidence]:
    if verdict is Verdict.MISSING:
        return []
    title = TITLES[n - 1]
    kind = ResourceKind.PDF if n % 3 == 0 else ResourceKind.HTML
    url = f"{base}/ita/o{n}" + (".pdf" if kind is ResourceKind.PDF else ".html")
    dates = [
        DateSeen(
            kind="fiscal_year",
            start=date(2023, 10, 1),
            end=date(2024, 9, 30),
            source="ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
            where="title",
            fiscal_year=2567 if verdict is not Verdict.STALE else 2566,
        )
    ]
    ev = Evidence(
        url=url,
        found_on=f"{base}/ita/",
        title=f"{title} ประจำปีงบประมาณ พ.ศ. 2567",
        snippet=f"หน่วยงานได้จัดทำ{title} ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ และเผยแพร่ให้ประชาชนทราบทางเว็บไซต์",
        matched_keywords=[title, "ปีงบประมาณ"],
        dates_seen=dates,
        kind=kind,
        verdict=Verdict.BROKEN if verdict is Verdict.BROKEN else Verdict.OK,
        note_th="ลิงก์ตอบกลับ 404" if verdict is Verdict.BROKEN else "",
    )
    return [ev]


def sample_result(*, hostile: bool = True, base: str = BASE) -> ScanResult:
    """A 43-item ScanResult with every verdict; ``hostile`` adds markup and a javascript: link.

    ``base`` is the site's origin (evidence URLs are ``{base}/ita/o{n}.html`` or ``.pdf``).
    """
    base = base.rstrip("/")
    items: list[ItemResult] = []
    for n, title in enumerate(TITLES, start=1):
        verdict = VERDICTS[n]
        ind, sub = sub_of(n)
        evidence = _evidence(n, verdict, base)
        missing: list[str] = []
        if verdict is Verdict.PARTIAL:
            missing = ["ช่องทางถาม-ตอบที่ตอบกลับได้", "รายละเอียดรายเดือนครบ 6 เดือน"]
        reason = {
            Verdict.OK: "พบข้อมูลครบถ้วนและเป็นปีงบประมาณที่ประเมิน",
            Verdict.PARTIAL: "พบข้อมูล แต่ขาดองค์ประกอบที่กำหนด",
            Verdict.STALE: "พบเฉพาะข้อมูลปีงบประมาณ พ.ศ. 2566 ซึ่งไม่ใช่ปีที่ประเมิน",
            Verdict.BROKEN: "มีลิงก์แต่เปิดไม่ได้ (404)",
            Verdict.MISSING: "ไม่พบข้อมูลนี้บนเว็บไซต์",
        }[verdict]
        items.append(
            ItemResult(
                id=f"o{n}",
                number=n,
                indicator=ind,
                sub_indicator=sub,
                title_th=title,
                title_en=f"Item {n}",
                status=verdict,
                evidence=evidence,
                missing_elements=missing,
                missing_elements_en=["an answer channel", "all six months"] if missing else [],
                reason_th=reason,
                reason_en=f"reason for item {n}",
                fix_th=f"เผยแพร่{title} ประจำปีงบประมาณ พ.ศ. 2567 บนเว็บไซต์หลัก\nแล้วลิงก์จากหน้า ITA",
                fix_en=f"Publish item {n} for FY 2567 on the main website.",
                time_rule="current_fy",
                time_rule_uncertain=n == 41,
            )
        )
    # what real scans produce: long Thai document URLs, in the reason as well (judge.py writes them there)
    long_url = (
        f"{base}/files/ita2567/O4-%E0%B9%81%E0%B8%9C%E0%B8%99%E0%B8%9E%E0%B8%B1%E0%B8%92%E0%B8%99%E0%B8%B2"
        + ("%E0%B8%AA%E0%B8%B1%E0%B8%87%E0%B8%84%E0%B8%A1" * 6)
        + "-2566-2570.pdf"
    )
    o4 = items[3]
    o4.evidence[0].url = long_url
    o4.reason_th = "พบข้อมูลครบถ้วนที่ " + long_url.replace("%E0%B8%AA%E0%B8%B1%E0%B8%87%E0%B8%84%E0%B8%A1", "สังคม")
    o4.evidence[0].snippet = "…ศน์" + "สังคมนครสุวรรณมีคุณภาพประชาชนมีความมั่นคง" * 3 + "…"
    if hostile:
        o7 = items[6]
        o7.evidence.append(
            Evidence(
                url="javascript:alert(1)",
                found_on="javascript:alert(2)",
                title='<img src=x onerror="window.__pwned=1">ข่าว',
                snippet='ข่าวประชาสัมพันธ์ <script>window.__pwned = 1</script> <b>ตัวหนา</b> & "quotes"',
                matched_keywords=["ข่าวประชาสัมพันธ์", "<script>", "quotes"],
                kind=ResourceKind.HTML,
            )
        )
    counts = {v: sum(1 for it in items if it.status is v) for v in Verdict}
    summary = Summary(
        total=len(items),
        ok=counts[Verdict.OK],
        partial=counts[Verdict.PARTIAL],
        stale=counts[Verdict.STALE],
        broken=counts[Verdict.BROKEN],
        missing=counts[Verdict.MISSING],
        expected_oit_score=round(100 * counts[Verdict.OK] / len(items), 2),
    )
    failures = [
        PageFailure(url=f"{base}/docs/old{i}.pdf", kind=FailureKind.NOT_FOUND, reason="404 Not Found", status=404)
        for i in range(3)
    ]
    return ScanResult(
        tool_version="0.1.0",
        start_url=base + "/",
        checklist_id="ita-2566-test",
        checklist_version="test",
        fiscal_year=2567,
        as_of=date(2024, 5, 15),
        timings=Timings(
            started_at=datetime(2024, 5, 15, 9, 0, 0),
            finished_at=datetime(2024, 5, 15, 9, 1, 30),
            total_seconds=90.0,
        ),
        crawl=CrawlStats(pages=152, documents=61, requests=230),
        items=items,
        summary=summary,
        failures=failures,
    )
