"""The JSON report: ``ScanResult`` serialised as is. Its JSON Schema is the documented contract."""

from __future__ import annotations

import json

from oit_check.models import ScanResult


def render_json(result: ScanResult) -> str:
    """The report as pretty JSON (UTF-8 text, Thai kept readable)."""
    return result.model_dump_json(indent=2) + "\n"


def report_schema() -> str:
    """JSON Schema of the report, for ``oit-check schema report``."""
    schema = ScanResult.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "oit-check scan report"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
