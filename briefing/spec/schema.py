"""The JSON Schema of claims.yaml, generated from the pydantic models, for editors
(yaml-language-server) and other tools. ``briefing schema`` prints it."""

from __future__ import annotations

import json

from briefing.spec.model import Spec

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def claims_schema() -> dict:
    schema = Spec.model_json_schema()
    schema = {"$schema": SCHEMA_DIALECT, "title": "briefing claims file",
              "description": "Claims, each citing verbatim quotes from source texts; see "
                             "docs/quotation-rules.md for how quotes are checked.",
              **{k: v for k, v in schema.items() if k not in ("title", "description")}}
    return schema


def schema_text() -> str:
    return json.dumps(claims_schema(), ensure_ascii=False, indent=2) + "\n"
