"""The sentences of verdicts (reasons, fixes, evidence notes) and of the warnings beside the score:
part of the one catalogue (``catalogue.STRINGS``), kept in their own module for size."""

from __future__ import annotations

VERDICT_STRINGS: dict[str, tuple[str, str]] = {
    # --- verdict reasons and fixes (assess/explain.py)
    "explain.not_found": ("ไม่พบข้อมูลนี้บนเว็บไซต์ของหน่วยงาน", "not found on the agency website"),
    "explain.note_placeholder": (
        " (หน้าที่ลิงก์ไว้ยังไม่มีเนื้อหา แจ้งว่าอยู่ระหว่างจัดทำ)",
        " (the linked page is an empty placeholder)",
    ),
    "explain.note_description": (
        " (หน้าที่ลิงก์ไว้มีเพียงคำอธิบายเกณฑ์หรือคำบอกว่าข้อมูลอยู่ที่ใด ยังไม่มีตัวข้อมูล)",
        " (the linked page only describes the item or says where it is; the information itself is not there)",
    ),
    "explain.note_nowhere": (
        ' (แถวของข้อนี้ในหน้า ITA มีลิงก์ที่ไม่ชี้ไปที่ใดเลย เช่น href="#")',
        ' (the item\'s row on the ITA page links nowhere, e.g. href="#")',
    ),
    "explain.note_mention": (
        " (พบเพียงข่าวหรือกิจกรรมที่กล่าวถึง ซึ่งไม่ใช่ตัวเอกสาร)",
        " (only news that mentions it, which is not the item itself)",
    ),
    "explain.broken": (
        "ลิงก์ของข้อมูลนี้เปิดไม่ได้: {failure} ({where})",
        "the link to this item does not open: {failure} ({where})",
    ),
    "explain.broken_fix": (
        "แก้ไขลิงก์ {where} ให้ประชาชนเปิดได้โดยไม่ต้องเข้าสู่ระบบ แล้วตรวจซ้ำ ",
        "Repair the link {where} so that anyone can open it without logging in. ",
    ),
    "explain.unlinked": (
        "การเข้าถึงจากหน้าเว็บไซต์ (ไม่มีหน้าใดของเว็บไซต์ลิงก์ไปยังหน้านี้ พบได้จาก sitemap.xml เท่านั้น ควรลิงก์จากหน้า ITA หรือเมนู)",
        "that it can be reached from the site (no page of the site links it; only sitemap.xml lists it:"
        " link it from the ITA page or a menu)",
    ),
    "explain.better_elsewhere": (
        " (ลิงก์ในหน้า ITA ชี้ไปที่นี่ แต่พบข้อมูลที่ครบกว่าที่ {where})",
        " (this is what the ITA page links; a better copy is at {where})",
    ),
    "explain.index_miss": (
        "ลิงก์ของข้อนี้ในหน้า ITA ชี้ไปที่ {where} ซึ่งไม่มีข้อมูลของข้อนี้",
        "the ITA page's link for this item leads to {where}, which does not hold it",
    ),
    "explain.index_nowhere": (
        'แถวของข้อนี้ในหน้า ITA ไม่ได้ลิงก์ไปที่ใด (เช่น href="#" หรือมีแต่คำอธิบาย) ผู้ประเมินที่เปิดจากหน้า ITA จะไม่พบข้อมูล',
        'the item\'s row on the ITA page links nowhere (e.g. href="#" or only a description):'
        " an assessor who follows the ITA page finds nothing",
    ),
    "explain.broken_elsewhere": (" แต่พบข้อมูลที่ {where}", "; the item was found at {where}"),
    "explain.broken_elsewhere_fix": ("เปลี่ยนลิงก์ในหน้า ITA ให้ชี้ไปที่ {where} ", "Point the ITA page's link at {where}. "),
    "explain.stale_monthly": (
        "พบสรุปผลรายเดือนของปีก่อน แต่ไม่พบของปีงบประมาณ {year}",
        "monthly summaries found only for earlier years, none for fiscal year {year}",
    ),
    "explain.stale_year": (
        "พบเอกสารปีงบประมาณ {seen} แต่ต้องเป็นปีงบประมาณ {required}",
        "found a document of fiscal year {seen}, but it must be fiscal year {required}",
    ),
    "explain.stale_undated": (
        "เอกสารไม่เป็นปัจจุบัน ต้องเป็นปีงบประมาณ {required}",
        "the document is out of date; fiscal year {required} is required",
    ),
    "explain.stale_fix": (
        "เผยแพร่ฉบับของปีงบประมาณ {required} แทนฉบับเดิม ",
        "Publish the fiscal year {required} edition. ",
    ),
    "explain.partial": ("พบข้อมูลที่ {where} แต่{reasons}", "found at {where}, but {reasons}"),
    "explain.partial_and": (" และ", "; "),
    "explain.lacks": ("ยังขาด {what}", "missing {what}"),
    "explain.gaps": ("ข้อมูลรายเดือนไม่ครบ ขาดเดือน {months}", "monthly coverage has gaps: {months} missing"),
    "explain.gap_months": ("เดือน {months}", "months {months}"),
    "explain.short": (
        "ข้อมูลครอบคลุมถึง {until} เท่านั้น ต้องครอบคลุม ๖ เดือนแรก (ต.ค.–มี.ค.)",
        "it covers only up to {until}; the first six months (Oct-Mar) are required",
    ),
    "explain.short_missing": ("ข้อมูลหลัง {until} ถึง มี.ค. {year}", "data after {until} up to March {year}"),
    "explain.undated": ("ไม่พบการระบุ{period}ในชื่อหรือเนื้อหา", "no {period} is stated in its title or content"),
    "explain.undated_missing": ("การระบุ{period}", "{period}"),
    "explain.unverified": (
        "ตรวจไม่ได้ว่ามี {what} โปรดเปิดเอกสารและตรวจด้วยตนเอง",
        "{what} could not be verified; open the document and check it by hand",
    ),
    "explain.unread_scan": (
        "เอกสารเป็นภาพสแกนที่อ่านข้อความไม่ได้ โปรดเปิดและตรวจด้วยตนเอง",
        "the document is a scan whose text could not be read; open it and check it by hand",
    ),
    "explain.unread_glyphs": (
        "ข้อความในหน้านี้เป็นอักขระที่เครื่องอ่านไม่ได้ (เช่น หน้าที่แปลงจาก PDF ด้วย pdf2htmlEX) โปรดเปิดและตรวจด้วยตนเอง",
        "the page's text is not machine-readable (e.g. converted from PDF by pdf2htmlEX); open it and check it by hand",
    ),
    "explain.unread_offsite": (
        "เอกสารอยู่นอกเว็บไซต์และเปิดตรวจไม่ได้ ({detail}) โปรดเปิดลิงก์และตรวจด้วยตนเอง",
        "the document is off the site and could not be opened ({detail}); open the link and check it by hand",
    ),
    "explain.unread_fix": (
        "เผยแพร่เอกสารเป็นไฟล์ที่มีข้อความ (PDF ที่คัดลอกข้อความได้ หรือหน้าเว็บ) บนเว็บไซต์ของหน่วยงาน ",
        "Publish the document as a text file (a PDF whose text can be copied, or a web page) on the agency's site. ",
    ),
    "explain.ok": ("พบข้อมูลครบถ้วนที่ {where}{date}", "found at {where}{date}"),
    "explain.ok_older": (
        " และยังพบฉบับปีงบประมาณ {year} ที่ {where}",
        "; an older edition (fiscal year {year}) is still at {where}",
    ),
    "explain.ocr_note": (" (อ่านข้อความด้วย OCR จากภาพสแกน)", " (text read by OCR from a scan)"),
    "explain.period_previous": ("ปีงบประมาณ {year}", "fiscal year {year}"),
    "explain.period_first_half": ("รอบ ๖ เดือนของปีงบประมาณ {year}", "first-half period of fiscal year {year}"),
    "explain.period_month": ("เดือน", "month"),
    "explain.period_year": ("ปีงบประมาณ {year}", "fiscal year {year}"),
    "explain.note_scan": (
        "เอกสารเป็นภาพสแกน ไม่มีชั้นข้อความ ตรวจเนื้อหาได้จำกัด",
        "scanned document without a text layer: content could not be read",
    ),
    "explain.note_ocr": ("เอกสารเป็นภาพสแกน อ่านข้อความด้วย OCR", "scanned document: text read by OCR"),
    "explain.note_offsite": ("ลิงก์ไปยังแหล่งภายนอกเว็บไซต์ ตรวจเนื้อหาไม่ได้", "off-site link: content not checked"),
    "explain.note_not_fetched": ("ไม่ได้เปิดตรวจ: {failure}", "not fetched: {failure}"),
    # --- warnings beside the headline score (assess/warnings.py)
    "warning.index_links_nowhere": (
        'หน้า ITA ของหน่วยงานระบุ {named} ข้อ แต่ลิงก์ของ {nowhere} ข้อไม่ชี้ไปที่ใดเลย (เช่น href="#") '
        "คะแนนนี้นับเฉพาะข้อมูลที่พบในส่วนอื่นของเว็บไซต์ ผู้ตรวจประเมินที่เปิดจากหน้า ITA จะไม่พบข้อมูล",
        "The agency's ITA page names {named} items but the links of {nowhere} of them go nowhere "
        '(e.g. href="#"): this score counts only what was found elsewhere on the site, and an assessor '
        "following the ITA page finds nothing",
    ),
    "warning.few_opened": (
        "มีเพียง {opened} จาก {total} ข้อที่ตรวจจากเอกสารที่เปิดอ่านได้จริง คะแนนนี้จึงบอกได้น้อยว่าเปิดเผยข้อมูลครบเพียงใด",
        "Only {opened} of {total} items rest on evidence that was opened and read: this score says little "
        "about what is really published",
    ),
    "warning.one_page": (
        "{count} จาก {found} ข้อที่พบ มาจากหน้าเดียว ({page}) โปรดตรวจหน้านี้อย่างละเอียด",
        "{count} of the {found} items found come from one page ({page}): check that page carefully",
    ),
    "warning.checklist_fallback": (
        "ยังไม่มีรายการตรวจ (checklist) ของปีงบประมาณ {year} ใช้ {used} (ปี {used_year}) แทน "
        "ข้อ เลขข้อ และเกณฑ์อาจเปลี่ยนเมื่อสำนักงาน ป.ป.ช. ประกาศคู่มือปีนี้",
        "There is no checklist for fiscal year {year} yet: {used} (year {used_year}) is used instead; items, numbers "
        "and rules may change when the NACC publishes this year's handbook",
    ),
    "warning.checklist_provisional": (
        "รายการตรวจ {used} เป็นฉบับเบื้องต้น (ยังไม่ได้เทียบกับคู่มือฉบับทางการ) ข้อที่มีความเชื่อมั่นต่ำ: {low}",
        "The checklist {used} is provisional (not checked against the official handbook); low-confidence items: {low}",
    ),
    "crosswalk.kept": ("คงเดิม", "kept"),
    "crosswalk.renamed": ("เปลี่ยนชื่อ", "renamed"),
    "crosswalk.renumbered": ("เปลี่ยนเลขข้อ", "renumbered"),
    "crosswalk.merged": ("รวมข้อ", "merged"),
    "crosswalk.split": ("แยกข้อ", "split"),
    "crosswalk.dropped": ("ตัดออก", "dropped"),
    "crosswalk.new": ("ข้อใหม่", "new"),
    "crosswalk.heading": ("เทียบรายการตรวจ {old} กับ {new}", "Crosswalk from {old} to {new}"),
    "crosswalk.counts": ("สรุป: {counts}", "Summary: {counts}"),
    "explain.unnamed": (
        "ชื่อเรื่องหรือเนื้อหาของข้อนี้ในเอกสารที่ลิงก์ไว้ (โปรดตรวจว่าลิงก์ชี้ไปที่ไฟล์ที่ถูกต้อง)",
        "the item's name or subject in the linked document (check that the link points at the right file)",
    ),
}
