#!/usr/bin/env python3
"""Generate a large, deterministic synthetic Thai agency website for the benchmarks.

Usage (from the repository root)::

    /work/venv/bin/python benchmarks/generate_site.py                     # 2,000 pages, 200 PDFs
    /work/venv/bin/python benchmarks/generate_site.py --pages 5000 --pdfs 400 --out /tmp/site

The same ``--seed``/``--pages``/``--pdfs`` always give byte-identical files. The site imitates a
provincial office on a typical Thai government CMS (shared/domain/real-world-patterns.md):

* every HTML page is 30-100 KB: a ``<head>`` with a dozen stylesheet/script links, inline CSS and
  JS (with ``"<div>"`` strings), JSON-LD, a mega-menu of ~150 links with SVG icons, a banner,
  breadcrumbs, a sidebar (latest news, banners, calendar), a footer with address/phone/fax, and
  related-news cards with Thai dates in every format (full and abbreviated months, Thai digits,
  2-digit BE years, dd/mm/BBBB);
* an ITA index page (table ข้อ · ข้อมูล · รายละเอียด · ลิงก์, rows O1-O43 written in the usual
  variants ``O1``, ``o2``, ``OIT 3``, ``O4 :``), one page per item listing its documents, and the
  previous year's index as an accordion;
* deep news archives (5 categories, 12 cards per list page, numbered pagination), articles with
  photo galleries, tables and PDF attachments; monthly procurement (สขร.) pages; a webboard, an
  e-service form, a complaint form, laws, departments and services;
* PDFs made with reportlab and the TLWG Laksaman font (the TH Sarabun clone), 1-10 pages each,
  with Thai titles, dated headers, paragraphs and ruled tables;
* ``robots.txt`` and ``sitemap.xml``. Both need absolute URLs, so they are rendered from
  ``_robots.template.txt`` / ``_sitemap.template.xml`` (never served: ``_`` prefix) by
  ``write_host_files(root, base_url)`` once the server's port is known; the generator renders them
  for ``--base-url`` (default ``http://127.0.0.1:8000/``).

Every link on the site resolves (stylesheets, scripts and images exist as small files) except
off-site links (Facebook, YouTube, Google Maps), which a same-site crawl does not fetch.
``_manifest.json`` records the parameters and counts; ``run_benchmark.py`` regenerates the site
when they differ.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import random
import shutil
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote

GENERATOR_VERSION = 4
BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = BENCH_DIR / "site"
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONT_REGULAR = FONT_DIR / "Laksaman.ttf"
FONT_BOLD = FONT_DIR / "Laksaman-Bold.ttf"
MIN_PAGE_BYTES = 30_000
MAX_PAGE_BYTES = 100_000
CARDS_PER_LIST = 12
AS_OF = date(2024, 5, 15)  # the site is "as of" mid-May 2567 BE (fiscal year 2567)

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
          "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")  # fmt: skip
MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")

AGENCY = "สำนักงานส่งเสริมการพัฒนาท้องถิ่นจังหวัดตัวอย่าง"
AGENCY_EN = "Provincial Office for Local Development Promotion (synthetic)"
ADDRESS = "ศาลากลางจังหวัดตัวอย่าง ชั้น 2 ถนนราชดำเนิน ตำบลในเมือง อำเภอเมือง จังหวัดตัวอย่าง 65000"
PHONE = "0 5524 1234"
FAX = "0 5524 1235"
EMAIL = "saraban@example-local.go.th"

# ITA 2566 OIT items (shared/domain/ita-criteria.md §2.2): number, title, sub-indicator, kind.
# kind "page": the evidence is a page of the site; "doc": one or more PDFs.
ITA_ITEMS: tuple[tuple[int, str, str, str], ...] = (
    (1, "โครงสร้าง", "9.1", "page"),
    (2, "ข้อมูลผู้บริหาร", "9.1", "page"),
    (3, "อำนาจหน้าที่", "9.1", "page"),
    (4, "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", "9.1", "doc"),
    (5, "ข้อมูลการติดต่อ", "9.1", "page"),
    (6, "กฎหมายที่เกี่ยวข้อง", "9.1", "page"),
    (7, "ข่าวประชาสัมพันธ์", "9.1", "page"),
    (8, "Q&A", "9.1", "page"),
    (9, "Social Network", "9.1", "page"),
    (10, "นโยบายคุ้มครองข้อมูลส่วนบุคคล", "9.1", "page"),
    (11, "แผนดำเนินงานและการใช้งบประมาณประจำปี", "9.2", "doc"),
    (12, "รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณ ประจำปี รอบ 6 เดือน", "9.2", "doc"),
    (13, "รายงานผลการดำเนินงานประจำปี", "9.2", "doc"),
    (14, "คู่มือหรือมาตรฐานการปฏิบัติงาน", "9.2", "doc"),
    (15, "คู่มือหรือมาตรฐานการให้บริการ", "9.2", "doc"),
    (16, "ข้อมูลเชิงสถิติการให้บริการ", "9.2", "doc"),
    (17, "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "9.2", "doc"),
    (18, "E-Service", "9.2", "page"),
    (19, "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ", "9.3", "doc"),
    (20, "ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", "9.3", "page"),
    (21, "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน", "9.3", "monthly"),
    (22, "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", "9.3", "doc"),
    (23, "นโยบายหรือแผนการบริหารทรัพยากรบุคคล", "9.4", "doc"),
    (24, "การดำเนินการตามนโยบายหรือแผนการบริหารทรัพยากรบุคคล", "9.4", "doc"),
    (25, "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", "9.4", "doc"),
    (26, "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", "9.4", "doc"),
    (27, "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "9.5", "doc"),
    (28, "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "9.5", "page"),
    (29, "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "9.5", "doc"),
    (30, "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "9.5", "doc"),
    (31, "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่", "10.1", "doc"),
    (32, "การสร้างวัฒนธรรม No Gift Policy", "10.1", "doc"),
    (33, "รายงานผลตามนโยบาย No Gift Policy", "10.1", "doc"),
    (34, "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบประจำปี", "10.1", "doc"),
    (35, "การดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ", "10.1", "doc"),
    (36, "แผนปฏิบัติการป้องกันการทุจริต", "10.1", "doc"),
    (37, "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริตประจำปี รอบ 6 เดือน", "10.1", "doc"),
    (38, "รายงานผลการดำเนินการป้องกันการทุจริตประจำปี", "10.1", "doc"),
    (39, "ประมวลจริยธรรมสำหรับเจ้าหน้าที่ของรัฐ", "10.2", "doc"),
    (40, "การขับเคลื่อนจริยธรรม", "10.2", "doc"),
    (41, "การประเมินจริยธรรมเจ้าหน้าที่ของรัฐ", "10.2", "doc"),
    (42, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "10.2", "doc"),
    (43, "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "10.2", "doc"),
)
# Where the "page" items live (the ITA row links there).
ITEM_PAGES = {
    1: "/about/structure.html", 2: "/about/executives.html", 3: "/about/duties.html",
    5: "/about/contact.html", 6: "/laws/index.html", 7: "/news/pr/index.html", 8: "/webboard/index.html",
    9: "/about/social.html", 10: "/about/privacy.html", 18: "/eservice/index.html",
    20: "/news/procurement/index.html", 28: "/complaint/index.html",
}  # fmt: skip
# Document titles per item; {fy} is the fiscal year (BE) the document is about.
DOC_TITLES = {
    4: "แผนพัฒนาหน่วยงาน ระยะ 5 ปี (พ.ศ. 2566 - 2570)",
    11: "แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fy}",
    12: "รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณ รอบ 6 เดือน (ต.ค. {py2} - มี.ค. {fy2})",
    13: "รายงานผลการดำเนินงานประจำปีงบประมาณ พ.ศ. {py}",
    14: "คู่มือการปฏิบัติงาน {dept}",
    15: "คู่มือสำหรับประชาชน มาตรฐานการให้บริการ {service}",
    16: "ข้อมูลสถิติการให้บริการ ประจำปีงบประมาณ พ.ศ. {fy} รอบ 6 เดือน",
    17: "รายงานผลการสำรวจความพึงพอใจการให้บริการ ประจำปีงบประมาณ พ.ศ. {py}",
    19: "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {fy}",
    22: "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {py}",
    23: "แผนการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. {fy}",
    24: "รายงานการดำเนินการตามแผนการบริหารทรัพยากรบุคคล รอบ 6 เดือน ปีงบประมาณ พ.ศ. {fy}",
    25: "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล ({topic})",
    26: "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. {py}",
    27: "คู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
    29: "ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. {fy} รอบ 6 เดือน",
    30: "รายงานการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม {project}",
    31: "ประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่ ประจำปี พ.ศ. {fy}",
    32: "การสร้างวัฒนธรรม No Gift Policy กิจกรรม{project}",
    33: "รายงานผลตามนโยบาย No Gift Policy ประจำปีงบประมาณ พ.ศ. {py}",
    34: "การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. {fy}",
    35: "รายงานการดำเนินการเพื่อจัดการความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {fy}",
    36: "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {fy}",
    37: "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน (ต.ค. {py2} - มี.ค. {fy2})",
    38: "รายงานผลการดำเนินการป้องกันการทุจริตประจำปีงบประมาณ พ.ศ. {py}",
    39: "ประมวลจริยธรรมข้าราชการพลเรือน และข้อกำหนดจริยธรรม",
    40: "คำสั่งแต่งตั้งคณะทำงานขับเคลื่อนจริยธรรม ประจำปี พ.ศ. {fy}",
    41: "รายงานผลการประเมินจริยธรรมเจ้าหน้าที่ของรัฐ ประจำปีงบประมาณ พ.ศ. {py}",
    42: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {fy}",
    43: "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {fy}",
}
CODE_STYLES = ("O{n}", "O{n}", "O{n}", "o{n}", "O {n}", "OIT {n}", "O{n} :", "O{n} -", "0{n}")

FIRST = ("สมชาย", "สมศักดิ์", "วิไลวรรณ", "ประภาพร", "ธนพล", "กิตติพงษ์", "สุภาพร", "อรุณี", "ณัฐวุฒิ", "พรทิพย์",
         "ชัยวัฒน์", "มาลี", "ศิริพร", "วีระพงษ์", "อนุชา", "จันทร์เพ็ญ", "ปิยะนุช", "เกียรติศักดิ์")  # fmt: skip
LAST = ("ใจดี", "รักษ์ไทย", "ศรีสุข", "วงศ์สวัสดิ์", "บุญมา", "แก้วประเสริฐ", "ทองคำ", "สายสุวรรณ", "พูลผล", "มั่นคง",
        "เจริญสุข", "ปัญญาดี", "ศักดิ์สิทธิ์", "อินทรประเสริฐ")  # fmt: skip
PREFIX = ("นาย", "นาง", "นางสาว", "ว่าที่ร้อยตรี", "ดร.")
POSITIONS = ("ผู้อำนวยการสำนักงาน", "รองผู้อำนวยการ", "หัวหน้ากลุ่มงานบริหารทั่วไป", "นักวิเคราะห์นโยบายและแผนชำนาญการ",
             "นักทรัพยากรบุคคลปฏิบัติการ", "เจ้าพนักงานพัสดุชำนาญงาน", "นักวิชาการเงินและบัญชีชำนาญการ",
             "นิติกรชำนาญการพิเศษ", "นักประชาสัมพันธ์ปฏิบัติการ", "เจ้าพนักงานธุรการ")  # fmt: skip
DEPARTMENTS = (("general", "กลุ่มงานบริหารทั่วไป"), ("plan", "กลุ่มงานนโยบายและแผน"),
               ("finance", "กลุ่มงานการเงินและบัญชี"), ("supply", "กลุ่มงานพัสดุ"),
               ("hr", "กลุ่มงานทรัพยากรบุคคล"), ("legal", "กลุ่มงานกฎหมายและวินัย"),
               ("promotion", "กลุ่มงานส่งเสริมและพัฒนาท้องถิ่น"), ("it", "ศูนย์เทคโนโลยีสารสนเทศ"),
               ("audit", "กลุ่มงานตรวจสอบภายใน"), ("anticorruption", "ศูนย์ปฏิบัติการต่อต้านการทุจริต"),
               ("pr", "กลุ่มงานประชาสัมพันธ์"), ("service", "กลุ่มงานบริการประชาชน"))  # fmt: skip
SERVICES = ("การขอข้อมูลข่าวสารของราชการ", "การรับเรื่องราวร้องทุกข์", "การขอใช้สถานที่", "การขอรับเงินอุดหนุน",
            "การจดทะเบียนพาณิชย์", "การขออนุญาตก่อสร้างอาคาร", "การขอรับเบี้ยยังชีพผู้สูงอายุ",
            "การขอรับเบี้ยความพิการ", "การชำระภาษีที่ดินและสิ่งปลูกสร้าง", "การขอใบอนุญาตประกอบกิจการ",
            "การแจ้งซ่อมไฟฟ้าสาธารณะ", "การขอรับการสนับสนุนน้ำอุปโภคบริโภค", "การขอหนังสือรับรอง",
            "การยื่นคำร้องทั่วไป", "การขอสำเนาเอกสาร", "การลงทะเบียนผู้ประกอบการ", "การขอรับความช่วยเหลือผู้ประสบภัย",
            "การขอใช้รถบรรทุกน้ำ", "การขอรับบริการตรวจสอบคุณภาพน้ำ", "การยื่นขอรับรองสิทธิ")  # fmt: skip
PLACES = ("ห้องประชุมชั้น 3 อาคารสำนักงาน", "ห้องประชุมใหญ่ศาลากลางจังหวัด", "หอประชุมอำเภอเมือง",
          "ลานอเนกประสงค์หน้าสำนักงาน", "ศูนย์ราชการจังหวัด", "โรงเรียนบ้านหนองบัว", "องค์การบริหารส่วนตำบลนาดี",
          "วัดป่าสามัคคีธรรม", "ห้องประชุมออนไลน์ผ่านระบบ Zoom Meeting")  # fmt: skip
PROJECTS = ("โครงการพัฒนาศักยภาพบุคลากร", "โครงการส่งเสริมคุณธรรมจริยธรรม", "โครงการสร้างจิตสำนึกต่อต้านการทุจริต",
            "โครงการจิตอาสาพัฒนาชุมชน", "โครงการอบรมการใช้งานระบบ e-GP", "โครงการประเมินความพึงพอใจผู้รับบริการ",
            "โครงการเสริมสร้างวัฒนธรรมองค์กร", "โครงการพัฒนาระบบบริการออนไลน์", "โครงการบริหารจัดการขยะในสำนักงาน",
            "โครงการตรวจสุขภาพประจำปีเจ้าหน้าที่", "โครงการส่งเสริมการมีส่วนร่วมของภาคประชาชน",
            "โครงการเพิ่มประสิทธิภาพการจัดเก็บรายได้")  # fmt: skip
ACTIONS = ("เป็นประธานในพิธีเปิด", "ร่วมประชุมหารือแนวทางการดำเนินงาน", "ลงพื้นที่ติดตามการดำเนินงาน",
           "มอบนโยบายการปฏิบัติราชการ", "ร่วมกิจกรรมปลูกต้นไม้เฉลิมพระเกียรติ", "ให้การต้อนรับคณะศึกษาดูงาน",
           "ร่วมพิธีถวายพระพรชัยมงคล", "ประชุมคณะกรรมการบริหาร", "ร่วมกิจกรรมวันต่อต้านคอร์รัปชันสากล")  # fmt: skip
FILLER = (
    "เพื่อให้การปฏิบัติงานเป็นไปอย่างมีประสิทธิภาพ โปร่งใส และตรวจสอบได้",
    "โดยมีผู้เข้าร่วมกิจกรรมประกอบด้วยข้าราชการ พนักงานราชการ และลูกจ้าง จำนวน {n} คน",
    "ทั้งนี้ ได้เน้นย้ำให้ทุกหน่วยงานปฏิบัติตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 อย่างเคร่งครัด",
    "ผู้สนใจสามารถสอบถามรายละเอียดเพิ่มเติมได้ที่{dept} โทร {phone} ในวันและเวลาราชการ",
    "ในการนี้ ที่ประชุมได้ร่วมกันพิจารณาผลการดำเนินงานในไตรมาสที่ผ่านมา และกำหนดแนวทางการขับเคลื่อนในระยะต่อไป",
    "กิจกรรมดังกล่าวมีวัตถุประสงค์เพื่อส่งเสริมให้บุคลากรมีความรู้ความเข้าใจ และสามารถนำไปประยุกต์ใช้ในการปฏิบัติงานได้จริง",
    "พร้อมกันนี้ได้มอบวัสดุอุปกรณ์ให้แก่ผู้แทนชุมชน จำนวน {n} ชุด เพื่อใช้ประโยชน์ในพื้นที่",
    "ซึ่งเป็นไปตามแผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {fy} และยุทธศาสตร์การพัฒนาจังหวัด",
    "ผลการดำเนินงานที่ผ่านมาพบว่า ผู้รับบริการมีความพึงพอใจในภาพรวมร้อยละ {pct}",
    "สำหรับงบประมาณที่ใช้ในการดำเนินโครงการ จำนวนเงินทั้งสิ้น {money} บาท",
    "ขอเชิญชวนประชาชนที่สนใจเข้าร่วมแสดงความคิดเห็นผ่านช่องทางออนไลน์ของสำนักงาน ตั้งแต่บัดนี้เป็นต้นไป",
    "อนึ่ง หากพบเห็นการกระทำที่ส่อไปในทางทุจริต สามารถแจ้งเบาะแสได้ที่ศูนย์ปฏิบัติการต่อต้านการทุจริต",
)
NEWS_CATEGORIES = (
    ("pr", "ข่าวประชาสัมพันธ์", 0.40),
    ("activity", "ข่าวกิจกรรม", 0.25),
    ("procurement", "ประกาศจัดซื้อจัดจ้าง", 0.15),
    ("jobs", "ประกาศรับสมัครงาน", 0.08),
    ("announce", "ประกาศ / คำสั่ง", 0.12),
)
LAWS = ("พระราชบัญญัติระเบียบบริหารราชการแผ่นดิน พ.ศ. 2534", "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
        "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560", "พระราชบัญญัติวินัยการเงินการคลังของรัฐ พ.ศ. 2561",
        "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562", "พระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. 2562",
        "พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558",
        "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546",
        "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526", "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างฯ พ.ศ. 2560",
        "พระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. 2561",
        "พระราชบัญญัติความรับผิดทางละเมิดของเจ้าหน้าที่ พ.ศ. 2539", "พระราชบัญญัติวิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539",
        "ประมวลจริยธรรมข้าราชการพลเรือน", "พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565")  # fmt: skip
EXTERNAL_LINKS = (("moi.go.th", "กระทรวงมหาดไทย"), ("dla.go.th", "กรมส่งเสริมการปกครองท้องถิ่น"),
                  ("nacc.go.th", "สำนักงาน ป.ป.ช."), ("pacc.go.th", "สำนักงาน ป.ป.ท."), ("ocsc.go.th", "สำนักงาน ก.พ."),
                  ("opdc.go.th", "สำนักงาน ก.พ.ร."), ("cgd.go.th", "กรมบัญชีกลาง"), ("bb.go.th", "สำนักงบประมาณ"),
                  ("oic.go.th", "สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ"), ("egov.go.th", "สำนักงานพัฒนารัฐบาลดิจิทัล"),
                  ("damrongdhama.moi.go.th", "ศูนย์ดำรงธรรม"), ("1111.go.th", "สายด่วนรัฐบาล 1111"))  # fmt: skip
HR_TOPICS = ("การสรรหาและคัดเลือก", "การพัฒนาบุคลากร", "การประเมินผลการปฏิบัติงาน", "การให้คุณให้โทษและการสร้างขวัญกำลังใจ")


# --------------------------------------------------------------------------- text helpers


def be(year_ce: int) -> int:
    return year_ce + 543


def fiscal_year_be(d: date) -> int:
    return d.year + 543 + (1 if d.month >= 10 else 0)


def thai_date(d: date, style: int) -> str:
    """One of the date spellings seen on agency sites."""
    y = be(d.year)
    if style == 0:
        return f"{d.day} {MONTHS[d.month - 1]} {y}"
    if style == 1:
        return f"{d.day} {MONTHS_ABBR[d.month - 1]} {y % 100:02d}"
    if style == 2:
        return f"{d.day} {MONTHS[d.month - 1]} พ.ศ. {y}".translate(THAI_DIGITS)
    if style == 3:
        return f"{d.day:02d}/{d.month:02d}/{y}"
    if style == 4:
        return f"วันที่ {d.day} {MONTHS_ABBR[d.month - 1]} {y}"
    return f"{d.day} {MONTHS_ABBR[d.month - 1]}{y % 100:02d}"


def person(rng: random.Random) -> str:
    return f"{rng.choice(PREFIX)}{rng.choice(FIRST)} {rng.choice(LAST)}"


def sentence(rng: random.Random, fy: int = 2567) -> str:
    return rng.choice(FILLER).format(
        n=rng.randint(12, 480),
        dept=rng.choice(DEPARTMENTS)[1],
        phone=PHONE,
        fy=fy,
        pct=f"{rng.uniform(78, 97):.2f}",
        money=f"{rng.randint(5, 900) * 1000:,}",
    )


def paragraph(rng: random.Random, d: date, sentences: int) -> str:
    lead = (
        f"{thai_date(d, rng.choice((0, 4)))} {person(rng)} {rng.choice(POSITIONS)} "
        f"{rng.choice(ACTIONS)}{rng.choice(PROJECTS)} ณ {rng.choice(PLACES)}"
    )
    return " ".join([lead, *(sentence(rng, fiscal_year_be(d)) for _ in range(sentences))])


def utf8_len(s: str) -> int:
    return len(s.encode("utf-8"))


# --------------------------------------------------------------------------- site model


@dataclass
class Article:
    path: str
    category: str
    title: str
    published: date
    seed: int
    attachments: list[str] = field(default_factory=list)  # PDF paths
    list_page: str = ""


@dataclass
class Pdf:
    path: str
    title: str
    published: date
    pages: int
    seed: int
    table: str  # "procurement", "budget", "stats" or "none"


@dataclass
class Site:
    rng_seed: int
    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML
    pdfs: list[Pdf] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)  # category -> list page paths
    item_docs: dict[int, list[Pdf]] = field(default_factory=dict)  # item -> current-year docs
    old_item_docs: dict[int, list[Pdf]] = field(default_factory=dict)  # item -> previous-year docs
    monthly: list[tuple[date, str, Pdf | None]] = field(default_factory=list)  # (month, page, pdf)
    page_dates: dict[str, date] = field(default_factory=dict)
    latest: list[Article] = field(default_factory=list)


def news_path(cat: str, idx: int) -> str:
    return f"/news/{cat}/{idx:05d}.html"


def list_path(cat: str, page: int) -> str:
    return f"/news/{cat}/index.html" if page == 1 else f"/news/{cat}/page-{page}.html"


def fixed_page_paths() -> list[str]:
    """Pages that exist whatever the size of the site (about 160)."""
    paths = ["/index.html", "/about/history.html", "/about/vision.html", "/about/structure.html",
             "/about/executives.html", "/about/duties.html", "/about/contact.html", "/about/social.html",
             "/about/privacy.html", "/about/staff.html", "/laws/index.html", "/ita/index.html",
             "/ita/2566/index.html", "/eservice/index.html", "/complaint/index.html", "/webboard/index.html",
             "/procurement/index.html", "/downloads/index.html", "/sitemap.html"]  # fmt: skip
    paths += [f"/departments/{slug}.html" for slug, _ in DEPARTMENTS]
    paths += [f"/services/s{i + 1:02d}.html" for i in range(len(SERVICES))]
    paths += [law_path(i) for i in range(len(LAWS))]
    paths += [f"/webboard/topic-{i + 1:03d}.html" for i in range(24)]
    paths += [item_page_path(n) for n, *_ in ITA_ITEMS]
    return paths


def law_path(i: int) -> str:
    """WordPress-style Thai slug, cut at 24 characters (links to it are percent-encoded)."""
    slug = LAWS[i].replace(" ", "-").replace(".", "")[:24]
    return f"/laws/{i + 1:02d}-{slug}.html"


def item_page_path(n: int) -> str:
    return f"/ita/2567/o{n:02d}.html"


def month_range(start: date, end: date) -> Iterator[date]:
    d = date(start.year, start.month, 1)
    while d <= end:
        yield d
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def plan_site(n_pages: int, n_pdfs: int, seed: int) -> Site:
    """Decide every page and document (paths, titles, dates), before any HTML is written."""
    rng = random.Random(seed)
    site = Site(seed)
    fixed = fixed_page_paths()
    months = list(month_range(date(2022, 10, 1), date(2024, 4, 1)))  # FY2566 and FY2567 so far
    monthly_pages = [f"/procurement/monthly/{m.year + 543}-{m.month:02d}.html" for m in months]
    budget = n_pages - len(fixed) - len(monthly_pages)
    if budget < 60:
        raise SystemExit(f"--pages must be at least {len(fixed) + len(monthly_pages) + 60}")
    # articles + list pages = budget, with ceil(articles_c / 12) list pages per category
    n_articles = budget
    while True:
        per_cat = _split(n_articles, [w for *_, w in NEWS_CATEGORIES])
        n_lists = sum(max(1, math.ceil(c / CARDS_PER_LIST)) for c in per_cat)
        if n_articles + n_lists <= budget:
            break
        n_articles -= 1
    # articles, newest first per category (list page 1 shows the newest)
    start, end = date(2022, 10, 3), AS_OF - timedelta(days=1)
    span = (end - start).days
    for (cat, _label, _w), count in zip(NEWS_CATEGORIES, per_cat, strict=False):
        days = sorted((rng.randint(0, span) for _ in range(count)), reverse=True)
        pages = max(1, math.ceil(count / CARDS_PER_LIST))
        site.lists[cat] = [list_path(cat, p + 1) for p in range(pages)]
        for i, offset in enumerate(days):
            d = start + timedelta(days=offset)
            title = _news_title(rng, cat, d)
            art = Article(news_path(cat, count - i), cat, title, d, rng.randrange(1 << 30))
            art.list_page = site.lists[cat][i // CARDS_PER_LIST]
            site.articles.append(art)
    # pad with extra list pages if rounding left room (keeps the page count exact)
    short = budget - n_articles - sum(len(v) for v in site.lists.values())
    # documents: ITA items first, then monthly procurement, then news attachments
    pdf_budget = n_pdfs
    doc_items = [n for n, _t, _s, kind in ITA_ITEMS if kind == "doc"]
    for n in doc_items:
        if pdf_budget <= 0:
            break
        count = min(pdf_budget, rng.choice((1, 1, 2, 2, 3)) if n_pdfs >= 150 else 1)
        site.item_docs[n] = []
        for k in range(count):
            pdf = _item_pdf(rng, n, k, 2567)
            site.item_docs[n].append(pdf)
            site.pdfs.append(pdf)
            pdf_budget -= 1
    for m, page in zip(months, monthly_pages, strict=False):
        pdf = None
        if pdf_budget > 0:
            title = f"สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ ประจำเดือน{MONTHS[m.month - 1]} {be(m.year)} (แบบ สขร.1)"
            pdf = Pdf(f"/uploads/procurement/{be(m.year)}/skr-{be(m.year)}-{m.month:02d}.pdf", title,
                      date(m.year + (m.month == 12), m.month % 12 + 1, rng.randint(1, 9)), rng.randint(1, 4),
                      rng.randrange(1 << 30), "procurement")  # fmt: skip
            site.pdfs.append(pdf)
            pdf_budget -= 1
        site.monthly.append((m, page, pdf))
    # previous-year ITA documents (a few items), linked from the 2566 accordion page
    for n in doc_items[::3]:
        if pdf_budget <= 0 or pdf_budget < n_pdfs * 0.3:
            break
        pdf = _item_pdf(rng, n, 0, 2566)
        site.old_item_docs[n] = [pdf]
        site.pdfs.append(pdf)
        pdf_budget -= 1
    # the rest are news attachments (procurement notices, job announcements, orders)
    attach_cats = {"procurement", "jobs", "announce", "pr"}
    candidates = [a for a in site.articles if a.category in attach_cats]
    rng.shuffle(candidates)
    i = 0
    while pdf_budget > 0 and candidates:
        art = candidates[i % len(candidates)]
        k = len(art.attachments)
        pdf = Pdf(f"/uploads/news/{art.published.year}/{art.published.month:02d}/{art.path.rsplit('/', 1)[1][:-5]}-{k + 1}.pdf",
                  art.title if k == 0 else f"{art.title} (เอกสารแนบ {k + 1})", art.published,
                  rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8, 10)), rng.randrange(1 << 30),
                  "procurement" if art.category == "procurement" else rng.choice(("none", "budget", "stats")))  # fmt: skip
        art.attachments.append(pdf.path)
        site.pdfs.append(pdf)
        pdf_budget -= 1
        i += 1
    site._extra_lists = short  # type: ignore[attr-defined]
    return site


def _split(total: int, weights: list[float]) -> list[int]:
    raw = [total * w / sum(weights) for w in weights]
    out = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)[: total - sum(out)]:
        out[i] += 1
    return out


def _news_title(rng: random.Random, cat: str, d: date) -> str:
    fy = fiscal_year_be(d)
    if cat == "procurement":
        thing = rng.choice(("จัดซื้อวัสดุสำนักงาน", "จ้างเหมาบริการทำความสะอาดอาคาร", "จัดซื้อครุภัณฑ์คอมพิวเตอร์",
                            "จ้างซ่อมแซมถนนคอนกรีตเสริมเหล็ก", "จัดซื้อน้ำมันเชื้อเพลิง", "จ้างพิมพ์เอกสารประชาสัมพันธ์",
                            "จ้างก่อสร้างรางระบายน้ำ", "จัดซื้อวัสดุคอมพิวเตอร์"))  # fmt: skip
        kind = rng.choice(("ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง", "ประกาศผู้ชนะการเสนอราคา", "ประกวดราคาจ้าง",
                           "ประกาศราคากลาง"))  # fmt: skip
        return f"{kind}{thing} โดยวิธีเฉพาะเจาะจง ปีงบประมาณ {fy}"
    if cat == "jobs":
        return (
            f"ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการทั่วไป ตำแหน่ง{rng.choice(POSITIONS)} ครั้งที่ {rng.randint(1, 4)}/{fy}"
        )
    if cat == "announce":
        return rng.choice(("คำสั่งแต่งตั้งคณะกรรมการ", "ประกาศหลักเกณฑ์การปฏิบัติงาน", "ประกาศวันหยุดราชการ",
                           "ประกาศผลการคัดเลือก", "คำสั่งมอบหมายหน้าที่")) + f" ที่ {rng.randint(1, 240)}/{be(d.year)}"  # fmt: skip
    return f"{rng.choice(('ผู้อำนวยการ', 'รองผู้อำนวยการ', 'คณะผู้บริหาร', 'เจ้าหน้าที่'))}{rng.choice(ACTIONS)}{rng.choice(PROJECTS)}"


def _item_pdf(rng: random.Random, n: int, k: int, fy: int) -> Pdf:
    template = DOC_TITLES[n]
    title = template.format(
        fy=fy,
        py=fy - 1,
        fy2=fy % 100,
        py2=(fy - 1) % 100,
        dept=rng.choice(DEPARTMENTS)[1],
        service=SERVICES[(n + k * 7) % len(SERVICES)],
        topic=HR_TOPICS[k % len(HR_TOPICS)],
        project=rng.choice(PROJECTS),
    )
    if k and "{" not in template and title == template.format(fy=fy, py=fy - 1, fy2=0, py2=0):
        title = f"{title} (ฉบับที่ {k + 1})"
    published = date(fy - 544, 10, 1) + timedelta(days=rng.randint(5, 200))
    table = {19: "procurement", 11: "budget", 16: "stats", 29: "stats", 36: "budget", 12: "budget"}.get(n, "none")
    return Pdf(f"/uploads/ita{fy}/o{n:02d}/o{n:02d}-{fy}-{k + 1}.pdf", title, published,
               rng.choice((1, 2, 3, 4, 5, 6, 8, 10)), rng.randrange(1 << 30), table)  # fmt: skip


# --------------------------------------------------------------------------- page chrome

_CSS_CACHE: dict[int, str] = {}
_MENU_CACHE: dict[int, tuple[str, list[tuple[str, str]]]] = {}


def inline_css(seed: int) -> str:
    if seed in _CSS_CACHE:
        return _CSS_CACHE[seed]
    rng = random.Random(seed ^ 0xC55)
    sels = (".mega-menu", ".navbar", ".news-card", ".sidebar", ".footer", ".breadcrumb", ".ita-table", ".banner",
            ".card-body", ".btn-primary", ".calendar", ".gallery", ".pagination", ".topbar", ".search-box")  # fmt: skip
    props = ("padding:{a}px {b}px", "margin:{a}px 0", "color:#{c:06x}", "background:#{c:06x}", "font-size:{f}rem",
             "border-bottom:1px solid #{c:06x}", "line-height:1.{a}", "display:flex", "gap:{a}px",
             "border-radius:{a}px", "font-family:'Sarabun','TH SarabunPSK',sans-serif")  # fmt: skip
    lines = []
    for i in range(56):
        sel = f"{rng.choice(sels)} {rng.choice(('a', 'li', 'ul', 'h3', 'p', 'span', '.item', '.title', '.date'))}"
        if i % 9 == 0:
            sel = f"@media (max-width:{rng.choice((576, 768, 992))}px){{{sel}"
        body = ";".join(rng.choice(props).format(a=rng.randint(1, 24), b=rng.randint(1, 30), c=rng.randrange(1 << 24),
                                                 f=rng.choice((0.8, 0.9, 1, 1.1, 1.25))) for _ in range(rng.randint(2, 5)))  # fmt: skip
        lines.append(f"{sel}{{{body}}}" + ("}" if i % 9 == 0 else ""))
    _CSS_CACHE[seed] = "\n".join(lines)
    return _CSS_CACHE[seed]


INLINE_JS = """
window.siteConfig = {lang: "th", baseFont: 16, contrast: false, cookieConsent: "pdpa_consent_v2",
  templates: {popup: "<div class=\\"popup\\"><div class=\\"popup-inner\\"><a href=\\"#\\" class=\\"close\\">ปิด</a>",
  toast: "<div class='toast'>ขอบคุณที่ใช้บริการ</div>", empty: "<p>ไม่พบข้อมูล</p>"}};
