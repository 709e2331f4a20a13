"""Every table of the guide as plain rows, and those rows as GFM Markdown, CSV, an HTML fragment and JSON.

`tables()` is read by the page templates (for the download links) and by `export_files()`, whose
exports/<table>.<format> the core (`site_files.build`) adds to the site. Each export names where it comes
from (the guide, its address, version and date, and each source's address) and carries no live content: no raw
HTML in the Markdown, which is pasted into wikis, and no formula in the CSV, which is opened in spreadsheets.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date
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


@dataclass(frozen=True)
class Provenance:
    """Where an export comes from, printed with every table."""
    guide: str           # the guide's name (site_name)
    url: str | None      # its address (site_url), where the build knows it
    version: str         # the version in pyproject.toml
    date: str            # the day of the build, YYYY-MM-DD

    def sentence(self) -> str:
        where = f" ({self.url})" if self.url else ""
        return f"From {self.guide}{where}, version {self.version}, {self.date}."


def guide_version(root: Path) -> str:
    """The project's version from root/pyproject.toml, or 'unversioned' where there is none to read."""
    try:
        return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unversioned"


def provenance(site_name: str, site_url: str | None, root: Path, day: date) -> Provenance:
    return Provenance(site_name, site_url or None, guide_version(root), day.isoformat())


def _named(name: str, url: str | None) -> str:
    """A source as an export cites it: its name, and its address beside it where it has one."""
    return f"{name} ({url})" if url else name


def _source(model: Model, source_id: str) -> str:
    source = model.get("sources", source_id)
    return _named(source["name"], source.get("url"))


def _sources(model: Model, citations) -> str:
    names = []
    for citation in citations:
        name = _source(model, citation.partition("#")[0])
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
        covered = "; ".join(_source(model, s) for s in row["covered_by"])
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
                            _named(s["original_source"]["name"], s["original_source"].get("url")) if "original_source" in s else "",
                            s["date"], s["as_of"])
                           for s in model.items["statistics"]),
                     "Provenance: first-party guidance, a secondary report (its original named) or unverified (a claim "
                     "of the source that quotes it); 'as of' is when the figure was last confirmed.", "statistics/"))
    return out


def as_markdown(table: Table, origin: Provenance) -> str:
    def cell(text: str) -> str:
        # Raw HTML is escaped as on the page: a wiki that renders HTML in Markdown would otherwise run it.
        text = html.escape(re.sub(r"\s+", " ", text).strip(), quote=False)
        return text.replace("\\", "\\\\").replace("|", "\\|")
    lines = ["| " + " | ".join(cell(c) for c in table.columns) + " |",
             "| " + " | ".join("---" for _ in table.columns) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return f"**{cell(table.title)}**\n\n" + "\n".join(lines) + f"\n\n{cell(table.note)}\n\n{cell(origin.sentence())}\n"


# A cell that starts with one of these is a formula to a spreadsheet (OWASP, "CSV Injection"): it gets a quote.
# So does one that starts with a quote, so that a reader can always take the first quote off to get the text back.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """The cell as a spreadsheet should read it: a leading ' keeps '=1+1' or '-5%' text rather than a formula."""
    return "'" + text if text.startswith(_FORMULA_START + ("'",)) else text


def as_csv(table: Table, origin: Provenance) -> str:
    """The table, then a blank row and where it comes from, one fact per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in (table.columns, *table.rows, (), *provenance_rows(origin)):
        writer.writerow([spreadsheet_safe(c) for c in row])
    return buffer.getvalue()


def provenance_rows(origin: Provenance) -> list[tuple[str, str]]:
    return [("From", origin.guide), ("Address", origin.url or ""), ("Version", origin.version), ("Date", origin.date)]


def as_html(table: Table, origin: Provenance) -> str:
    e = html.escape
    head = "".join(f"<th scope=\"col\">{e(c)}</th>" for c in table.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    guide = f'<a href="{e(origin.url)}">{e(origin.guide)}</a>' if origin.url else e(origin.guide)
    return (f"<table>\n<caption>{e(table.title)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
            f"</table>\n<p>{e(table.note)}</p>\n<p class=\"provenance\">From {guide}, version {e(origin.version)}, "
            f"{e(origin.date)}.</p>\n")


def as_json(table: Table, origin: Provenance) -> str:
    data = {"id": table.id, "title": table.title, "note": table.note, "page": table.page,
            "guide": {"name": origin.guide, "url": origin.url, "version": origin.version, "date": origin.date},
            "columns": list(table.columns), "rows": [dict(zip(table.columns, row)) for row in table.rows]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


WRITERS = {"md": as_markdown, "csv": as_csv, "html": as_html, "json": as_json}


def export_files(model: Model, origin: Provenance) -> list[tuple[str, str]]:
    """(site path, text) of every table in every format."""
    return [(f"{EXPORT_DIR}/{table.id}.{fmt}", WRITERS[fmt](table, origin)) for table in tables(model) for fmt in FORMATS]
