"""Editorial rules for the approach pages and answers: the model makers lead, and the contradictions once found
between these pages and the guide's own advice stay fixed (that a vendor blog's claim says whose it is is a pipeline
rule, in editorial.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import real_model


ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
SOURCES = MODEL.by_id["sources"]
APPROACHES = MODEL.items["approaches"]
SECTIONS = ("strengths", "limits", "costs", "data_needed", "skills_needed", "when_to_choose")


def claims(approach):
    for section in SECTIONS:
        for claim in approach[section]:
            yield section, claim


def source_ids(citations):
    return {c.split("#", 1)[0] for c in citations}


def texts():
    """(where, text, citations) for every approach claim and every answer."""
    for a in APPROACHES:
        yield f"approaches/{a['id']}: how_it_works", a["how_it_works"], a["sources"]
        for section, claim in claims(a):
            yield f"approaches/{a['id']}: {section}", claim["text"], claim["sources"]
    for q in MODEL.items["faq"]:
        yield f"faq/{q['id']}", q["answer"], q["sources"]


@pytest.mark.parametrize("approach", APPROACHES, ids=[a["id"] for a in APPROACHES])
def test_each_section_cites_a_model_maker(approach):
    """Every section of an approach page has at least one claim backed by first-party guidance."""
    missing = [section for section in SECTIONS
               if not any(SOURCES[i]["kind"] == "reference"
                          for _, claim in claims(approach) if _ == section for i in source_ids(claim["sources"]))]
    assert missing == []


@pytest.mark.parametrize("approach", APPROACHES, ids=[a["id"] for a in APPROACHES])
def test_costs_carry_the_month_they_were_checked(approach):
    assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", approach.get("costs_as_of", "")), approach["id"]


# A claim once stated as fact by the approach pages, and the first-party citation that must now stand beside it
# wherever the claim is still mentioned (as a vendor's view, with the model makers' answer).
CORRECTED = [
    (r"hundreds to thousands", "microsoft-foundry-fine-tuning#stat-50-100-examples"),
    (r"proprietary asset", "openai-deprecations#claim-fine-tunes-follow-base"),
    (r"\b95\s?%", "openai-accuracy#step-break-even"),
]


@pytest.mark.parametrize("pattern, answer", CORRECTED, ids=[p for p, _ in CORRECTED])
def test_corrected_claims_appear_only_with_the_model_makers_answer(pattern, answer):
    bare = [where for where, text, cited in texts() if re.search(pattern, text, re.I) and answer not in cited]
    assert bare == []


def test_no_page_says_a_prompt_cannot_carry_knowledge():
    """The guide puts small knowledge bases into the prompt, so no page may say a prompt cannot teach knowledge."""
    found = [where for where, text, _ in texts() if re.search(r"cannot (teach|give|add)[^.]*knowledge", text, re.I)]
    assert found == []
