"""The one-way data pipeline: read and check every file, run the cross-file rules, build the model.

Called once per build by the MkDocs hook, by `python -m guide.check`, and by the tests.
"""
from __future__ import annotations

from pathlib import Path

from . import decision_tree, editorial, figures, references, tree_paths, verdicts
from .documents import Document, read_documents
from .errors import DataError, DataErrors
from .model import Model, build

# The cross-file rules, run in this order over all documents that passed their schema.
RULES = (
    references.check_ids,
    references.check_inventory_ids,
    references.check_references,
    references.check_citations,
    references.check_comparison_columns,
    references.check_links,
    references.check_page_structure,
    figures.check_figure_provenance,
    decision_tree.check_trees,
    tree_paths.check_tree_paths,
    decision_tree.check_use_case_answers,
    verdicts.check_use_case_verdicts,
    editorial.check_evaluation_steps,
    editorial.check_outcome_examples,
    editorial.check_tree_citations,
    editorial.check_use_cases_have_verdicts,
    editorial.check_article_claims_named,
)

# Rules that something is used somewhere: run only when every file was read, since a file that failed its schema
# may hold the citation they look for.
COMPLETENESS_RULES = (
    editorial.check_sources_cited,
    editorial.check_inventory_cited,
    editorial.check_source_trees_have_use_cases,
)


def check(data_dir: Path) -> tuple[list[Document], list[DataError]]:
    """All documents and all errors: schema errors of every file, then the rules over the valid ones."""
    documents, errors = read_documents(Path(data_dir))
    everything_read = not errors
    for rule in RULES + (COMPLETENESS_RULES if everything_read else ()):
        errors.extend(rule(documents))
    return documents, sorted(set(errors))


def load_model(data_dir: Path) -> Model:
    """The validated model, or DataErrors listing every problem. Nothing is built from invalid data."""
    documents, errors = check(data_dir)
    if errors:
        raise DataErrors(errors)
    return build(documents)
