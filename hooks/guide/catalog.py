"""The collections under data/: their folders, schemas, and how their items become pages.

Read by `documents.py` to find and check data files, and by `site.py` to lay out the pages.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    name: str          # folder under data/ and section of the site
    singular: str      # what one item is called in messages: 'aspect', 'use case'
    title: str         # heading of the section's index page
    item_pages: bool   # True: each item gets data/<name>/<id>.yml -> <name>/<id>/; False: an anchor on the index
    sort_key: str      # field that orders items on pages ('order' or a text field)


COLLECTIONS: dict[str, Collection] = {c.name: c for c in (
    Collection("sources", "source", "Sources", True, "title"),
    Collection("approaches", "approach", "Approaches", True, "order"),
    Collection("aspects", "aspect", "Aspects", False, "order"),
    Collection("comparisons", "comparison", "Comparison tables", True, "title"),
    Collection("use-cases", "use case", "Use cases", True, "title"),
    Collection("techniques", "technique", "Techniques", True, "name"),
    Collection("frameworks", "framework", "Decision frameworks", True, "title"),
    Collection("statistics", "statistic", "Statistics", False, "measures"),
    Collection("faq", "question", "Questions and answers", False, "order"),
    Collection("glossary", "glossary term", "Glossary", False, "term"),
    Collection("decision-trees", "decision tree", "Decision trees", True, "order"),
    Collection("changelog", "changelog entry", "Changes to the guidance", False, "id"),
)}

SCHEMA_DIR = "schemas"
