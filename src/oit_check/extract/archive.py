"""The guard every ZIP-based file passes before a parser opens it (DOCX and XLSX, crawled or uploaded).

``zipfile`` never inflates an entry beyond the size its directory declares, so checking the
directory (entry count, total declared size) bounds what python-docx and openpyxl can be made to
decompress: a 2 MB file that claims to unzip to 2 GB is refused before anything is inflated.
"""

from __future__ import annotations

import io
import zipfile

from oit_check.extract.doctext import DocumentLimits, Unreadable
from oit_check.extract.sniff import ZIP_EMPTY_MAGIC, ZIP_MAGIC

MAX_ZIP_ENTRIES = 10_000


def check_zip(body: bytes, limits: DocumentLimits) -> None:
    """Refuse zip bombs before any parser opens the archive: entry count and declared sizes.

    ``zipfile`` never inflates an entry beyond the size its directory declares, so checking the
    directory bounds what python-docx and openpyxl can be made to decompress.
    """
    if not body.startswith((ZIP_MAGIC, ZIP_EMPTY_MAGIC)):
        raise Unreadable("ไม่ใช่ไฟล์ Office (docx/xlsx) ที่ถูกต้อง", "not a valid Office (docx/xlsx) file")
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise Unreadable("ไฟล์เสียหายหรือดาวน์โหลดไม่ครบ", f"the file is corrupt or incomplete ({exc})") from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Unreadable("ไฟล์มีส่วนประกอบมากผิดปกติ", f"the archive has {len(infos)} entries")
    unzipped = sum(info.file_size for info in infos)
    if unzipped > limits.max_unzipped_bytes:
        raise Unreadable(
            "ไฟล์ขยายตัวใหญ่เกินกว่าจะอ่านได้อย่างปลอดภัย",
            f"the file would unzip to {unzipped:,} bytes (limit {limits.max_unzipped_bytes:,})",
        )
