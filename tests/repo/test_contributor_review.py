"""Review age: old `reviewed` dates reach the maintainers' page and INFO lines, never a failing --strict build."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from conftest import ROOT, make_project, mkdocs_settings

from guide import review_age
from guide.catalog import COLLECTIONS
from guide.pipeline import load_model

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def build_verbose(project, site, **env):
    """`mkdocs build --strict` without -q, so that INFO lines show; returns the process with its output."""
    environ = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], capture_output=True, text=True, env=environ, cwd=project)


def relax_links_to_real_content(project: Path) -> Path:
    """The hand-written pages in content/ link to items of the real data that the minimal data lacks: in a copy
    built with the minimal data, report such links at INFO so that --strict judges only what the test is about."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  anchors: warn\n" in text
    config.write_text(text.replace("\n  anchors: warn\n", "\n  anchors: info\n  not_found: info\n"), encoding="utf-8")
    return project


def epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc).timestamp()))


@pytest.mark.parametrize("extra, expected", [(None, 365), ({}, 365), ({"review_after_days": 90}, 90)])
def test_review_limit_is_read_from_extra(extra, expected):
    assert review_age.review_limit(extra) == expected


@pytest.mark.parametrize("value", [0, -5, "365", 1.5, True, None])
def test_review_limit_refuses_what_is_not_a_positive_whole_number(value):
    with pytest.raises(ValueError, match=r"^mkdocs.yml: extra.review_after_days: expected a whole number of days"):
        review_age.review_limit({"review_after_days": value})


def test_real_config_sets_the_limit():
    config = mkdocs_settings()
    assert config["extra"]["review_after_days"] == 365


def test_build_date_follows_source_date_epoch():
    assert review_age.build_date({"SOURCE_DATE_EPOCH": epoch(date(2030, 1, 2))}) == date(2030, 1, 2)
    assert review_age.build_date({}) == date.today()


def test_stale_items_are_those_older_than_the_limit_oldest_first(tmp_path):
    model = load_model(make_project(tmp_path / "project", MINIMAL) / "data")
    dates = [date.fromisoformat(i["reviewed"]) for n in COLLECTIONS for i in model.items[n] if "reviewed" in i]
    newest = max(dates)
    assert review_age.stale_items(model, newest, 1) == []
    later = date.fromordinal(newest.toordinal() + 31)
    stale = review_age.stale_items(model, later, 30)
    assert len(stale) == len(dates) and all(s.age_days == 31 for s in stale)
    assert review_age.stale_items(model, later, 31) == [], "exactly the limit is not yet stale"
    assert [(s.reviewed, s.file) for s in stale] == sorted((s.reviewed, s.file) for s in stale)
    which = next(s for s in stale if s.file == "data/faq/which.yml")
    assert (which.title, which.src) == ("Which one?", "faq/index.md#which")


def test_log_lines_start_with_stale_and_end_with_a_summary():
    item = review_age.StaleItem("faq", "which", "Which one?", "data/faq/which.yml", "faq/index.md#which",
                                date(2025, 1, 1), 400)
    assert review_age.log_lines([item], 365) == [
        "stale: data/faq/which.yml: last reviewed 2025-01-01, 400 days ago",
        "stale: 1 item not reviewed in the last 365 days; the list is on the page maintainers/",
    ]
    assert review_age.log_lines([], 365) == []


def test_maintainers_page_lists_items_with_links(tmp_path):
    item = review_age.StaleItem("use-cases", "shop", "Shop | descriptions", "data/use-cases/shop.yml",
                                "use-cases/shop.md", date(2025, 1, 1), 400)
    page = review_age.maintainers_page([item], date(2026, 2, 5), 365, "https://example.org/repo/edit/main/")
    assert page.src == "maintainers.md"
    assert ("| [Shop \\| descriptions](use-cases/shop.md) | [`data/use-cases/shop.yml`]"
            "(https://example.org/repo/edit/main/data/use-cases/shop.yml) | 2025-01-01 | 400 |") in page.markdown
    empty = review_age.maintainers_page([], date(2026, 2, 5), 365, None)
    assert "Every item was reviewed within the last 365 days." in empty.markdown


@pytest.fixture
def minimal_project(tmp_path):
    return relax_links_to_real_content(make_project(tmp_path / "project", MINIMAL))


def test_stale_items_are_reported_at_info_and_the_strict_build_passes(minimal_project, tmp_path):
    result = build_verbose(minimal_project, tmp_path / "site", SOURCE_DATE_EPOCH=epoch(date(2028, 1, 1)))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert re.search(r"^INFO +- +stale: data/faq/which\.yml: last reviewed 2026-11-22, 405 days ago$", output, re.M), output
    assert re.search(r"^INFO +- +stale: \d+ items not reviewed in the last 365 days; the list is on the page maintainers/$",
                     output, re.M), output
    page = (tmp_path / "site" / "maintainers" / "index.html").read_text(encoding="utf-8")
    assert 'href="../faq/#which"' in page
    assert "https://github.com/prompt-rag-fine-tune/guide/edit/main/data/faq/which.yml" in page
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="maintainers/"' not in home, "the maintainers' page stays out of the navigation"


def test_fresh_items_print_no_stale_line(minimal_project, tmp_path):
    result = build_verbose(minimal_project, tmp_path / "site", SOURCE_DATE_EPOCH=epoch(date(2026, 11, 23)))
    assert result.returncode == 0, result.stderr
    assert "stale:" not in result.stdout + result.stderr
    page = (tmp_path / "site" / "maintainers" / "index.html").read_text(encoding="utf-8")
    assert "Every item was reviewed within the last 365 days." in page


def test_the_limit_comes_from_mkdocs_yml(minimal_project, tmp_path):
    config = minimal_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("review_after_days: 365", "review_after_days: 1"),
                      encoding="utf-8")
    result = build_verbose(minimal_project, tmp_path / "site", SOURCE_DATE_EPOCH=epoch(date(2026, 11, 25)))
    assert result.returncode == 0, result.stderr
    assert "stale: data/faq/which.yml: last reviewed 2026-11-22, 3 days ago" in result.stdout + result.stderr


def test_an_unusable_limit_stops_the_build_with_its_place(minimal_project, tmp_path):
    config = minimal_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("review_after_days: 365", "review_after_days: a year"),
                      encoding="utf-8")
    result = build_verbose(minimal_project, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml: extra.review_after_days: expected a whole number of days of at least 1, got 'a year'" in result.stderr


def test_real_site_has_the_maintainers_page(built_site):
    page = (built_site / "maintainers" / "index.html").read_text(encoding="utf-8")
    assert "For maintainers" in page
    assert 'href="maintainers/"' not in (built_site / "index.html").read_text(encoding="utf-8")
    assert "maintainers/" in (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
