"""Unit tests of the cross-file rules, each from tiny inline documents, asserting the exact message."""
from __future__ import annotations

from pathlib import Path

from guide.catalog import COLLECTIONS
from guide.documents import Document
from guide.references import check_citations, check_comparison_columns, check_ids, check_links, check_references
from guide.schemas import all_reference_fields, reference_fields
from guide.strict_yaml import parse

SCHEMAS = str(Path(__file__).resolve().parents[2] / "data" / "schemas")


def doc(collection: str, slug: str, text: str) -> Document:
    file = f"data/{collection}/{slug}.yml"
    data, positions, errors = parse(text.encode(), file)
    assert errors == []
    return Document(file, collection, slug, data, positions, reference_fields(SCHEMAS, collection))


SOURCE = doc("sources", "alpha", "id: alpha\ninventory:\n  - {id: table-cost, kind: table-row, label: Cost}\n")
ASPECT = doc("aspects", "cost", "id: cost\n")
APPROACHES = [doc("approaches", a, f"id: {a}\n") for a in ("fine-tuning", "prompt-engineering", "rag")]


def messages(errors):
    return [str(e) for e in errors]


def test_id_must_match_file_name():
    assert messages(check_ids([doc("aspects", "cost", "id: costs\n")])) == [
        "data/aspects/cost.yml:1:1: id: 'costs' differs from the file name; rename the file to costs.yml or set id: cost"]


def test_same_id_in_two_files():
    errors = messages(check_ids([doc("aspects", "cost", "id: cost\n"), doc("aspects", "price", "name: x\nid: cost\n")]))
    assert "data/aspects/cost.yml:1:1: id: 'cost' is also the id of data/aspects/price.yml" in errors
    assert "data/aspects/price.yml:2:1: id: 'cost' is also the id of data/aspects/cost.yml" in errors


def test_dangling_aspect_in_comparison_row():
    comparison = doc("comparisons", "alpha", "id: alpha\nsource: alpha\napproaches: [rag]\nrows:\n"
                     "  - aspect: cost\n  - aspect: costs\n")
    assert messages(check_references([SOURCE, ASPECT, comparison, *APPROACHES])) == [
        "data/comparisons/alpha.yml:6:5: rows[1].aspect: 'costs' is not a known aspect (known: cost)"]


def test_dangling_approach_in_cell_key():
    comparison = doc("comparisons", "alpha", "id: alpha\nsource: alpha\napproaches: [rag]\nrows:\n"
                     "  - aspect: cost\n    cells:\n      fine_tune: {text: x}\n")
    assert messages(check_references([SOURCE, ASPECT, comparison, *APPROACHES])) == [
        "data/comparisons/alpha.yml:7:7: rows[0].cells.fine_tune: 'fine_tune' is not a known approach "
        "(known: fine-tuning, prompt-engineering, rag)"]


def test_cell_outside_declared_columns():
    comparison = doc("comparisons", "alpha", "id: alpha\napproaches: [rag]\nrows:\n  - cells:\n      fine-tuning: {text: x}\n")
    assert messages(check_comparison_columns([comparison])) == [
        "data/comparisons/alpha.yml:5:7: rows[0].cells.fine-tuning: 'fine-tuning' is not a column of this table (columns: rag)"]


def test_unknown_source_in_citation():
    item = doc("faq", "q", "id: q\nsources: [alpha, beta]\n")
    assert messages(check_citations([SOURCE, item])) == [
        "data/faq/q.yml:2:18: sources[1]: 'beta' is not a known source (known: alpha)"]


def test_unknown_inventory_item_in_citation():
    item = doc("faq", "q", "id: q\nsources:\n  - alpha#table-costs\n")
    assert messages(check_citations([SOURCE, item])) == [
        "data/faq/q.yml:3:5: sources[0]: 'table-costs' is not in the inventory of source 'alpha' (known: table-cost)"]


def test_reference_fields_come_from_the_schemas_and_name_real_collections():
    """Every `x-ref` in data/schemas/ names a collection, and the fields the rules follow are those the schemas mark."""
    found = all_reference_fields(SCHEMAS)
    assert {target for _, _, target in found} <= set(COLLECTIONS)
    assert {("comparisons", "rows.*.cells.{}", "approaches"), ("use-cases", "approaches.*", "approaches"),
            ("decision-trees", "outcomes.*.use_cases.*", "use-cases"), ("glossary", "see.*", "glossary")} <= set(found)
    assert len(found) == 19


def test_dangling_reference_of_every_kind_is_caught():
    for collection, pattern, target in all_reference_fields(SCHEMAS):
        # Build the smallest document that puts 'nowhere' at the pattern's place.
        value: object = "nowhere"
        for part in reversed(pattern.split(".")):
            value = [value] if part == "*" else {"nowhere": {}} if part == "{}" else {part: value}
        value["id"] = "x"
        document = Document(f"data/{collection}/x.yml", collection, "x", value, parse(b"a: 1\n", "x")[1],
                            reference_fields(SCHEMAS, collection))
        errors = messages(check_references([document]))
        assert len(errors) == 1 and "'nowhere' is not a known" in errors[0], (collection, pattern, errors)


def test_unsafe_links_in_text():
    item = doc("faq", "q", "id: q\nanswer: 'See [this](javascript:alert(1)) and <data:text/html,x> and [ok](https://a.example/)'\n")
    assert messages(check_links([item])) == [
        "data/faq/q.yml:2:1: answer: link to 'javascript:alert(1' is not allowed; use an http, https or mailto address, "
        "or a site-relative one",
        "data/faq/q.yml:2:1: answer: link to 'data:text/html,x' is not allowed; use an http, https or mailto address, "
        "or a site-relative one",
    ]


def test_images_in_text_are_refused():
    item = doc("faq", "q", "id: q\nanswer: '![x](https://tracker.example/pixel.png)'\n")
    assert messages(check_links([item])) == [
        "data/faq/q.yml:2:1: answer: images are not allowed in data text; the site loads nothing it does not ship"]


def test_safe_links_pass():
    item = doc("faq", "q", "id: q\nanswer: '[a](https://x.org/) [b](mailto:a@b.c) [c](../approaches/rag.md#x) [d](#top)'\n")
    assert check_links([item]) == []
