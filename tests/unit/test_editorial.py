"""Unit tests of the editorial rules, each from tiny inline documents, asserting the exact message."""
from __future__ import annotations

from pathlib import Path

from conftest import minimal_data
from guide import editorial, pipeline
from guide.documents import Document
from guide.schemas import reference_fields
from guide.strict_yaml import parse

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = str(ROOT / "data" / "schemas")


def doc(collection: str, slug: str, text: str) -> Document:
    file = f"data/{collection}/{slug}.yml"
    data, positions, errors = parse(text.encode(), file)
    assert errors == []
    return Document(file, collection, slug, data, positions, reference_fields(SCHEMAS, collection))


def messages(errors):
    return [str(e) for e in errors]


ARTICLE = doc("sources", "alpha", "id: alpha\nname: Alpha\nkind: article\ninventory:\n  - {id: row, kind: table-row, label: R}\n"
              "  - {id: step, kind: framework-step, label: S}\n")
REFERENCE = doc("sources", "maker", "id: maker\nname: Maker\nkind: reference\ninventory:\n  - {id: page, kind: table-row, label: P}\n")
CITES_ROW = doc("faq", "q", "id: q\nsources: [alpha#row]\n")


def test_an_uncited_inventory_item_of_an_article():
    assert messages(editorial.check_inventory_cited([ARTICLE, REFERENCE, CITES_ROW])) == [
        "data/sources/alpha.yml:6:6: inventory[1].id: 'step' is cited nowhere; cite it as 'alpha#step' where the "
        "guide uses it, or remove it from the inventory"]


def test_a_source_cited_nowhere():
    assert messages(editorial.check_sources_cited([ARTICLE, REFERENCE, CITES_ROW])) == [
        "data/sources/maker.yml:1:1: id: source 'maker' is cited nowhere; cite it where the guide draws on it, "
        "or remove this file"]


def test_a_source_named_by_a_reference_field_is_cited():
    framework = doc("frameworks", "f", "id: f\nsource: maker\n")
    assert editorial.check_sources_cited([ARTICLE, REFERENCE, CITES_ROW, framework]) == []


TREE = """\
id: t
questions:
  - id: a
    sources: [alpha#row]
outcomes:
  - id: done
    next_steps: ["Evaluate: compare answers with the test set.", Ship it.]
    sources: [alpha]
  - id: other
    next_steps: ["Evaluate first: measure the prompt.", Tune it.]
    sources: [alpha]
examples:
  - {answers: ["yes"], outcome: done}
  - {answers: ["no"], outcome: other}
"""


def test_a_tree_that_keeps_the_promises_has_no_errors():
    tree = doc("decision-trees", "t", TREE)
    for rule in (editorial.check_evaluation_steps, editorial.check_outcome_examples, editorial.check_tree_citations):
        assert rule([ARTICLE, tree]) == []


def test_an_outcome_whose_first_step_is_not_an_evaluation():
    tree = doc("decision-trees", "t", TREE.replace('"Evaluate first: measure the prompt."', "Write a prompt."))
    assert messages(editorial.check_evaluation_steps([tree])) == [
        "data/decision-trees/t.yml:10:18: outcomes[1].next_steps[0]: the first next step says how to tell whether the "
        "recommendation works; start it with 'Evaluate:' or 'Evaluate first:'"]


def test_an_outcome_without_a_worked_example():
    tree = doc("decision-trees", "t", TREE.replace('  - {answers: ["no"], outcome: other}\n', ""))
    assert messages(editorial.check_outcome_examples([tree])) == [
        "data/decision-trees/t.yml:9:5: outcomes[1].id: outcome 'other' has no worked example; add one to 'examples' "
        "whose answers end here"]


def test_a_source_tree_cites_only_its_source():
    tree = doc("decision-trees", "t", "source: maker\n" + TREE)
    assert messages(editorial.check_tree_citations([ARTICLE, REFERENCE, tree])) == [
        f"data/decision-trees/t.yml:{line}:{column}: {key}: 'alpha' is not 'maker', the source this tree reproduces; "
        "such a tree cites only its source"
        for line, column, key in ((5, 15, "questions[0].sources[0]"), (9, 15, "outcomes[0].sources[0]"),
                                  (12, 15, "outcomes[1].sources[0]"))]


