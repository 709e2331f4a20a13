"""The decision record at a tree's outcome: its Markdown names the questions, answers, outcome, reasons,
sources, date and guide version, and it can be copied and downloaded."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import real_model
from playwright.sync_api import expect

from guide.tree_view import payload

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
TREE = MODEL.by_id["decision-trees"]["guide"]
PAYLOAD = payload(MODEL, TREE)
EXAMPLE = next(e for e in TREE["examples"] if len(e["answers"]) >= 3)


@pytest.fixture
def outcome_page(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(f"{site_url}decision-trees/guide/#answers={'/'.join(EXAMPLE['answers'])}")
    page.locator(".dt-record").wait_for()
    yield page
    context.close()


@pytest.mark.browser
def test_record_is_written_when_the_preview_opens(outcome_page):
    assert outcome_page.locator(".dt-record-text").text_content() == ""
    outcome_page.get_by_text("Preview the record").click()
    expect(outcome_page.locator(".dt-record-text")).to_contain_text("# Decision record: ")


@pytest.mark.browser
def test_record_holds_the_whole_decision(outcome_page):
    outcome_page.get_by_text("Preview the record").click()
    # The record is written by the preview's toggle event, which fires after the click returns.
    expect(outcome_page.locator(".dt-record-text")).to_contain_text("# Decision record: ")
    text = outcome_page.locator(".dt-record-text").text_content()
    outcome = PAYLOAD["outcomes"][EXAMPLE["outcome"]]
    assert text.startswith(f"# Decision record: {PAYLOAD['title']}\n")
    assert f"- Date: {datetime.date.today().isoformat()}" in text
    assert f"version {PAYLOAD['guide_version']}" in text and PAYLOAD["guide_version"] != "unreleased"
    assert f"**{outcome['title']}**" in text
    node = PAYLOAD["start"]
    for number, answer in enumerate(EXAMPLE["answers"], 1):
        question = PAYLOAD["questions"][node]
        option = next(o for o in question["options"] if o["id"] == answer)
        assert f"{number}. {question['text']} **{option['label']}.**" in text
        node = option["next"]
    for step in outcome["next_steps"]:
        assert step in text
    for source in outcome["sources"]:
        assert f"- {source['name']}: http" in text
    assert "#answers=" + "/".join(EXAMPLE["answers"]) in text


@pytest.mark.browser
def test_record_copies_to_the_clipboard(outcome_page):
    outcome_page.get_by_role("button", name="Copy as Markdown").click()
    outcome_page.locator(".dt-record-status", has_text="Copied.").wait_for()
    copied = outcome_page.evaluate("navigator.clipboard.readText()")
    assert copied == outcome_page.locator(".dt-record-text").text_content()


@pytest.mark.browser
def test_record_downloads_as_markdown(outcome_page):
    with outcome_page.expect_download() as info:
        outcome_page.get_by_role("button", name="Download (.md)").click()
    download = info.value
    assert download.suggested_filename == "decision-record-guide.md"
    assert Path(download.path()).read_text(encoding="utf-8") == outcome_page.locator(".dt-record-text").text_content()
