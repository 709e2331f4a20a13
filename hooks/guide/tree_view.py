"""A decision tree as its page and its readers see it: the JSON the browser script and the API read, and the outline.

Templates call `payload()`, `outline()`, `citations()`, `path_labels()` and `anchor()` (registered in
`render.TEMPLATE_GLOBALS`); the MkDocs hook publishes `api_files()`.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .addresses import item_src, url_of
from .model import Model
from .text import is_plain, markdown_html

API_VERSION = 1
API_DIR = "api/v1"
API_SCHEMA = Path(__file__).resolve().parent / "api" / "decision-tree.schema.json"
HASH_PREFIX = "answers="   # the script's state in the address: #answers=<option>/<option>/...


def plain_text(text: str) -> str:
    """Data text (Markdown) as plain text for the script, which only ever sets textContent."""
    if is_plain(text):
        return text
    rendered = str(markdown_html(text))
    rendered = re.sub(r"</p>\s*<p>", "\n\n", rendered)
    rendered = re.sub(r"<li>", "\n- ", rendered)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in plain_text(text).split("\n\n") if p.strip()]


def citations(model: Model, sources) -> list[dict]:
    """Citations grouped by source, in first-cited order: the source's name, its page (at the first cited item)
    and each cited inventory item with its label."""
    groups: dict[str, dict] = {}
    for citation in sources:
        source_id, _, item = citation.partition("#")
        source = model.get("sources", source_id)
        group = groups.setdefault(source_id, {"id": source_id, "name": source["name"], "url": url_of(f"sources/{source_id}.md"),
                                              "items": []})
        if item and all(i["id"] != item for i in group["items"]):
            label = next(e["label"] for e in source.get("inventory", ()) if e["id"] == item)
            url = url_of(f"sources/{source_id}.md#{item}")
            if not group["items"]:
                group["url"] = url
            group["items"].append({"id": item, "label": plain_text(label), "url": url})
    return list(groups.values())


def _preconditions(stated) -> dict | list:
    """An outcome's `requires` as plain data: one mapping, or the list of alternative mappings."""
    if isinstance(stated, (list, tuple)):
        return [{q: list(allowed) for q, allowed in alternative.items()} for alternative in stated]
    return {q: list(allowed) for q, allowed in stated.items()}


def use_cases(model: Model, tree, outcome) -> tuple:
    """The use cases of an outcome: a source's tree lists them; the main guide's come from the use cases' verdicts."""
    if "source" in tree:
        return outcome.get("use_cases", ())
    return model.derived.use_cases_by_outcome.get(outcome["id"], ())


def payload(model: Model, tree) -> dict:
    """The tree with every name resolved and every address relative to the site root; plain text throughout. The
    page, its embed and the API each make it from the same model, so all three carry the same JSON."""
    questions = {}
    for q in tree["questions"]:
        questions[q["id"]] = {
            "text": plain_text(q["text"]),
            "help": plain_text(q["help"]) if "help" in q else "",
            "options": [{"id": o["id"], "label": plain_text(o["label"]), "reason": plain_text(o["reason"]) if "reason" in o else "",
                         "next": o["next"]} for o in q["options"]],
            "sources": citations(model, q["sources"]),
        }
    outcomes = {}
    for o in tree["outcomes"]:
        outcomes[o["id"]] = {
            "title": plain_text(o["title"]),
            "approaches": [{"id": a, "name": model.get("approaches", a)["name"], "url": url_of(f"approaches/{a}.md")}
                           for a in o["approaches"]],
            "rationale": _paragraphs(o["rationale"]),
            "next_steps": [plain_text(s) for s in o["next_steps"]],
            "caveats": [plain_text(c) for c in o.get("caveats", ())],
            "use_cases": [{"id": u, "title": plain_text(model.get("use-cases", u)["title"]), "url": url_of(item_src("use-cases", u))}
                          for u in use_cases(model, tree, o)],
            "sources": citations(model, o["sources"]),
            "requires": _preconditions(o.get("requires", {})),
            "excludes": list(o.get("excludes", ())),
        }
    source = None
    if "source" in tree:
        source = {"id": tree["source"], "name": model.get("sources", tree["source"])["name"],
                  "url": url_of(f"sources/{tree['source']}.md")}
    changes = [entry["id"][:10] for entry in model.items.get("changelog", ())]
    return {
        "version": API_VERSION,
        "guide_version": max(changes) if changes else "unreleased",
        "id": tree["id"],
        "title": plain_text(tree["title"]),
        "summary": plain_text(tree["summary"]),
        "page": url_of(f"decision-trees/{tree['id']}.md"),
        "source": source,
        "hash_prefix": HASH_PREFIX,
        "start": tree["start"],
        "questions": questions,
        "outcomes": outcomes,
        "examples": [{"name": plain_text(e["name"]), "answers": list(e["answers"]), "outcome": e["outcome"]}
                     for e in tree["examples"]],
        "scenarios": [{"id": s["id"], "title": plain_text(s["title"]), "facts": plain_text(s["facts"]),
                       "answers": list(s["answers"]), "outcome": s["outcome"], "reason": plain_text(s["reason"]),
                       "topics": list(s["topics"]), "sources": citations(model, s["sources"])}
                      for s in tree.get("scenarios", ())],
    }


def path_labels(tree, answers) -> list[str]:
    """The answers' short labels (or labels) along a checked path from the start, e.g. for a worked example."""
    questions = {q["id"]: q for q in tree["questions"]}
    node, labels = tree["start"], []
    for answer in answers:
        option = next(o for o in questions[node]["options"] if o["id"] == answer)
        labels.append(option.get("short_label") or option["label"])
        node = option["next"]
    return labels


def anchor(tree_id: str, node_id: str, option_id: str | None = None) -> str:
    """The outline's anchor of a question, an outcome or (with option_id) one answer; '--' cannot occur in a slug."""
    return f"dt-{tree_id}--{node_id}" + (f"--{option_id}" if option_id else "")


def outline(tree) -> dict:
    """The questions as a nested outline in depth-first order from the start.

    Each option's `then` is the next question nested in full where it first appears, or a reference to an
    outcome or to a question already shown (a tree may join branches), so every node appears exactly once.
    """
    questions = {q["id"]: q for q in tree["questions"]}
    outcomes = {o["id"]: o for o in tree["outcomes"]}
    shown: set[str] = set()

    def question(qid: str) -> dict:
        shown.add(qid)
        node = questions[qid]
        options = []
        for option in node["options"]:
            target = option["next"]
            if target in outcomes:
                then = {"kind": "outcome", "id": target, "node": outcomes[target]}
            elif target in shown:
                then = {"kind": "see-question", "id": target, "node": questions[target]}
            else:
                then = {"kind": "question", "id": target, "node": questions[target], "nested": question(target)}
            options.append({"option": option, "then": then})
        return {"id": qid, "node": node, "options": options}

    return question(tree["start"])


def api_files(model: Model) -> list[tuple[str, str]]:
    """(site path, text) of each tree's JSON and of the schema that describes it."""
    files = []
    for tree in model.items["decision-trees"]:
        text = json.dumps(payload(model, tree), ensure_ascii=False, separators=(",", ":")) + "\n"
        files.append((f"{API_DIR}/decision-trees/{tree['id']}.json", text))
    files.append((f"{API_DIR}/schemas/{API_SCHEMA.name}", API_SCHEMA.read_text(encoding="utf-8")))
    return files