def test_the_main_guide_draws_on_every_article():
    beta = doc("sources", "beta", "id: beta\nkind: article\n")
    tree = doc("decision-trees", "t", TREE)
    assert messages(editorial.check_tree_citations([ARTICLE, REFERENCE, beta, tree])) == [
        "data/decision-trees/t.yml:1:1: id: the main guide cites nothing from the article 'beta'; it draws on every "
        "source article"]


def test_a_source_tree_that_no_use_case_walks():
    walked = doc("decision-trees", "walked", "source: maker\n" + TREE.replace("id: t", "id: walked"))
    alone = doc("decision-trees", "alone", "source: maker\n" + TREE.replace("id: t", "id: alone"))
    case = doc("use-cases", "u", "id: u\ntree_answers: {tree: walked, answers: [\"yes\"]}\n")
    main = doc("decision-trees", "t", TREE)
    assert messages(editorial.check_source_trees_have_use_cases([walked, alone, case, main])) == [
        "data/decision-trees/alone.yml:1:1: source: no use case walks this tree; give a use case of 'maker' "
        "'tree_answers' with tree: alone"]


def test_a_use_case_without_the_guides_verdict():
    tree = doc("decision-trees", "t", TREE)
    judged = doc("use-cases", "judged", "id: judged\nverdict: {answers: [\"yes\"], outcome: done}\n")
    unjudged = doc("use-cases", "unjudged", "id: unjudged\napproaches: [rag]\n")
    assert messages(editorial.check_use_cases_have_verdicts([tree, judged, unjudged])) == [
        "data/use-cases/unjudged.yml:1:1: id: use case 'unjudged' has no 'verdict'; give the answers it takes through "
        "the main guide 't' and the outcome they reach"]
    assert editorial.check_use_cases_have_verdicts([doc("decision-trees", "s", "source: maker\n" + TREE), unjudged]) == []


def test_a_claim_resting_only_on_articles_names_them():
    named = doc("approaches", "rag", "id: rag\nstrengths:\n  - {text: Alpha finds it cheap., sources: [alpha#row]}\n"
                "  - {text: Cheap., sources: [alpha, maker]}\n"
                "costs:\n  - {text: The source articles agree., sources: [alpha]}\n  - {text: Cheap to run., sources: [alpha#step]}\n")
    assert messages(editorial.check_article_claims_named([ARTICLE, REFERENCE, named])) == [
        "data/approaches/rag.yml:7:6: costs[1].text: this claim rests only on Alpha, which no model maker's page backs; "
        "name it in the text (or say 'the source articles') so that readers see whose view it is"]


def test_editorial_rules_run_in_the_pipeline(tmp_path):
    data = minimal_data(tmp_path, ("decision-trees/main.yml", ("replace", '"Evaluate: test it."', "Test it.")),
                        ("faq/which.yml", ("replace", 'sources: ["alpha#faq-which"]', "sources: [alpha]")))
    assert [str(e) for e in pipeline.check(data)[1]] == [
        "data/decision-trees/main.yml:19:18: outcomes[0].next_steps[0]: the first next step says how to tell whether "
        "the recommendation works; start it with 'Evaluate:' or 'Evaluate first:'",
        "data/sources/alpha.yml:13:6: inventory[3].id: 'faq-which' is cited nowhere; cite it as 'alpha#faq-which' "
        "where the guide uses it, or remove it from the inventory"]


def test_completeness_waits_for_every_file_to_be_read(tmp_path):
    """A file that fails its schema may hold the citation: 'cited nowhere' is not reported on top of its error."""
    data = minimal_data(tmp_path, ("faq/which.yml", ("replace", "order: 1", "order: first")))
    errors = [str(e) for e in pipeline.check(data)[1]]
    assert len(errors) == 1 and errors[0].startswith("data/faq/which.yml:")
