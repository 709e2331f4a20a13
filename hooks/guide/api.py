"""The JSON API under api/v1/: every collection as authored, the schemas that describe it, and an index.

Called by the MkDocs hook in `on_files`; the decision trees' own JSON comes from `tree_view.api_files()`.
"""
from __future__ import annotations

import json
from pathlib import Path

from .addresses import item_src, url_of
from .catalog import COLLECTIONS
from .exports import EXPORT_DIR, FORMATS, tables
from .model import Model, thaw

API_DIR = "api/v1"
API_SCHEMAS = Path(__file__).resolve().parent / "api"


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def api_files(model: Model, schema_dir: Path, other_paths: list[str]) -> list[tuple[str, str]]:
    """(site path, text) of each collection's JSON, every schema, and the index listing them all."""
    files = []
    collections = {}
    for name in COLLECTIONS:
        items = [thaw(item) for item in model.items[name]]
        pages = {item["id"]: url_of(item_src(name, item["id"])) for item in items}
        files.append((f"{API_DIR}/{name}.json", _dump({"version": "1", "collection": name, "items": items, "pages": pages})))
        collections[name] = {"data": f"{API_DIR}/{name}.json", "schema": f"{API_DIR}/schemas/{name}.schema.json",
                             "count": len(items)}
    for path in sorted(schema_dir.glob("*.schema.json")):
        files.append((f"{API_DIR}/schemas/{path.name}", path.read_text(encoding="utf-8")))
    for path in sorted(API_SCHEMAS.glob("*.schema.json")):
        if not any(p.endswith(f"/schemas/{path.name}") for p in other_paths):
            files.append((f"{API_DIR}/schemas/{path.name}", path.read_text(encoding="utf-8")))
    index = {
        "version": "1",
        "collections": collections,
        "decision_trees": sorted(p for p in other_paths if p.startswith(f"{API_DIR}/decision-trees/")),
        "exports": {t.id: {fmt: f"{EXPORT_DIR}/{t.id}.{fmt}" for fmt in FORMATS} for t in tables(model)},
        "schemas": sorted({p for p, _ in files if "/schemas/" in p} | {p for p in other_paths if "/schemas/" in p}),
    }
    files.append((f"{API_DIR}/index.json", _dump(index)))
    return files