(function(){var b=document.querySelectorAll('.font-size button');for(var i=0;i<b.length;i++){b[i].addEventListener('click',
function(e){document.documentElement.style.fontSize=e.target.getAttribute('data-size')+'px';});}
var m=document.querySelector('.mega-toggle');if(m){m.onclick=function(){document.body.classList.toggle('menu-open');};}
if(!localStorage.getItem('pdpa_consent_v2')){var d=document.createElement('div');d.innerHTML=window.siteConfig.templates.popup+
'<p>เว็บไซต์นี้ใช้คุกกี้เพื่อพัฒนาประสบการณ์การใช้งาน <a href="/about/privacy.html">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></p></div></div>';
document.body.appendChild(d);}})();
window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-XXXXXXX');
"""

SVG = ('<svg class="ic" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M{a} {b}l{c} {d}'
       'h-{e}v{f}a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V9l9-7 9 7z"/></svg>')  # fmt: skip


def mega_menu(site: Site) -> tuple[str, list[tuple[str, str]]]:
    """The site-wide menu (~150 links), identical on every page."""
    if site.rng_seed in _MENU_CACHE:
        return _MENU_CACHE[site.rng_seed]
    groups: list[tuple[str, list[tuple[str, str]]]] = [
        ("หน้าหลัก", [("/index.html", "หน้าหลัก"), ("/sitemap.html", "แผนผังเว็บไซต์")]),
        ("เกี่ยวกับหน่วยงาน", [("/about/history.html", "ประวัติความเป็นมา"), ("/about/vision.html", "วิสัยทัศน์ พันธกิจ"),
                               ("/about/structure.html", "โครงสร้างองค์กร"), ("/about/executives.html", "ทำเนียบผู้บริหาร"),
                               ("/about/duties.html", "อำนาจหน้าที่"), ("/about/staff.html", "บุคลากร"),
                               ("/about/contact.html", "ติดต่อเรา"), ("/about/social.html", "เครือข่ายสังคมออนไลน์")]),
        ("หน่วยงานภายใน", [(f"/departments/{s}.html", label) for s, label in DEPARTMENTS]),
        ("บริการประชาชน", [(f"/services/s{i + 1:02d}.html", s) for i, s in enumerate(SERVICES)]
         + [("/eservice/index.html", "E-Service บริการออนไลน์"), ("/webboard/index.html", "กระดานถาม-ตอบ (Q&A)"),
            ("/complaint/index.html", "แจ้งเรื่องร้องเรียนการทุจริต")]),
        ("ข่าวสาร", [(site.lists[c][0], label) for c, label, _ in NEWS_CATEGORIES]),
        ("กฎหมายและระเบียบ", [("/laws/index.html", "กฎหมายที่เกี่ยวข้อง")]
         + [(quote(law_path(i)), t[:40]) for i, t in enumerate(LAWS)]),
        ("จัดซื้อจัดจ้าง", [("/procurement/index.html", "ข้อมูลการจัดซื้อจัดจ้าง"),
                            (site.lists["procurement"][0], "ประกาศจัดซื้อจัดจ้าง")]
         + [(p, f"สขร. {MONTHS_ABBR[m.month - 1]} {be(m.year) % 100}") for m, p, _ in reversed(site.monthly)]),
        ("ITA", [("/ita/index.html", "การเปิดเผยข้อมูลสาธารณะ (OIT) ปี 2567"),
                 ("/ita/2566/index.html", "ITA ปี 2566"), (item_page_path(36), "แผนปฏิบัติการป้องกันการทุจริต"),
                 (item_page_path(31), "No Gift Policy"), (item_page_path(42), "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"),
                 ("/complaint/index.html", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต")]),
        ("ดาวน์โหลด", [("/downloads/index.html", "เอกสารดาวน์โหลด"), ("/about/privacy.html", "นโยบายคุ้มครองข้อมูลส่วนบุคคล")]),
        ("ลิงก์หน่วยงาน", [(f"https://www.{h}/", label) for h, label in EXTERNAL_LINKS]),
    ]  # fmt: skip
    rng = random.Random(site.rng_seed ^ 0x3E7)
    parts = [
        '<nav class="navbar mega-menu" role="navigation"><button class="mega-toggle" aria-label="เมนู">☰</button><ul class="nav">'
    ]
    links: list[tuple[str, str]] = []
    for g, (label, entries) in enumerate(groups):
        icon = SVG.format(a=rng.randint(1, 20), b=rng.randint(1, 20), c=rng.randint(1, 9), d=rng.randint(1, 9),
                          e=rng.randint(1, 9), f=rng.randint(1, 9))  # fmt: skip
        parts.append(f'<li class="nav-item dropdown mega" id="m{g}"><a class="nav-link dropdown-toggle" href="{entries[0][0]}" '
                     f'data-toggle="dropdown">{icon}<span>{escape(label)}</span></a>'
                     f'<div class="dropdown-menu mega-panel"><div class="row">')  # fmt: skip
        for c in range(0, len(entries), 6):
            parts.append('<div class="col-md-4"><ul class="mega-col">')
            for href, text in entries[c : c + 6]:
                parts.append(f'<li><a href="{href}">{escape(text)}</a></li>')
                links.append((href, text))
            parts.append("</ul></div>")
        parts.append("</div></div></li>")
    parts.append("</ul></nav>")
    _MENU_CACHE[site.rng_seed] = ("".join(parts), links)
    return _MENU_CACHE[site.rng_seed]


def head(site: Site, title: str, path: str) -> str:
    css = "".join(f'<link rel="stylesheet" href="/assets/css/{n}.css?v=3.2.{i}">'
                  for i, n in enumerate(("bootstrap.min", "fontawesome", "owl.carousel", "main", "mega-menu",
                                         "responsive", "print")))  # fmt: skip
    js = "".join(
        f'<script src="/assets/js/{n}.js?v=1.4"></script>' for n in ("jquery.min", "bootstrap.bundle", "owl.carousel")
    )
    ld = json.dumps({"@context": "https://schema.org", "@type": "GovernmentOrganization", "name": AGENCY,
                     "address": ADDRESS, "telephone": PHONE, "url": path}, ensure_ascii=False)  # fmt: skip
    return (
        f'<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)} - {AGENCY}</title><meta name="description" content="{escape(title)}">'
        f'<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="{AGENCY}">'
        f'<link rel="icon" href="/assets/img/favicon.ico"><link rel="preconnect" href="https://fonts.googleapis.com">'
        f'<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Sarabun:wght@300;400;700&amp;display=swap">'
        f"{css}<style>{inline_css(site.rng_seed)}</style>{js}"
        f'<script type="application/ld+json">{ld}</script><script>{INLINE_JS}</script></head>'
    )


def header(site: Site) -> str:
    menu, _ = mega_menu(site)
    return (
        '<body class="th"><a class="skip" href="#main">ข้ามไปยังเนื้อหา</a><div class="topbar"><div class="container">'
        '<span class="font-size">ขนาดตัวอักษร <button data-size="14">ก-</button><button data-size="16">ก</button>'
        '<button data-size="18">ก+</button></span><span class="contrast"><button>สีปกติ</button><button>ขาวดำ</button></span>'
        '<form class="search-box" action="/search" method="get"><input type="text" name="q" placeholder="ค้นหา...">'
        '<button type="submit">ค้นหา</button></form></div></div>'
        f'<header class="site-header" role="banner"><div class="container"><a href="/index.html" class="logo">'
        f'<img src="/assets/img/logo.png" alt="ตราสัญลักษณ์{AGENCY}"><span class="name">{AGENCY}<small>{AGENCY_EN}</small></span>'
        f"</a></div></header>{menu}"
        '<div class="banner owl-carousel">'
        + "".join(
            f'<div class="item"><img src="/assets/img/banner-{i}.jpg" alt="ภาพแบนเนอร์ {i}"></div>' for i in range(1, 4)
        )
        + "</div>"
    )


def breadcrumb(trail: list[tuple[str, str]]) -> str:
    items = "".join(f'<li class="breadcrumb-item"><a href="{h}">{escape(t)}</a></li>' for h, t in trail[:-1])
    return (f'<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/index.html">หน้าหลัก</a></li>'
            f'{items}<li class="breadcrumb-item active">{escape(trail[-1][1])}</li></ol></nav>')  # fmt: skip


def news_card(rng: random.Random, art: Article, excerpt_sentences: int = 1) -> str:
    d = art.published
    return (
        f'<div class="news-card col-md-4"><a href="{art.path}" class="thumb"><img src="/assets/img/news-{art.seed % 24}.jpg" '
        f'alt="{escape(art.title[:60])}"></a><div class="card-body"><h3 class="title"><a href="{art.path}">{escape(art.title)}</a></h3>'
        f'<span class="date"><i class="fa fa-calendar"></i> {thai_date(d, rng.randrange(6))}</span>'
        f'<p class="excerpt">{escape(paragraph(rng, d, excerpt_sentences)[:400])}</p>'
        f'<span class="views">อ่าน {rng.randint(12, 4000)} ครั้ง</span></div></div>'
    )


def sidebar(site: Site, rng: random.Random) -> str:
    if not site.latest:
        site.latest = sorted(site.articles, key=lambda a: a.published, reverse=True)[:12]
    latest = site.latest[:6]
    cal_month = AS_OF
    days = "".join(f"<td>{d}</td>" + ("</tr><tr>" if d % 7 == 0 else "") for d in range(1, 31))
    return (
        '<aside class="sidebar col-md-3" role="complementary"><div class="widget"><h4>ข่าวล่าสุด</h4><ul>'
        + "".join(
            f'<li><a href="{a.path}">{escape(a.title[:70])}</a> <small>{thai_date(a.published, 1)}</small></li>'
            for a in latest
        )
        + '</ul></div><div class="widget banners">'
        + '<a href="/ita/index.html"><img src="/assets/img/ita-banner.png" alt="ITA การประเมินคุณธรรมและความโปร่งใส"></a>'
        + '<a href="/complaint/index.html"><img src="/assets/img/complaint.png" alt="แจ้งเรื่องร้องเรียนการทุจริต"></a>'
        + '<a href="https://www.facebook.com/example.local.go.th" target="_blank" rel="noopener"><img src="/assets/img/fb.png" alt="Facebook"></a>'
        + f'</div><div class="widget calendar"><h4>ปฏิทินกิจกรรม {MONTHS[cal_month.month - 1]} {be(cal_month.year)}</h4>'
        + f'<table class="calendar"><tr><th>อา</th><th>จ</th><th>อ</th><th>พ</th><th>พฤ</th><th>ศ</th><th>ส</th></tr><tr>{days}</tr></table>'
        + f'</div><div class="widget counter"><h4>สถิติผู้เข้าชม</h4><p>วันนี้ {rng.randint(50, 900)} คน</p>'
        + f"<p>ทั้งหมด {rng.randint(200000, 900000):,} คน</p></div></aside>"
    )


def footer(site: Site) -> str:
    return (
        '<footer class="footer" role="contentinfo"><div class="container"><div class="row"><div class="col-md-5">'
        f'<h4>{AGENCY}</h4><p>{ADDRESS}</p><p>โทรศัพท์ {PHONE} โทรสาร {FAX}</p><p>อีเมล <a href="mailto:{EMAIL}">{EMAIL}</a></p>'
        '</div><div class="col-md-4"><h4>ลิงก์ที่เกี่ยวข้อง</h4><ul>'
        '<li><a href="https://www.nacc.go.th/" target="_blank">สำนักงาน ป.ป.ช.</a></li>'
        '<li><a href="https://itas.nacc.go.th/" target="_blank">ระบบ ITAS</a></li>'
        '<li><a href="https://www.gprocurement.go.th/" target="_blank">ระบบ e-GP กรมบัญชีกลาง</a></li>'
        '<li><a href="/about/privacy.html">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></li><li><a href="/sitemap.html">แผนผังเว็บไซต์</a></li>'
        '<li><a href="/about/contact.html">ติดต่อเรา</a></li></ul></div><div class="col-md-3"><h4>ติดตามเรา</h4>'
        '<a href="https://www.facebook.com/example.local.go.th">Facebook</a> <a href="https://www.youtube.com/@examplelocal">YouTube</a> '
        '<a href="https://line.me/R/ti/p/@examplelocal">LINE Official</a></div></div>'
        f'<p class="copyright">สงวนลิขสิทธิ์ © {be(AS_OF.year)} {AGENCY} ออกแบบและพัฒนาโดยศูนย์เทคโนโลยีสารสนเทศ</p></div></footer>'
        '<script src="/assets/js/main.js?v=1.4"></script></body></html>\n'
    )


def related_block(site: Site, rng: random.Random, need: int) -> str:
    """Related-news cards until about ``need`` bytes are added (used to reach the page's target size)."""
    parts = ['<section class="related"><h2>ข่าวที่เกี่ยวข้อง</h2><div class="row">']
    size = 0
    while size < need:
        card = news_card(rng, rng.choice(site.articles), rng.randint(1, 3))
        parts.append(card)
        size += utf8_len(card)
    parts.append("</div></section>")
    return "".join(parts)


def render(site: Site, path: str, title: str, trail: list[tuple[str, str]], main: str, seed: int) -> str:
    """A whole page: chrome + main + related news, sized to a target in [30 KB, 100 KB]."""
    rng = random.Random(seed)
    target = rng.randint(MIN_PAGE_BYTES, MAX_PAGE_BYTES)
    top = (
        head(site, title, path)
        + header(site)
        + '<div class="container"><div class="row"><main id="main" class="col-md-9">'
    )
    top += breadcrumb(trail) + f"<h1>{escape(title)}</h1>"
    bottom = "</main>" + sidebar(site, rng) + "</div></div>" + footer(site)
    have = utf8_len(top) + utf8_len(main) + utf8_len(bottom)
    extra = related_block(site, rng, target - have - 200) if have < target - 600 else ""
    return top + main + extra + bottom


# --------------------------------------------------------------------------- pages


def build_pages(site: Site) -> None:
    rng = random.Random(site.rng_seed ^ 0xBEEF)
    add = site.pages.__setitem__

    def seed() -> int:
        return rng.randrange(1 << 30)

    def paras(count: int, d: date = AS_OF) -> str:
        return "".join(f"<p>{escape(paragraph(rng, d - timedelta(days=rng.randint(0, 300)), rng.randint(2, 5)))}</p>"
                       for _ in range(count))  # fmt: skip

    # home
    sidebar(site, random.Random(0))  # fills site.latest
    cards = "".join(news_card(rng, a) for a in site.latest)
    home = ('<section class="highlight"><h2>ข่าวเด่น</h2><div class="row">' + cards + "</div></section>"
            '<section class="quick"><h2>บริการประชาชน</h2><ul class="quick-links">'
            + "".join(f'<li><a href="/services/s{i + 1:02d}.html">{escape(s)}</a></li>' for i, s in enumerate(SERVICES[:8]))
            + '</ul><a href="/ita/index.html" class="ita-box"><img src="/assets/img/ita-banner.png" alt="ITA"> '
            "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปี 2567</a></section>")  # fmt: skip
    add("/index.html", render(site, "/index.html", "หน้าหลัก", [("/index.html", "หน้าหลัก")], home, seed()))

    # about pages
    about = {
        "/about/history.html": ("ประวัติความเป็นมา", paras(6)),
        "/about/vision.html": ("วิสัยทัศน์ พันธกิจ และยุทธศาสตร์", "<h2>วิสัยทัศน์</h2>" + paras(2) + "<h2>พันธกิจ</h2><ol>"
                                + "".join(f"<li>{escape(sentence(rng))}</li>" for _ in range(6)) + "</ol>"),
        "/about/structure.html": ("โครงสร้างองค์กร", '<img src="/assets/img/org-chart.png" alt="แผนภูมิโครงสร้างองค์กร">'
                                   "<h2>โครงสร้างการแบ่งส่วนราชการ</h2><ul>"
                                   + "".join(f"<li>{escape(d)}</li>" for _, d in DEPARTMENTS) + "</ul>" + paras(1)),
        "/about/executives.html": ("ข้อมูลผู้บริหาร", '<div class="row executives">' + "".join(
            f'<div class="col-md-4 exec"><img src="/assets/img/exec-{i}.jpg" alt="{person(rng)}"><h3>{person(rng)}</h3>'
            f"<p>{POSITIONS[min(i, 2)]}</p><p>โทร {PHONE} ต่อ {100 + i}</p><p>อีเมล exec{i}@example-local.go.th</p></div>"
            for i in range(6)) + "</div>"),
        "/about/duties.html": ("อำนาจหน้าที่", "<p>ตามกฎกระทรวงแบ่งส่วนราชการ มีอำนาจหน้าที่ดังต่อไปนี้</p><ol>"
                               + "".join(f"<li>{escape(sentence(rng))}</li>" for _ in range(10)) + "</ol>"),
        "/about/contact.html": ("ข้อมูลการติดต่อ", f"<h2>ติดต่อเรา</h2><p>{ADDRESS}</p><p>โทรศัพท์ {PHONE}</p><p>โทรสาร {FAX}</p>"
                                f'<p>อีเมล <a href="mailto:{EMAIL}">{EMAIL}</a></p><h3>แผนที่ตั้ง</h3>'
                                '<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3000!2d100.1!3d16.8" '
                                'width="600" height="450" title="แผนที่ตั้งสำนักงาน" loading="lazy"></iframe>'),
        "/about/social.html": ("Social Network", '<ul><li><a href="https://www.facebook.com/example.local.go.th">Facebook '
                               f"{AGENCY}</a></li><li><a href=\"https://www.youtube.com/@examplelocal\">YouTube</a></li>"
                               '<li><a href="https://line.me/R/ti/p/@examplelocal">LINE Official Account</a></li></ul>'),
        "/about/privacy.html": ("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "<h2>นโยบายคุ้มครองข้อมูลส่วนบุคคล (Privacy Policy)</h2>"
                                + paras(5)),
        "/about/staff.html": ("บุคลากร", '<table class="table"><tr><th>ชื่อ - สกุล</th><th>ตำแหน่ง</th><th>โทร</th></tr>'
                              + "".join(f"<tr><td>{person(rng)}</td><td>{rng.choice(POSITIONS)}</td><td>{PHONE} ต่อ {200 + i}</td></tr>"
                                        for i in range(40)) + "</table>"),
    }  # fmt: skip
    for p, (t, body) in about.items():
        add(p, render(site, p, t, [("/about/history.html", "เกี่ยวกับหน่วยงาน"), (p, t)], body, seed()))
    for slug, label in DEPARTMENTS:
        p = f"/departments/{slug}.html"
        body = (
            paras(3)
            + "<h2>บุคลากร</h2><ul>"
            + "".join(f"<li>{person(rng)} {rng.choice(POSITIONS)}</li>" for _ in range(8))
            + "</ul>"
        )
        add(p, render(site, p, label, [("/about/structure.html", "หน่วยงานภายใน"), (p, label)], body, seed()))
    for i, s in enumerate(SERVICES):
        p = f"/services/s{i + 1:02d}.html"
        body = ("<h2>ขั้นตอนการให้บริการ</h2><table class=\"table\"><tr><th>ขั้นตอน</th><th>รายละเอียด</th><th>ระยะเวลา</th>"
                "<th>ผู้รับผิดชอบ</th></tr>" + "".join(f"<tr><td>{k + 1}</td><td>{escape(sentence(rng))}</td><td>{rng.randint(1, 15)} นาที</td>"
                                                      f"<td>{rng.choice(DEPARTMENTS)[1]}</td></tr>" for k in range(6))
                + "</table>" + paras(2))  # fmt: skip
        add(p, render(site, p, f"คู่มือสำหรับประชาชน: {s}", [("/services/s01.html", "บริการประชาชน"), (p, s)], body, seed()))
    # laws
    add("/laws/index.html", render(site, "/laws/index.html", "กฎหมายที่เกี่ยวข้อง", [("/laws/index.html", "กฎหมายที่เกี่ยวข้อง")],
                                   "<ol>" + "".join(f'<li><a href="{quote(law_path(i))}">{escape(t)}</a></li>' for i, t in enumerate(LAWS))
                                   + "</ol>", seed()))  # fmt: skip
    for i, t in enumerate(LAWS):
        p = law_path(i)
        add(p, render(site, p, t, [("/laws/index.html", "กฎหมายที่เกี่ยวข้อง"), (p, t[:30])], paras(4), seed()))
    # webboard (Q&A)
    topics = [f"/webboard/topic-{i + 1:03d}.html" for i in range(24)]
    wb = ('<table class="table webboard"><tr><th>หัวข้อ</th><th>ผู้ตั้ง</th><th>วันที่</th><th>ตอบ</th></tr>'
          + "".join(f'<tr><td><a href="{t}">สอบถามเรื่อง{rng.choice(SERVICES)}</a></td><td>{rng.choice(FIRST)}</td>'
                    f"<td>{thai_date(AS_OF - timedelta(days=i * 9), 3)}</td><td>{rng.randint(0, 5)}</td></tr>" for i, t in enumerate(topics))
          + '</table><form action="/webboard/post" method="post"><label>หัวข้อคำถาม <input name="subject"></label>'
          '<label>รายละเอียด <textarea name="detail"></textarea></label><button type="submit">ตั้งคำถาม</button></form>')  # fmt: skip
    add(
        "/webboard/index.html",
        render(site, "/webboard/index.html", "กระดานถาม-ตอบ (Q&A)", [("/webboard/index.html", "Q&A")], wb, seed()),
    )
    for i, t in enumerate(topics):
        body = "".join(f'<div class="post"><p class="who">{rng.choice(FIRST)} {thai_date(AS_OF - timedelta(days=i * 9 - k), 1)}</p>'
                       f"<p>{escape(sentence(rng))}</p></div>" for k in range(rng.randint(1, 6)))  # fmt: skip
        add(
            t,
            render(site, t, f"กระทู้ถาม-ตอบ #{i + 1}", [("/webboard/index.html", "Q&A"), (t, f"#{i + 1}")], body, seed()),
        )
    # e-service and complaint forms
    es = ('<p>ยื่นคำร้องออนไลน์ได้ตลอด 24 ชั่วโมง</p><form action="/eservice/submit" method="post">'
          '<label>ชื่อ - สกุล <input name="name"></label><label>เลขบัตรประชาชน <input name="cid"></label>'
          '<label>ประเภทคำร้อง <select name="type">' + "".join(f"<option>{s}</option>" for s in SERVICES[:10])
          + '</select></label><label>รายละเอียด <textarea name="detail"></textarea></label><button type="submit">ส่งคำร้อง</button></form>')  # fmt: skip
    add(
        "/eservice/index.html",
        render(
            site,
            "/eservice/index.html",
            "E-Service ระบบบริการออนไลน์",
            [("/eservice/index.html", "E-Service")],
            es,
            seed(),
        ),
    )
    cp = ("<p>ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่ ผู้ร้องเรียนจะได้รับความคุ้มครองและข้อมูลจะถูกเก็บเป็นความลับ</p>"
          '<form action="/complaint/submit" method="post"><label>เรื่องที่ร้องเรียน <input name="subject"></label>'
          '<label>รายละเอียด <textarea name="detail"></textarea></label><label>ช่องทางติดต่อกลับ (ไม่บังคับ) <input name="contact"></label>'
          '<button type="submit">ส่งเรื่องร้องเรียน</button></form><p>หรือแจ้งผ่าน <a href="https://wbs.nacc.go.th/">ระบบ WBS สำนักงาน ป.ป.ช.</a></p>')  # fmt: skip
    add("/complaint/index.html", render(site, "/complaint/index.html", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
                                        [("/complaint/index.html", "ร้องเรียนการทุจริต")], cp, seed()))  # fmt: skip
    # procurement
    rows = "".join(f'<tr><td>{MONTHS[m.month - 1]} {be(m.year)}</td><td><a href="{p}">รายละเอียด</a></td>'
                   + (f'<td><a href="{pdf.path}">แบบ สขร.1 (PDF)</a></td>' if pdf else "<td>-</td>") + "</tr>"
                   for m, p, pdf in reversed(site.monthly))  # fmt: skip
    add("/procurement/index.html", render(site, "/procurement/index.html", "ข้อมูลการจัดซื้อจัดจ้าง",
                                          [("/procurement/index.html", "จัดซื้อจัดจ้าง")],
                                          '<h2>สรุปผลการจัดซื้อจัดจ้างรายเดือน</h2><table class="table"><tr><th>เดือน</th><th>หน้า</th><th>ไฟล์</th></tr>'
                                          + rows + "</table>", seed()))  # fmt: skip
    for m, p, pdf in site.monthly:
        t = f"สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ ประจำเดือน{MONTHS[m.month - 1]} {be(m.year)}"
        body = ('<table class="table"><tr><th>ลำดับ</th><th>งานที่จัดซื้อหรือจัดจ้าง</th><th>วงเงิน (บาท)</th><th>ราคากลาง</th>'
                "<th>วิธีซื้อหรือจ้าง</th><th>ผู้เสนอราคาและราคาที่เสนอ</th><th>ผู้ได้รับการคัดเลือก</th><th>เหตุผล</th>"
                "<th>เลขที่และวันที่ของสัญญา</th></tr>")  # fmt: skip
        for k in range(rng.randint(4, 18)):
            money = rng.randint(2, 480) * 500
            body += (f"<tr><td>{k + 1}</td><td>{rng.choice(('จัดซื้อวัสดุสำนักงาน', 'จ้างซ่อมรถยนต์', 'จัดซื้อน้ำดื่ม', 'จ้างเหมาจัดทำป้าย'))}</td>"
                     f"<td>{money:,}.00</td><td>{money:,}.00</td><td>เฉพาะเจาะจง</td><td>ร้าน{rng.choice(LAST)}การค้า {money:,}.00</td>"
                     f"<td>ร้าน{rng.choice(LAST)}การค้า</td><td>ราคาต่ำสุด</td>"
                     f"<td>PO{rng.randint(1000, 9999)} {thai_date(m + timedelta(days=rng.randint(0, 27)), 3)}</td></tr>")  # fmt: skip
        body += "</table>" + (f'<p><a href="{pdf.path}">ดาวน์โหลดแบบ สขร.1 (PDF)</a></p>' if pdf else "")
        add(p, render(site, p, t, [("/procurement/index.html", "จัดซื้อจัดจ้าง"), (p, t)], body, seed()))
    build_ita_pages(site, rng, seed)
    build_news(site, rng, seed)
    # downloads and sitemap page
    dl = '<ul class="downloads">' + "".join(
        f'<li><a href="{d.path}">{escape(d.title)}</a> <small>{thai_date(d.published, 0)}</small></li>'
        for docs in site.item_docs.values() for d in docs) + "</ul>"  # fmt: skip
    add(
        "/downloads/index.html",
        render(site, "/downloads/index.html", "เอกสารดาวน์โหลด", [("/downloads/index.html", "ดาวน์โหลด")], dl, seed()),
    )
    _, menu_links = mega_menu(site)
    sm = "<ul>" + "".join(f'<li><a href="{h}">{escape(t)}</a></li>' for h, t in menu_links) + "</ul>"
    add("/sitemap.html", render(site, "/sitemap.html", "แผนผังเว็บไซต์", [("/sitemap.html", "แผนผังเว็บไซต์")], sm, seed()))


def build_ita_pages(site: Site, rng: random.Random, seed) -> None:  # type: ignore[no-untyped-def]
    add = site.pages.__setitem__
    rows = []
    group = ""
    for n, title, sub, kind in ITA_ITEMS:
        if sub != group:
            group = sub
            rows.append(f'<tr class="group"><td colspan="4"><strong>ตัวชี้วัดย่อยที่ {sub}</strong></td></tr>')
        code = rng.choice(CODE_STYLES).format(n=n)
        docs = site.item_docs.get(n, [])
        if kind == "doc" and len(docs) == 1 and rng.random() < 0.5:
            link = f'<a href="{docs[0].path}">ดาวน์โหลด</a>'  # straight to the PDF
        else:
            link = f'<a href="{item_page_path(n)}">{rng.choice(("คลิก", "คลิกลิงก์ข้อมูล", "รายละเอียด", escape(title)))}</a>'
        rows.append(f"<tr><td>{code}</td><td>{escape(title)}</td><td>{escape(sentence(rng))}</td><td>{link}</td></tr>")
    body = ("<p>การเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment: OIT) "
            "ประจำปีงบประมาณ พ.ศ. 2567</p><table class=\"table ita-table\"><tr><th>ข้อ</th><th>ข้อมูล</th>"
            "<th>รายละเอียดการเผยแพร่</th><th>ลิงก์</th></tr>" + "".join(rows) + "</table>")  # fmt: skip
    add("/ita/index.html", render(site, "/ita/index.html", "การเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี 2567",
                                  [("/ita/index.html", "ITA 2567")], body, seed()))  # fmt: skip
    for n, title, _sub, kind in ITA_ITEMS:
        p = item_page_path(n)
        t = f"O{n} {title}"
        if kind == "page":
            target = ITEM_PAGES[n]
            body = f'<p>ข้อมูลตามตัวชี้วัด {escape(t)}</p><p><a href="{target}">{escape(title)}</a></p>'
        elif kind == "monthly":
            body = "<ul>" + "".join(f'<li><a href="{pdf.path if pdf else pg}">สขร. เดือน{MONTHS[m.month - 1]} {be(m.year)}</a></li>'
                                    for m, pg, pdf in site.monthly if fiscal_year_be(m) == 2567) + "</ul>"  # fmt: skip
        else:
            body = "<ul class=\"docs\">" + "".join(
                f'<li><a href="{d.path}"><i class="fa fa-file-pdf"></i> {escape(d.title)}</a> '
                f"<small>เผยแพร่เมื่อ {thai_date(d.published, rng.randrange(6))}</small></li>" for d in site.item_docs.get(n, [])
            ) + "</ul>"  # fmt: skip
        body += f"<p>{escape(sentence(rng))}</p>"
        add(p, render(site, p, t, [("/ita/index.html", "ITA 2567"), (p, f"O{n}")], body, seed()))
    # previous year: WordPress-style accordion, <p><strong>O1 ...</strong></p> then en-dash links
    acc = ['<div class="accordion"><h2>การประเมิน ITA ปี 2566</h2>']
    for n, title, _sub, _kind in ITA_ITEMS:
        acc.append(f'<div class="acc-item"><p><strong>O{n} {escape(title)}</strong></p>')
        for d in site.old_item_docs.get(n, []):
            acc.append(f'<p><a href="{d.path}">– {escape(d.title)}</a></p>')
        if n not in site.old_item_docs:
            acc.append('<p><a href="#">– อยู่ระหว่างปรับปรุงข้อมูล</a></p>')
        acc.append("</div>")
    acc.append("</div>")
    add("/ita/2566/index.html", render(site, "/ita/2566/index.html", "ITA ปี 2566", [("/ita/index.html", "ITA"),
                                       ("/ita/2566/index.html", "2566")], "".join(acc), seed()))  # fmt: skip


def build_news(site: Site, rng: random.Random, seed) -> None:  # type: ignore[no-untyped-def]
    add = site.pages.__setitem__
    by_cat: dict[str, list[Article]] = {}
    for a in site.articles:
        by_cat.setdefault(a.category, []).append(a)
    labels = {c: label for c, label, _ in NEWS_CATEGORIES}
    extra = getattr(site, "_extra_lists", 0)
    for cat, arts in by_cat.items():
        pages = site.lists[cat]
        if extra > 0:  # spare page budget: an empty trailing archive page keeps the page count exact
            pages.append(list_path(cat, len(pages) + 1))
            extra -= 1
        for i, p in enumerate(pages):
            chunk = arts[i * CARDS_PER_LIST : (i + 1) * CARDS_PER_LIST]
            window = sorted({1, len(pages), *range(max(1, i - 2), min(len(pages), i + 4) + 1)})
            pag = '<nav class="pagination"><ul>' + (f'<li><a href="{pages[i - 1]}">« ก่อนหน้า</a></li>' if i else "")
            pag += "".join(
                f'<li class="{"active" if k == i + 1 else ""}"><a href="{pages[k - 1]}">{k}</a></li>' for k in window
            )
            pag += (f'<li><a href="{pages[i + 1]}">ถัดไป »</a></li>' if i + 1 < len(pages) else "") + "</ul></nav>"
            body = ('<div class="row news-list">' + "".join(news_card(rng, a, 2) for a in chunk)
                    + ("" if chunk else "<p>ไม่มีข่าวในหน้านี้</p>") + "</div>" + pag)  # fmt: skip
            title = labels[cat] + (f" (หน้า {i + 1})" if i else "")
            add(p, render(site, p, title, [(pages[0], labels[cat]), (p, f"หน้า {i + 1}")], body, seed()))
    for a in site.articles:
        r = random.Random(a.seed)
        body = [f'<p class="meta"><time datetime="{a.published.isoformat()}">{thai_date(a.published, r.randrange(6))}</time> '
                f"โดย {labels[a.category]} | อ่าน {r.randint(10, 3000)} ครั้ง</p>"]  # fmt: skip
        for _ in range(r.randint(3, 12)):
            body.append(f"<p>{escape(paragraph(r, a.published, r.randint(2, 6)))}</p>")
        if r.random() < 0.35:
            body.append('<table class="table"><tr><th>ลำดับ</th><th>รายการ</th><th>จำนวน</th><th>หมายเหตุ</th></tr>'
                        + "".join(f"<tr><td>{k + 1}</td><td>{escape(r.choice(PROJECTS))}</td><td>{r.randint(1, 300)}</td>"
                                  f"<td>{thai_date(a.published + timedelta(days=k), 1)}</td></tr>" for k in range(r.randint(3, 15)))
                        + "</table>")  # fmt: skip
        body.append('<div class="gallery">' + "".join(f'<a href="/assets/img/news-{(a.seed + k) % 24}.jpg"><img src="/assets/img/news-{(a.seed + k) % 24}.jpg" '
                                                       f'alt="ภาพกิจกรรม {k + 1}"></a>' for k in range(r.randint(2, 12))) + "</div>")  # fmt: skip
        if a.attachments:
            body.append("<h3>เอกสารแนบ</h3><ul>" + "".join(f'<li><a href="{x}"><i class="fa fa-file-pdf"></i> '
                                                           f"{escape(a.title[:80])} ({k + 1})</a></li>" for k, x in enumerate(a.attachments)) + "</ul>")  # fmt: skip
        body.append(f'<p class="back"><a href="{a.list_page}">« กลับหน้ารวม{labels[a.category]}</a></p>')
        add(a.path, render(site, a.path, a.title, [(site.lists[a.category][0], labels[a.category]), (a.path, a.title[:40])],
                           "".join(body), a.seed))  # fmt: skip


# --------------------------------------------------------------------------- PDFs


def render_pdf(spec: tuple[str, str, str, int, int, str]) -> tuple[str, bytes]:
    """One PDF (reportlab, Laksaman): title block, dated header, paragraphs and ruled tables."""
    path, title, published_iso, pages, seed, table = spec
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1  # no timestamps or random ids: byte-identical rebuilds
    if "Laksaman" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Laksaman", str(FONT_REGULAR)))
        pdfmetrics.registerFont(TTFont("Laksaman-Bold", str(FONT_BOLD)))
    rng = random.Random(seed)
    published = date.fromisoformat(published_iso)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor(AGENCY)
    width, height = A4
    left, line_h = 56, 19
    for page in range(pages):
        y = height - 60
        if page == 0:
            c.setFont("Laksaman-Bold", 20)
            for line in wrap(title, width - 2 * left, "Laksaman-Bold", 20):
                c.drawCentredString(width / 2, y, line)
                y -= 26
            c.setFont("Laksaman", 16)
            c.drawCentredString(width / 2, y, AGENCY)
            y -= line_h
            c.drawCentredString(width / 2, y, f"ประกาศ ณ {thai_date(published, rng.choice((0, 2)))}")
            y -= line_h * 2
        c.setFont("Laksaman", 16)
        if table != "none" and rng.random() < 0.6:
            y = draw_table(c, rng, table, left, y, width - 2 * left, published)
        while y > 80:
            text = paragraph(rng, published, rng.randint(1, 3))
            for line in wrap(text, width - 2 * left):
                if y <= 80:
                    break
                c.drawString(left, y, line)
                y -= line_h
            y -= 6
        c.setFont("Laksaman", 12)
        c.drawRightString(width - left, 40, f"หน้า {page + 1}/{pages}")
        c.showPage()
    c.save()
    return path, buf.getvalue()


def draw_table(c, rng: random.Random, kind: str, x: float, y: float, w: float, d: date) -> float:  # type: ignore[no-untyped-def]
    if kind == "procurement":
        cols = ("ลำดับ", "งานที่จัดซื้อจัดจ้าง", "วงเงิน (บาท)", "วิธีซื้อ/จ้าง", "ผู้ได้รับการคัดเลือก")
        widths = (0.08, 0.36, 0.16, 0.16, 0.24)
    elif kind == "budget":
        cols = ("ลำดับ", "โครงการ/กิจกรรม", "งบประมาณ (บาท)", "ระยะเวลา", "ผู้รับผิดชอบ")
        widths = (0.08, 0.40, 0.16, 0.14, 0.22)
    else:
        cols = ("เดือน", "จำนวนผู้รับบริการ", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ร้อยละ")
        widths = (0.18, 0.22, 0.22, 0.22, 0.16)
    rows = rng.randint(6, 16)
    c.setFont("Laksaman", 13)
    row_h = 18
    xs = [x]
    for f in widths:
        xs.append(xs[-1] + f * w)
    top = y + 4
    for r in range(rows + 1):
        if y < 100:
            break
        if r == 0:
            cells = cols
        elif kind == "procurement":
            cells = (str(r), rng.choice(("จัดซื้อวัสดุสำนักงาน", "จ้างซ่อมรถยนต์ราชการ", "จัดซื้อน้ำดื่ม", "จ้างเหมาจัดทำป้าย")),
                     f"{rng.randint(2, 480) * 500:,}.00", "เฉพาะเจาะจง", f"ร้าน{rng.choice(LAST)}การค้า")  # fmt: skip
        elif kind == "budget":
            cells = (str(r), rng.choice(PROJECTS)[:26], f"{rng.randint(5, 900) * 1000:,}", rng.choice(("ต.ค.-ธ.ค.", "ม.ค.-มี.ค.", "ทั้งปี")),
                     rng.choice(DEPARTMENTS)[1][:16])  # fmt: skip
        else:
            m = MONTHS[(9 + r - 1) % 12]
            a = rng.randint(20, 900)
            done = rng.randint(0, a)
            cells = (m, str(a), str(done), str(a - done), f"{100 * done / a:.2f}")
        for i, cell in enumerate(cells):
            c.drawString(xs[i] + 3, y - 13, cell)
        y -= row_h
        c.line(x, y, x + w, y)
    for xx in xs:
        c.line(xx, top, xx, y)
    c.line(x, top, x + w, top)
    c.setFont("Laksaman", 16)
    return y - 20


_THAI_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_THAI_MARKS = frozenset(
    "\u0e31\u0e32\u0e33\u0e45\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)


def wrap(text: str, width: float, font: str = "Laksaman", size: float = 16) -> list[str]:
    """Greedy wrap on spaces to ``width`` points (Thai runs between spaces are kept whole)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words: list[str] = []
    for word in text.split(" "):
        while stringWidth(word, font, size) > width:  # a long Thai run: break between clusters
            cut = int(len(word) * width / stringWidth(word, font, size)) - 1
            while cut > 1 and (word[cut] in _THAI_MARKS or word[cut - 1] in _THAI_LEADING):
                cut -= 1
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    lines: list[str] = []
    cur = ""
    for word in words:
        if cur and stringWidth(f"{cur} {word}", font, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        lines.append(cur)
    return lines


# --------------------------------------------------------------------------- files


ROBOTS_TEMPLATE = """# robots.txt
User-agent: *
Disallow: /admin/
Disallow: /search
Disallow: /*?print=1$

Sitemap: {base}sitemap.xml
"""


def write_host_files(root: Path, base_url: str) -> None:
    """Render robots.txt and sitemap.xml for the URL the site is served at (they need absolute URLs)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    root = Path(root)
    (root / "robots.txt").write_text(ROBOTS_TEMPLATE.format(base=base), encoding="utf-8")
    template = (root / "_sitemap.template.xml").read_text(encoding="utf-8")
    (root / "sitemap.xml").write_text(template.replace("{base}", base), encoding="utf-8")


def sitemap_template(site: Site) -> str:
    entries = []
    for path in sorted(site.pages):
        if path.startswith("/news/") and "/page-" in path:
            continue  # archive pages are not in the sitemap (as on most CMSs)
        loc = "{base}" + quote(path.lstrip("/"))
        lastmod = site.page_dates.get(path, AS_OF).isoformat()
        entries.append(f"<url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries) + "\n</urlset>\n")  # fmt: skip


def write_assets(root: Path) -> None:
    assets = root / "assets"
    (assets / "css").mkdir(parents=True, exist_ok=True)
    (assets / "js").mkdir(parents=True, exist_ok=True)
    (assets / "img").mkdir(parents=True, exist_ok=True)
    for n in ("bootstrap.min", "fontawesome", "owl.carousel", "main", "mega-menu", "responsive", "print"):
        (assets / "css" / f"{n}.css").write_text(inline_css(len(n))[:2000], encoding="utf-8")
    for n in ("jquery.min", "bootstrap.bundle", "owl.carousel", "main"):
        (assets / "js" / f"{n}.js").write_text(INLINE_JS, encoding="utf-8")
    gif = bytes.fromhex("47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b")
    names = ["favicon.ico", "logo.png", "org-chart.png", "ita-banner.png", "complaint.png", "fb.png"]
    names += [f"banner-{i}.jpg" for i in range(1, 4)] + [f"exec-{i}.jpg" for i in range(6)]
    names += [f"news-{i}.jpg" for i in range(24)]
    for n in names:
        (assets / "img" / n).write_bytes(gif)  # a 1x1 GIF stands in for every image


def generate(out: Path, n_pages: int, n_pdfs: int, seed: int, base_url: str = DEFAULT_BASE_URL,
             workers: int | None = None, quiet: bool = False) -> dict[str, object]:  # fmt: skip
    """Write the whole site to ``out`` (replacing it) and return the manifest."""
    t0 = time.perf_counter()
    say = (lambda *_: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    if not FONT_REGULAR.is_file():
        raise SystemExit(f"{FONT_REGULAR} is missing: apt-get install -y fonts-thai-tlwg")
    _CSS_CACHE.clear()
    _MENU_CACHE.clear()
    site = plan_site(n_pages, n_pdfs, seed)
    build_pages(site)
    for a in site.articles:
        site.page_dates[a.path] = a.published
    if len(site.pages) != n_pages:
        raise AssertionError(f"planned {n_pages} pages, built {len(site.pages)}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    html_bytes = 0
    sizes = []
    for path, html in site.pages.items():
        data = html.encode("utf-8")
        html_bytes += len(data)
        sizes.append(len(data))
        target = out / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    say(f"wrote {len(site.pages)} HTML pages ({html_bytes / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    specs = [(p.path, p.title, p.published.isoformat(), p.pages, p.seed, p.table) for p in site.pdfs]
    pdf_bytes = 0
    workers = workers or min(4, os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path, data in pool.map(render_pdf, specs, chunksize=4):
            target = out / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            pdf_bytes += len(data)
    say(f"wrote {len(specs)} PDFs ({pdf_bytes / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    write_assets(out)
    (out / "_sitemap.template.xml").write_text(sitemap_template(site), encoding="utf-8")
    write_host_files(out, base_url)
    check_links(out, site)
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "pages": n_pages,
        "pdfs": len(site.pdfs),
        "pdf_pages": sum(p.pages for p in site.pdfs),
        "html_bytes": html_bytes,
        "html_bytes_min": min(sizes),
        "html_bytes_max": max(sizes),
        "pdf_bytes": pdf_bytes,
        "articles": len(site.articles),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out / "_manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    say(f"site ready in {out} ({manifest['seconds']} s)")
    return manifest


def check_links(out: Path, site: Site) -> None:
    """Every same-site href/src on every page must name an existing file (fail loudly otherwise)."""
    import re

    ref = re.compile(r'(?:href|src)="(/[^"#]*)"')
    missing: set[str] = set()
    seen: set[str] = set()
    for html in site.pages.values():
        for target in ref.findall(html):
            path = unquote(target.split("?", 1)[0])
            if path in seen:
                continue
            seen.add(path)
            if path.endswith(("/post", "/submit")):
                continue
            if not (out / path.lstrip("/")).is_file():
                missing.add(path)
    if missing:
        raise AssertionError(f"{len(missing)} unresolved links, e.g. {sorted(missing)[:5]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=2000, help="HTML pages (default 2000)")
    ap.add_argument("--pdfs", type=int, default=200, help="PDF documents (default 200)")
    ap.add_argument("--seed", type=int, default=2567)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--base-url", default=DEFAULT_BASE_URL, help="URL written into robots.txt and sitemap.xml")
    ap.add_argument("--workers", type=int, default=None, help="processes rendering PDFs")
    args = ap.parse_args(argv)
    manifest = generate(args.out, args.pages, args.pdfs, args.seed, args.base_url, args.workers)
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
