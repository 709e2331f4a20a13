"""Every table of the guide as plain rows, and those rows as GFM Markdown, CSV, an HTML fragment and JSON.

`tables()` is read by the page templates (for the download links) and by `write_exports()`, which the MkDocs
hook calls after the build to write exports/<table>.<format> into the site.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Model

FORMATS = {"md": "Markdown (GFM)", "csv": "CSV", "html": "HTML table", "json": "JSON"}
EXPORT_DIR = "exports"


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str        # where the rows come from, printed under the table
    page: str        # the site page that shows the table, relative to the site root


def _sources(model: Model, citations) -> str:
    names = []
    for citation in citations:
        name = model.get("sources", citation.partition("#")[0])["name"]
        if name not in names:
            names.append(name)
    return "; ".join(names)


def _rating(cell) -> str:
    return f"{cell['text']} ({cell['rating']})" if cell.get("rating") else cell["text"]


def tables(model: Model) -> list[Table]:
    out = []
    approaches = model.items["approaches"]
    for comparison in model.items["comparisons"]:
        names = [model.get("approaches", a)["short_name"] for a in comparison["approaches"]]
        rows = tuple(
            (row["label"], model.get("aspects", row["aspect"])["name"],
             *(_rating(row["cells"][a]) if a in row["cells"] else "" for a in comparison["approaches"]),
             _sources(model, row["sources"]))
            for row in comparison["rows"])
        out.append(Table(f"comparison-{comparison['id']}", comparison["title"], ("Row", "Aspect", *names, "Source"), rows,
                         f"After {model.get('sources', comparison['source'])['name']}, in our words.",
                         f"comparisons/{comparison['id']}/"))
    def strength(group) -> str:
        n, first = len(group["sources"]), len(group["first_party"])
        return f"{group['rating']} ({n} source{'s' if n != 1 else ''}, {first} first-party)"
    synthesis_rows = []
    for row in model.derived.synthesis:
        cells = []
        for a in approaches:
            cell = row["cells"][a["id"]]
            text = {"unrated": "not rated", "none": ""}.get(cell["verdict"], "")
            if cell["support"]:
                text = ("sources differ: " if cell["verdict"] == "disagree" else "") + " vs ".join(map(strength, cell["support"]))
            if cell["note"]:
                text = f"{text}. {cell['note']}" if text else cell["note"]
            cells.append(text)
        covered = ", ".join(model.get("sources", s)["name"] for s in row["covered_by"])
        synthesis_rows.append((row["aspect"]["name"], *cells, covered))
    out.append(Table("synthesis", "Synthesis matrix", ("Aspect", *(a["short_name"] for a in approaches), "Sources"),
                     tuple(synthesis_rows), "Every source's comparison, aspect by aspect.", "synthesis/"))
    def names(ids):
        return " + ".join(model.get("approaches", a)["short_name"] for a in ids)
    verdicts = model.derived.verdicts
    out.append(Table("use-cases", "Use cases", ("Use case", "Industry", "Source recommends", "Source's recommendation",
                                                "Guide's verdict", "Sources"), tuple(
        (u["title"], u["industry"].replace("-", " "), names(u["approaches"]), u["recommendation"],
         f"{verdicts[u['id']]['title']} ({names(verdicts[u['id']]['approaches'])})" if u["id"] in verdicts else "",
         _sources(model, u["sources"]))
        for u in model.items["use-cases"]), "Worked examples from the sources, with the guide's own verdict.", "use-cases/"))
    out.append(Table("statistics", "Statistics", ("Figure", "Unit", "What it measures", "Quoted by", "Provenance",
                                                  "Original source", "Date", "As of"),
                     tuple((s["value"], s.get("unit", ""), s["measures"], _sources(model, s["sources"]), s["provenance"],
                            s["original_source"]["name"] if "original_source" in s else "", s["date"], s["as_of"])
                           for s in model.items["statistics"]),
                     "Provenance: first-party guidance, a secondary report (its original named) or unverified (a claim "
                     "of the source that quotes it); 'as of' is when the figure was last confirmed.", "statistics/"))
    return out


def as_markdown(table: Table) -> str:
    def cell(text: str) -> str:
        return re.sub(r"\s+", " ", text).replace("\\", "\\\\").replace("|", "\\|").strip()
    lines = ["| " + " | ".join(cell(c) for c in table.columns) + " |",
             "| " + " | ".join("---" for _ in table.columns) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return f"**{cell(table.title)}**\n\n" + "\n".join(lines) + f"\n\n{cell(table.note)}\n"


def as_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()


def as_html(table: Table) -> str:
    e = html.escape
    head = "".join(f"<th scope=\"col\">{e(c)}</th>" for c in table.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return (f"<table>\n<caption>{e(table.title)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
            f"</table>\n<p>{e(table.note)}</p>\n")


def as_json(table: Table) -> str:
    data = {"id": table.id, "title": table.title, "note": table.note, "page": table.page,
            "columns": list(table.columns), "rows": [dict(zip(table.columns, row)) for row in table.rows]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


WRITERS = {"md": as_markdown, "csv": as_csv, "html": as_html, "json": as_json}


def export_files(model: Model) -> list[tuple[str, str]]:
    """(site path, text) of every table in every format."""
    return [(f"{EXPORT_DIR}/{table.id}.{fmt}", WRITERS[fmt](table)) for table in tables(model) for fmt in FORMATS]


def write_exports(model: Model, site_dir: Path) -> None:
    for path, text in export_files(model):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
