"""Every sentence and label a person reads, Thai first, in one table: ``key -> (Thai, English)``.

The terminal tables, the HTML report, the web app, the CLI's messages and the verdict reasons all
read from here through ``oit_check.i18n.t(key, lang)``. Keys are stable; add a row here rather than
a literal in code or a template. Placeholders use ``str.format`` names (``{shown}``, ``{total}``).
Enum labels use ``<enum>.<value>`` keys (``verdict.ok``, ``failure.not_found``, ``flag.below``,
``diagnosis.not_disclosed``); a test checks that every member has one.
Only generic wording lives here: everything about an ITA item comes from the checklist data.
"""

from __future__ import annotations

# key -> (Thai, English)
from oit_check.i18n.alert_strings import ALERT_STRINGS
from oit_check.i18n.fault_strings import FAULT_STRINGS
from oit_check.i18n.fleet_strings import FLEET_STRINGS
from oit_check.i18n.input_strings import INPUT_STRINGS
from oit_check.i18n.verdict_strings import VERDICT_STRINGS
from oit_check.i18n.web_strings import WEB_STRINGS

STRINGS: dict[str, tuple[str, str]] = {
    # --- verdicts and failure kinds (one label each; tests/test_i18n.py checks every enum member)
    "verdict.ok": ("ผ่าน", "ok"),
    "verdict.partial": ("ไม่ครบ", "partial"),
    "verdict.stale": ("ไม่เป็นปัจจุบัน", "stale"),
    "verdict.broken": ("ลิงก์เสีย", "broken"),
    "verdict.missing": ("ไม่พบ", "missing"),
    "failure.timeout": ("เว็บไซต์ไม่ตอบสนองภายในเวลาที่กำหนด", "the server did not answer in time"),
    "failure.connect": ("เชื่อมต่อเว็บไซต์ไม่ได้", "could not connect"),
    "failure.http_error": ("เซิร์ฟเวอร์ตอบกลับด้วยข้อผิดพลาด", "the server answered with an error"),
    "failure.not_found": ("ไม่พบหน้าหรือไฟล์ (404)", "page or file not found (404)"),
    "failure.login_required": ("ต้องเข้าสู่ระบบก่อนจึงจะเปิดได้ ประชาชนทั่วไปเข้าถึงไม่ได้", "login required"),
    "failure.redirect_loop": ("ลิงก์เปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด", "redirect loop"),
    "failure.too_many_redirects": ("ลิงก์เปลี่ยนเส้นทางหลายทอดเกินไป", "too many redirects"),
    "failure.error_page": ("เปิดได้แต่เป็นหน้าแจ้งข้อผิดพลาด", "opens, but shows an error page"),
    "failure.too_large": ("ไฟล์ใหญ่เกินขนาดที่ตรวจได้", "file too large to check"),
    "failure.unreadable_document": ("ไฟล์เสียหรือเปิดอ่านไม่ได้", "the document is corrupt or unreadable"),
    "failure.blocked_address": ("ลิงก์ชี้ไปยังเครือข่ายภายใน ประชาชนเข้าถึงไม่ได้", "points to a private network"),
    "failure.robots": ("robots.txt ของเว็บไซต์ไม่อนุญาตให้ตรวจ", "disallowed by robots.txt"),
    "failure.limit": ("ไม่ได้ตรวจเพราะถึงขีดจำกัดการตรวจ", "not checked: a crawl limit was reached"),
    "failure.trap": ("ข้ามไปเพราะเป็นลิงก์ที่สร้างหน้าไม่สิ้นสุด", "skipped as an endless URL space"),
    "failure.unsafe": (
        "ไม่ได้เปิดเพราะเป็นลิงก์ที่เปลี่ยนแปลงข้อมูลหรือเข้าสู่ส่วนผู้ดูแลระบบ",
        "not requested: the link changes data or leads to administration",
    ),
    "failure.other": ("เปิดไม่ได้", "could not be opened"),
    # --- perception flags and diagnoses (the same words in the terminal, Markdown, HTML and the web app)
    "flag.below": ("ต่ำกว่าเกณฑ์", "below the line"),
    "flag.watch": ("เฝ้าระวัง", "watch"),
    "flag.ok": ("ผ่าน", "ok"),
    "diagnosis.disclosed_not_perceived": (
        "เปิดเผยครบแล้ว แต่ผู้ตอบยังไม่รับรู้: ควรสื่อสารและประชาสัมพันธ์ให้ทั่วถึง",
        "Disclosed, but not perceived: communicate it better.",
    ),
    "diagnosis.not_disclosed": (
        "ยังเปิดเผยไม่ครบ ({items}): แก้การเปิดเผยข้อมูลก่อน",
        "Not fully disclosed ({items}): fix the disclosure first.",
    ),
    "diagnosis.no_oit_link": (
        "ไม่มีข้อ OIT ที่เกี่ยวข้อง: เป็นเรื่องกระบวนการทำงานภายใน",
        "No related OIT item: an internal process issue.",
    ),
    "diagnosis.unknown": ("ยังไม่ทราบสถานะการเปิดเผยของข้อ OIT ที่เกี่ยวข้อง", "The related OIT items' status is unknown."),
    # --- report: header and sections
    "report_title": ("รายงานผลการตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", "OIT public-disclosure check report"),
    "site": ("เว็บไซต์", "Website"),
    "fiscal_year": ("ปีงบประมาณ พ.ศ.", "Fiscal year (BE)"),
    "as_of": ("ตรวจ ณ วันที่", "Checked on"),
    "checklist": ("เกณฑ์", "Checklist"),
    "contents": ("สารบัญ", "Contents"),
    "sec_summary": ("ภาพรวม", "Overview"),
    "sec_indicators": ("ผลรายตัวชี้วัด", "By indicator"),
    "sec_priorities": ("ข้อที่จะเสียคะแนน (ควรแก้ก่อน)", "Items that will cost points (fix first)"),
    "sec_gaps": ("ช่องว่างระหว่างการเปิดเผยข้อมูลกับการรับรู้", "Perception gaps next to disclosure"),
    "sec_items": ("ผลรายข้อ", "Item by item"),
    "sec_failures": ("หน้าเว็บที่เปิดไม่ได้", "Pages that could not be read"),
    "skip_to_main": ("ข้ามไปยังเนื้อหา", "Skip to content"),
    # --- summary
    "expected_score": ("คะแนน OIT โดยประมาณ หากส่งวันนี้", "Expected OIT score if submitted today"),
    "expected_score_note": (
        "ประมาณจากสัดส่วนข้อที่ผ่าน (ผ่าน = ได้คะแนน) ไม่ใช่สูตรคำนวณทางการของสำนักงาน ป.ป.ช. ผู้ตรวจประเมินอาจตัดสินต่างออกไป",
        "Share of items that pass (pass = scores). Not the NACC's official formula; "
        "the assessors may judge differently.",
    ),
    "items_ok_of": ("ผ่าน {ok} จาก {total} ข้อ", "{ok} of {total} items pass"),
    "count_items": ("{n} ข้อ", "{n} items"),
    "no_priorities": ("ไม่มีข้อที่จะเสียคะแนน ทุกข้อผ่าน", "Nothing to fix: every item passes."),
    "scan_failed": ("การตรวจไม่สำเร็จ", "The scan failed"),
    "indicator": ("ตัวชี้วัดที่", "Indicator"),
    "sub_indicator": ("ตัวชี้วัดย่อย", "Sub-indicator"),
    "ok_share": ("ผ่าน {pct}%", "{pct}% pass"),
    "legend": ("คำอธิบายสัญลักษณ์", "Legend"),
    # --- verdicts
    "verdict_ok_desc": ("พบครบและเป็นปัจจุบัน", "found, complete and current"),
    "verdict_partial_desc": ("พบ แต่ขาดองค์ประกอบที่กำหนด", "found, but required elements are missing"),
    "verdict_stale_desc": ("พบ แต่ไม่ใช่ข้อมูลของปีที่ประเมิน", "found, but not for the assessed year"),
    "verdict_broken_desc": ("มีลิงก์ แต่เปิดไม่ได้หรือต้องเข้าสู่ระบบ", "linked, but the link fails or needs a login"),
    "verdict_missing_desc": ("ไม่พบบนเว็บไซต์", "not found on the website"),
    # --- filters
    "filters": ("ตัวกรอง", "Filters"),
    "filter_verdict": ("ผลการตรวจ", "Verdict"),
    "filter_group": ("ตัวชี้วัด", "Indicator"),
    "filter_all": ("แสดงทั้งหมด", "Show all"),
    "filter_status": ("แสดง {shown} จาก {total} ข้อ", "Showing {shown} of {total} items"),
    # --- item card
    "reason": ("เหตุผล", "Why"),
    "fix": ("วิธีแก้ไข", "How to fix"),
    "missing_elements": ("องค์ประกอบที่ยังขาด", "Missing elements"),
    "evidence": ("หลักฐานที่พบ", "Evidence"),
    "no_evidence": ("ไม่พบหลักฐานบนเว็บไซต์", "No evidence found on the website"),
    "found_on": ("พบลิงก์ที่หน้า", "Linked from"),
    "dates_seen": ("วันที่ที่พบ", "Dates seen"),
    "fy_short": ("ปีงบ", "FY"),
    "open_link": ("เปิด", "open"),
    "where_title": ("ชื่อเรื่อง", "title"),
    "where_anchor": ("ข้อความลิงก์", "link text"),
    "where_context": ("ข้อความรอบลิงก์", "text around the link"),
    "where_file_name": ("ชื่อไฟล์", "file name"),
    "where_heading": ("หัวข้อ", "heading"),
    "where_body": ("เนื้อหา", "body text"),
    "where_metadata": ("ข้อมูลไฟล์", "file metadata"),
    "where_page": ("ข้อความในหน้าเว็บ", "page text"),
    "dates_more": ("และอีก {n} วันที่", "and {n} more dates"),
    "time_rule_uncertain": (
        "เกณฑ์ด้านช่วงเวลาของข้อนี้ยังไม่ยืนยัน โปรดตรวจกับคู่มือการประเมินของปีนี้",
        "The time rule of this item is unconfirmed; check it against this year's manual.",
    ),
    "also_seen": ("พบข้อมูลนี้ที่ข้ออื่นด้วย", "Also seen under"),
    "back_to_top": ("กลับด้านบน", "Back to top"),
    "unsafe_link": ("(ลิงก์ไม่ใช่ http/https จึงไม่แสดงเป็นลิงก์)", "(not an http/https link, shown as text)"),
    "kind_page": ("หน้าเว็บ", "web page"),
    "kind_document": ("เอกสาร", "document"),
    "kind_image": ("รูปภาพ", "image"),
    "kind_other": ("ไฟล์อื่น", "other file"),
    # --- failures / stats
    "failures_note": (
        "หน้าเว็บหรือไฟล์ที่โปรแกรมเปิดไม่ได้ระหว่างการตรวจ (อาจทำให้บางข้อไม่พบ)",
        "Pages or files the checker could not read (some items may be missing because of them)",
    ),
    "failures_more": ("และอีก {n} รายการ", "and {n} more"),
    "stats": ("สถิติการตรวจ", "Scan statistics"),
    "stats_line": (
        "เปิดหน้าเว็บ {pages} หน้า เอกสาร {documents} ไฟล์ ใช้เวลา {seconds} วินาที",
        "{pages} pages and {documents} documents read in {seconds} s",
    ),
    "generated_by": ("สร้างโดย oit-check {version}", "Generated by oit-check {version}"),
    "disclaimer": (
        "รายงานนี้เป็นการตรวจเบื้องต้นโดยโปรแกรม ไม่ใช่ผลการประเมินของสำนักงาน ป.ป.ช.",
        "This is an automated pre-check, not the NACC's assessment.",
    ),
    # --- perception gaps
    "gaps_intro": (
        "เทียบผลการตรวจการเปิดเผยข้อมูล (OIT) กับคะแนนการรับรู้จากแบบวัด IIT/EIT "
        "ข้อมูลที่เปิดเผยครบแต่คะแนนการรับรู้ต่ำ แปลว่าผู้รับบริการหรือเจ้าหน้าที่ยังไม่รับรู้",
        "Disclosure findings (OIT) beside the perception scores of the IIT/EIT surveys. "
        "Fully disclosed but poorly perceived means people do not see what is published.",
    ),
    "gap_perception": ("คะแนนการรับรู้", "Perception score"),
    "gap_disclosure": ("ผลการเปิดเผยข้อมูล", "Disclosure"),
    "gap_survey_items": ("ข้อคำถาม", "Survey items"),
    "gap_oit_items": ("ข้อ OIT ที่เกี่ยวข้อง", "Related OIT items"),
    "gap_finding": ("ข้อสังเกต", "Finding"),
    "gap_threshold": ("เกณฑ์ {n} คะแนน", "threshold {n}"),
    "gap_chart_label": (
        "แผนภาพ: แกนนอนคือสัดส่วนข้อ OIT ที่เกี่ยวข้องซึ่งผ่าน แกนตั้งคือคะแนนการรับรู้ (ค่าต่ำสุดของคะแนนรวม "
        "และคะแนนส่วนที่ 1/2) สี่เหลี่ยมสีแดง = ต่ำกว่าเกณฑ์ สามเหลี่ยม = เฝ้าระวัง จุดสีเขียว = ไม่ต่ำกว่าเกณฑ์",
        "Chart: x is the share of related OIT items that pass, y the perception score (the lowest of the "
        "score and EIT parts 1/2). Red squares: below the line; triangles: watch; green dots: at or above it",
    ),
    "gap_parts": ("ส่วนที่ 1: {part1}, ส่วนที่ 2: {part2}", "part 1: {part1}, part 2: {part2}"),
    "gap_source": ("ผลการประเมิน ITA ปี {year} จากไฟล์ {file}", "ITA {year} results from {file}"),
    "gap_hidden_ok": (
        "อีก {n} ข้อได้คะแนนไม่ต่ำกว่าเกณฑ์ (แสดงเป็นจุดสีเขียวในแผนภาพ ไม่แสดงในตาราง)",
        "{n} more survey items are at or above the line (green dots on the chart, not listed)",
    ),
    "gap_no_flags": ("ไม่มีข้อคำถามที่คะแนนต่ำกว่าเกณฑ์หรือต้องเฝ้าระวัง", "No survey item is below the line or on watch."),
    "gaps_only_title": ("ช่องว่างการรับรู้เทียบกับการเปิดเผยข้อมูล (OIT)", "Perception gaps against the OIT disclosure"),
    "gap_none": ("ไม่มีข้อมูลผลการประเมินให้เปรียบเทียบ", "No assessment results to compare"),
    # --- web app
    "app_title": ("ตรวจเว็บไซต์ตามเกณฑ์ OIT ด้วยตนเอง", "Self-check a website against the OIT items"),
    "app_intro": (
        "พิมพ์ที่อยู่เว็บไซต์หลักของหน่วยงานและปีงบประมาณที่จะประเมิน โปรแกรมจะเปิดหน้าเว็บ "
        "และเอกสารทีละหน้า แล้วบอกว่าข้อ O1–O43 ข้อใดผ่าน ข้อใดยังขาด พร้อมวิธีแก้ไข",
        "Type the agency's main website address and the fiscal year to assess. The checker reads "
        "the pages and documents and tells you which of items O1–O43 pass, which do not, "
        "and how to fix them.",
    ),
    "form_heading": ("กรอกข้อมูลเพื่อเริ่มตรวจ", "Start a check"),
    "form_url": ("ที่อยู่เว็บไซต์หน่วยงาน", "Agency website address"),
    "form_url_hint": ("เช่น https://www.example.go.th/", "for example https://www.example.go.th/"),
    "form_year": ("ปีงบประมาณที่ประเมิน (พ.ศ.)", "Fiscal year assessed (BE)"),
    "form_results": (
        "ไฟล์ผลการประเมิน ITA ปีก่อน (ไม่บังคับ) เพื่อวิเคราะห์ช่องว่างการรับรู้",
        "Last year's ITA results file (optional), for the perception-gap analysis",
    ),
    "form_results_hint": ("ไฟล์ไม่เกิน {mb} MB", "at most {mb} MB"),
    "form_submit": ("เริ่มตรวจ", "Start the check"),
    "past_scans": ("ผลการตรวจที่ผ่านมา", "Past scans"),
    "no_past_scans": ("ยังไม่มีผลการตรวจ", "No scans yet"),
    "col_when": ("วันที่ตรวจ", "When"),
    "col_site": ("เว็บไซต์", "Website"),
    "col_year": ("ปีงบ", "FY"),
    "col_score": ("คะแนนโดยประมาณ", "Expected score"),
    "col_open": ("รายงาน", "Report"),
    "open_report": ("เปิดรายงาน", "Open report"),
    "download_json": ("ดาวน์โหลด JSON", "Download JSON"),
    "download_html": ("ดาวน์โหลด HTML", "Download HTML"),
    "new_scan": ("ตรวจเว็บไซต์ใหม่", "New check"),
    "all_scans": ("ผลการตรวจทั้งหมด", "All scans"),
    "progress_title": ("กำลังตรวจ", "Checking"),
    "progress_queued": ("กำลังเริ่มตรวจ…", "Starting…"),
    "progress_crawl": ("เปิดหน้าเว็บและเอกสารแล้ว {done} รายการ", "{done} pages and documents fetched"),
    "progress_match": ("ตัดสินผลแล้ว {done} จาก {total} ข้อ", "{done} of {total} items decided"),
    "progress_done": ("ตรวจเสร็จแล้ว กำลังเปิดรายงาน…", "Done; opening the report…"),
    "progress_failed": ("การตรวจไม่สำเร็จ", "The check failed"),
    "progress_noscript": (
        "หน้านี้จะโหลดใหม่เองทุก 3 วินาทีจนกว่าจะตรวจเสร็จ",
        "This page reloads itself every 3 seconds until the check is done.",
    ),
    "progress_pages": ("หน้าเว็บ/เอกสารที่เปิดแล้ว", "Pages and documents fetched"),
    "progress_items": ("ข้อที่ตัดสินแล้ว", "Items decided"),
    "upload_results": ("เพิ่มไฟล์ผลการประเมินเพื่อวิเคราะห์ช่องว่าง", "Add a results file for the gap analysis"),
    "upload_submit": ("อัปโหลด", "Upload"),
    "language": ("English", "ภาษาไทย"),
    "not_found": ("ไม่พบหน้าที่ต้องการ", "Page not found"),
    "error_title": ("ข้อมูลไม่ถูกต้อง", "Invalid input"),
    "back": ("กลับไปแก้ไข", "Go back"),
    # --- web app: validation and refusals (shown to the user; keep them plain)
    "err_url_empty": ("กรุณากรอกที่อยู่เว็บไซต์", "Please enter the website address."),
    "err_url_long": (
        "ที่อยู่เว็บไซต์ยาวเกินไป (ไม่เกิน {n} ตัวอักษร)",
        "The address is too long (at most {n} characters).",
    ),
    "err_url_scheme": (
        "ที่อยู่เว็บไซต์ต้องขึ้นต้นด้วย http:// หรือ https://",
        "The address must start with http:// or https://.",
    ),
    "err_url_host": ("ที่อยู่เว็บไซต์ไม่มีชื่อโดเมน", "The address has no host name."),
    "err_url_invalid": ("ที่อยู่เว็บไซต์ไม่ถูกต้อง", "The address is not valid."),
    "err_url_credentials": (
        "ที่อยู่เว็บไซต์ต้องไม่มีชื่อผู้ใช้หรือรหัสผ่าน",
        "The address must not contain a user name or password.",
    ),
    "err_url_dns": (
        "ไม่พบชื่อโดเมน {host} กรุณาตรวจการสะกด",
        "The host name {host} could not be found; check the spelling.",
    ),
    "err_url_private": (
        "ไม่อนุญาตให้ตรวจที่อยู่ภายในเครือข่าย ({address}) เช่น 127.0.0.1, 10.x.x.x หรือ 169.254.x.x "
        "ผู้ดูแลต้องเปิดโปรแกรมด้วยตัวเลือก --allow-private จึงจะตรวจได้",
        "Private, loopback and link-local addresses ({address}) may not be checked unless the "
        "server was started with --allow-private.",
    ),
    "err_year": (
        "ปีงบประมาณต้องเป็นปี พ.ศ. 4 หลัก ระหว่าง {low} ถึง {high}",
        "The fiscal year must be a 4-digit Buddhist Era year from {low} to {high}.",
    ),
    "err_upload_large": ("ไฟล์ใหญ่เกินไป (ไม่เกิน {mb} MB)", "The file is too large (at most {mb} MB)."),
    "err_upload_type": (
        "ไม่รองรับไฟล์ชนิดนี้ (รองรับ {types})",
        "This file type is not supported (supported: {types}).",
    ),
    "err_upload_unreadable": ("อ่านไฟล์ผลการประเมินไม่ได้: {detail}", "The results file cannot be read: {detail}"),
    "err_busy": (
        "ขณะนี้มีการตรวจเว็บไซต์เต็มจำนวนแล้ว ({n} รายการพร้อมกัน) กรุณารอสักครู่แล้วลองใหม่",
        "The server is busy ({n} checks at once). Please wait a moment and try again.",
    ),
    "err_form": ("ส่งข้อมูลไม่ถูกต้อง กรุณาลองใหม่", "The form could not be read; please try again."),
    "err_scan_failed": ("ตรวจไม่สำเร็จ: {detail}", "The check failed: {detail}"),
    # --- terminal: an ITA results file as read (oit-check results import)
    "results_text.read": (
        "ไฟล์ {source} ({format}, {lines} บรรทัด): อ่านได้ {rows} ข้อ",
        "{source} ({format}, {lines} lines): {rows} items read",
    ),
    "results_text.year": ("ปีที่ประเมิน {year} (เทียบกับ {previous})", "assessed year {year} (compared with {previous})"),
    "results_text.total": ("คะแนนรวม {total:.2f} (บรรทัด {line})", "total {total:.2f} (line {line})"),
    "results_text.col_line": ("บรรทัด", "line"),
    "results_text.col_code": ("ข้อ", "code"),
    "results_text.col_by": ("อ่านจาก", "by"),
    "results_text.col_score": ("คะแนน", "score"),
    "results_text.col_part1": ("ส่วนที่ 1", "part 1"),
    "results_text.col_part2": ("ส่วนที่ 2", "part 2"),
    "results_text.col_previous": ("ปีก่อน", "previous"),
    "results_text.col_text": ("ข้อความ", "text"),
    "results_text.col_note": ("หมายเหตุ", "note"),
    "results_text.marked_lowest": ("(ต่ำสุด)", "(marked lowest)"),
    "results_text.mean_note": (
        "* คะแนน EIT = ค่าเฉลี่ยของส่วนที่ 1 และ 2 (ปัดเศษแบบ half-even)",
        "* EIT score = mean of parts 1 and 2 (rounded half to even)",
    ),
    "results_text.indicators": ("ตัวชี้วัด: {scores}", "indicators: {scores}"),
    "results_text.tools": ("รายเครื่องมือ: {scores}", "tools: {scores}"),
    "results_text.unidentified": (
        "อ่านไม่ได้ {n} บรรทัด (มีตัวเลขแต่ระบุข้อไม่ได้):",
        "{n} line(s) with figures not identified:",
    ),
    "results_text.line": ("บรรทัด {line}: {text}", "line {line}: {text}"),
    "results_text.all_identified": ("ทุกบรรทัดที่มีตัวเลขอ่านได้ครบ", "every line with figures was identified"),
    "results_text.without_figures": (
        "บรรทัด {line}: มีรหัสข้อแต่ไม่มีคะแนน: {text}",
        "line {line}: item code without figures: {text}",
    ),
    "results_text.duplicate": ("บรรทัด {line}: {code} ซ้ำกับบรรทัด {first}", "line {line}: {code} repeats line {first}"),
    "results_text.duplicate_differs": (" (คะแนนต่างกัน ใช้บรรทัดแรก)", " (different figures; first kept)"),
    "results_text.not_read": ("ไม่ได้อ่านบรรทัด {first}-{last}: {reason}", "lines {first}-{last} not read: {reason}"),
    "results_text.after_results": (
        "ส่วนที่ต่อจากตารางผลการประเมิน (การวิเคราะห์/มาตรการ)",
        "after the results tables (analysis, measures)",
    ),
    "results_text.not_in_file": ("ไม่พบในไฟล์: {codes}", "not in the file: {codes}"),
    # --- terminal and Markdown: the perception gaps (oit-check gaps)
    "gaps_text.heading": (
        "การวิเคราะห์ช่องว่างการรับรู้: เกณฑ์ {threshold:g} คะแนน, เฝ้าระวังต่ำกว่า {watch:g} หรือลดลง {drop:g} คะแนนขึ้นไป",
        "Perception gaps: threshold {threshold:g}, watch below {watch:g} or a drop of {drop:g}+",
    ),
    "gaps_text.scan": ("ผลตรวจเว็บไซต์: {source} ({as_of})", "scan report: {source} ({as_of})"),
    "gaps_text.col_rank": ("อันดับ", "rank"),
    "gaps_text.col_code": ("ข้อ", "code"),
    "gaps_text.col_score": ("คะแนน", "score"),
    "gaps_text.col_part1": ("ส่วนที่ 1", "part 1"),
    "gaps_text.col_part2": ("ส่วนที่ 2", "part 2"),
    "gaps_text.col_previous": ("ปีก่อน", "prev"),
    "gaps_text.col_flag": ("ผล", "flag"),
    "gaps_text.col_theme": ("ประเด็น", "theme"),
    "gaps_text.col_linked": ("OIT ที่เกี่ยวข้อง", "linked OIT"),
    "gaps_text.col_diagnosis": ("การวินิจฉัย", "diagnosis"),
    "gaps_text.below": ("ต่ำกว่าเกณฑ์: {codes}", "below: {codes}"),
    "gaps_text.watch": ("เฝ้าระวัง: {codes}", "watch: {codes}"),
    "gaps_text.lowest": ("ต่ำสุด: {codes} ({figure:.2f})", "lowest: {codes} ({figure:.2f})"),
    "gaps_text.missing": ("ไม่พบในไฟล์ผลการประเมิน: {codes}", "not in the results: {codes}"),
    "gaps_text.unidentified": (
        "อ่านไม่ได้ บรรทัด {line}: {text} ({reason})",
        "not identified, line {line}: {text} ({reason})",
    ),
    "gaps_markdown.title": ("ช่องว่างระหว่างการรับรู้และการเปิดเผยข้อมูล", "Perception gaps"),
    "gaps_markdown.criteria": (
        "เกณฑ์ {threshold:g} คะแนน; เฝ้าระวังเมื่อต่ำกว่า {watch:g} หรือลดลงตั้งแต่ {drop:g} คะแนน; ผลการประเมินจาก `{source}`",
        "Threshold {threshold:g}; watch below {watch:g} or a drop of {drop:g}+; results from `{source}`",
    ),
    "gaps_markdown.scan": ("ผลตรวจเว็บไซต์: `{source}` ({as_of})", "Scan report: `{source}` ({as_of})"),
    "gaps_markdown.col_rank": ("อันดับ", "Rank"),
    "gaps_markdown.col_code": ("ข้อ", "Code"),
    "gaps_markdown.col_score": ("คะแนน", "Score"),
    "gaps_markdown.col_part1": ("ส่วนที่ ๑", "Part 1"),
    "gaps_markdown.col_part2": ("ส่วนที่ ๒", "Part 2"),
    "gaps_markdown.col_previous": ("ปีก่อน", "Previous"),
    "gaps_markdown.col_flag": ("ผล", "Flag"),
    "gaps_markdown.col_theme": ("ประเด็น", "Theme"),
    "gaps_markdown.col_linked": ("OIT ที่เกี่ยวข้อง", "Linked OIT"),
    "gaps_markdown.col_diagnosis": ("การวินิจฉัย", "Diagnosis"),
    "gaps_markdown.below": ("ต่ำกว่าเกณฑ์: {codes}", "Below: {codes}"),
    "gaps_markdown.watch": ("เฝ้าระวัง: {codes}", "Watch: {codes}"),
    "gaps_markdown.lowest": ("ต่ำสุด: {codes} ({figure:.2f})", "Lowest: {codes} ({figure:.2f})"),
    "gaps_markdown.unidentified": ("บรรทัดที่อ่านไม่ได้", "Lines not identified"),
    "gaps_markdown.unidentified_line": ("บรรทัด {line}: `{text}` ({reason})", "line {line}: `{text}` ({reason})"),
    # --- terminal: the scan table (oit-check scan); the counts use the verdict labels
    "scan_terminal.heading": (
        "ผลตรวจ OIT ของ {url}  ปีงบประมาณ {year}  ณ วันที่ {as_of}",
        "OIT check of {url}  fiscal year {year}  as of {as_of}",
    ),
    "scan_terminal.col_item": ("ข้อ", "Item"),
    "scan_terminal.col_title": ("หัวข้อ", "Title"),
    "scan_terminal.col_status": ("ผล", "Status"),
    "scan_terminal.col_detail": ("หลักฐาน / เหตุผล / วิธีแก้", "Evidence / reason / fix"),
    "scan_terminal.summary": (
        "สรุป: {counts}  จาก {total} ข้อ  (คะแนน OIT โดยประมาณ {score:.2f})",
        "Summary: {counts}  of {total}  (expected OIT score {score:.2f})",
    ),
    "scan_terminal.crawl": (
        "ตรวจ {pages} หน้า {documents} เอกสาร ใช้เวลา {seconds:.1f} วินาที",
        "Crawled {pages} pages and {documents} documents in {seconds:.1f} s",
    ),
    # --- the start URL (ScanFailed shows "Thai / English": both texts of a key)
    "start.invalid_address": ("ที่อยู่เว็บไซต์ไม่ถูกต้อง", "Not a valid web address"),
    "start.invalid_address_hint": (
        "ใส่ที่อยู่แบบ https://www.example.go.th/",
        "Use an address like https://www.example.go.th/.",
    ),
    "start.connect": ("เชื่อมต่อเว็บไซต์ไม่ได้", "The site could not be reached"),
    "start.connect_hint": (
        "ตรวจสอบที่อยู่และการเชื่อมต่ออินเทอร์เน็ต ลองสลับ http:// กับ https://",
        "Check the address and the connection; try http:// instead of https:// or the reverse.",
    ),
    "start.timeout": ("เว็บไซต์ไม่ตอบสนองภายในเวลาที่กำหนด", "The site did not answer in time"),
    "start.timeout_hint": ("ลองใหม่ภายหลัง หรือเพิ่มเวลารอ (timeout)", "Try again later or raise the timeout."),
    "start.blocked_address": (
        "ที่อยู่นี้เป็นเครือข่ายภายในซึ่งไม่อนุญาตให้ตรวจ",
        "The start URL points to a private network address, which is not allowed",
    ),
    "start.blocked_address_hint": (
        "อนุญาตเครือข่ายภายในด้วยตัวเลือก allow_private",
        "Allow it with the allow_private option.",
    ),
    "start.robots": ("ไฟล์ robots.txt ของเว็บไซต์ไม่อนุญาตให้ตรวจหน้านี้", "The site's robots.txt disallows the start URL"),
    "start.robots_hint": (
        "ผู้ดูแลเว็บไซต์อนุญาต oit-check ใน robots.txt หรือปิดการเคารพ robots.txt (respect_robots)",
        "Allow oit-check in robots.txt, or turn respect_robots off for your own site.",
    ),
    "start.login_required": ("หน้าแรกต้องเข้าสู่ระบบก่อน", "The start page requires a login"),
    "start.login_required_hint": (
        "ข้อมูลตาม OIT ต้องเปิดเผยโดยไม่ต้องเข้าสู่ระบบ",
        "OIT information must be public without a login.",
    ),
    "start.not_found": ("ไม่พบหน้าแรกที่ระบุ", "The start page was not found"),
    "start.not_found_hint": ("ตรวจสอบที่อยู่เว็บไซต์", "Check the address."),
    "start.redirect_loop": ("หน้าแรกเปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด", "The start page redirects in a loop"),
    "start.too_many_redirects": ("หน้าแรกเปลี่ยนเส้นทางหลายครั้งเกินไป", "The start page redirects too many times"),
    "start.redirects_hint": ("ตรวจสอบการตั้งค่า redirect ของเว็บเซิร์ฟเวอร์", "Check the web server's redirect rules."),
    "start.other": ("เปิดหน้าแรกของเว็บไซต์ไม่ได้", "The start page could not be fetched"),
    "start.other_hint": ("ลองเปิดหน้าเว็บในเบราว์เซอร์", "Check the page in a browser."),
    # --- command-line messages (errors and hints show both languages: "English / Thai" for option errors)
    "cli.progress_crawl": ("กำลังตรวจเว็บไซต์", "crawling"),
    "cli.progress_match": ("กำลังตัดสินผล", "judging"),
    "cli.interrupted": ("ยกเลิก", "interrupted"),
    "cli.as_of_invalid": ("วันที่ไม่ถูกต้อง", "is not a date"),
    "cli.fiscal_year_not_be": ("ปีงบประมาณต้องเป็น พ.ศ.", "is not a Buddhist Era year"),
    "cli.thresholds_range": ("เกณฑ์ต้องอยู่ระหว่าง 0-100", "thresholds must be within 0-100"),
    "cli.agency_empty": ("ต้องระบุชื่อหน่วยงาน", "--agency is empty"),
    "cli.demo_site": (
        "เว็บไซต์สาธิตอยู่ที่ {url} (ปีงบประมาณ {year}, ณ วันที่ {as_of})",
        "demo site at {url} (fiscal year {year}, as of {as_of})",
    ),
    "cli.measures_year_mismatch": (
        "คำเตือน: ผลการประเมินเป็นของปี {results_year} แต่มาตรการเป็นของปี {year}",
        "warning: the results are for {results_year}, measures for {year}",
    ),
    "cli.measures_written": (
        "เขียน {markdown} และ {docx} แล้ว: ข้อที่ต้องปรับปรุง/เฝ้าระวัง {flagged} ข้อ",
        "wrote {markdown} and {docx}: {flagged} flagged items",
    ),
    "cli.measures_sections": ("ใน {sections} หัวข้อ", "in {sections} sections"),
    "cli.measures_unidentified": (
        "คำเตือน: มี {n} บรรทัดในไฟล์ผลการประเมินที่อ่านไม่ได้ (ดู oit-check results import)",
        "warning: {n} line(s) of the results could not be identified (see `oit-check results import`)",
    ),
    "dates.col_text": ("ข้อความ", "text"),
    "dates.col_found": ("ที่พบ", "found"),
    "dates.col_kind": ("ชนิด", "kind"),
    "dates.col_period": ("ช่วงวันที่", "period"),
    "dates.col_fiscal_year": ("ปีงบประมาณ", "fiscal year"),
    "dates.no_date": ("ไม่พบวันที่", "no date"),
    **VERDICT_STRINGS,
    **FLEET_STRINGS,
    **ALERT_STRINGS,
    **FAULT_STRINGS,
    **INPUT_STRINGS,
    **WEB_STRINGS,
}
