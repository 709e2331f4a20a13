"""The site builds with --strict, every data item reaches a page, and broken data stops the build with file and line."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, build, make_project, real_model

from guide.addresses import item_src
from guide.catalog import COLLECTIONS
from guide.pipeline import load_model
from guide.site import pages

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def test_real_site_builds_strict(built_site):
    assert (built_site / "index.html").is_file()


def test_every_data_item_reaches_its_page(built_site):
    """A count test: nothing in data/ is silently dropped from the site."""
    model = real_model()
    missing = []
    for name in COLLECTIONS:
        for item in model.items[name]:
            src, _, anchor = item_src(name, item["id"]).partition("#")
            html_file = built_site / (src[: -len("index.md")] if src.endswith("index.md") else src[: -len(".md")] + "/") / "index.html"
            if not html_file.is_file():
                missing.append(f"{name}/{item['id']}: no page {html_file.relative_to(built_site)}")
            elif anchor and f'id="{anchor}"' not in html_file.read_text(encoding="utf-8"):
                missing.append(f"{name}/{item['id']}: no anchor #{anchor} in {html_file.relative_to(built_site)}")
    assert missing == []
    data_files = sum(1 for name in COLLECTIONS for _ in (DATA / name).glob("*.yml"))
    assert data_files == sum(len(model.items[name]) for name in COLLECTIONS)


def test_every_generated_page_is_reachable_from_an_index_or_the_navigation(built_site):
    """Item pages are not in the navigation, so their section's index page must link to them."""
    model = real_model()
    orphans = []
    for page in pages(model):
        if page.item is None:
            continue
        collection, item_id = page.item
        index = (built_site / collection / "index.html").read_text(encoding="utf-8")
        if f'href="{item_id}/"' not in index:
            orphans.append(page.src)
    assert orphans == []


@pytest.fixture
def minimal_project(tmp_path):
    return make_project(tmp_path / "project", MINIMAL)


def test_minimal_fixture_builds(minimal_project, tmp_path):
    result = build(minimal_project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "use-cases" / "shop" / "index.html").is_file()


@pytest.mark.parametrize("change, expected", [
    (("faq/which.yml", "order: 1\n", "order: 1\norder: 2\n"),
     "data/faq/which.yml:6:1: order: duplicate key 'order' (first defined at line 5); keep one"),
    (("faq/which.yml", "order: 1\n", "order: 1\ncolour: blue\n"),
     "data/faq/which.yml:6:1: colour: unknown field 'colour'"),
    (("comparisons/alpha.yml", "  - aspect: cost\n", "  - aspect: costs\n"),
     "data/comparisons/alpha.yml:8:5: rows[0].aspect: 'costs' is not a known aspect (known: cost)"),
])
def test_broken_data_stops_the_build_with_file_and_line(minimal_project, tmp_path, change, expected):
    name, old, new = change
    path = minimal_project / "data" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    site = tmp_path / "site"
    result = build(minimal_project, site)
    assert result.returncode != 0
    assert expected in result.stderr + result.stdout
    assert "1 error detected in data/" in result.stderr + result.stdout
    assert not (site / "index.html").exists(), "no page may be written from data that failed validation"


def test_hand_written_page_may_not_hide_a_generated_one(minimal_project, tmp_path):
    (minimal_project / "content" / "faq").mkdir()
    (minimal_project / "content" / "faq" / "index.md").write_text("# Mine\n")
    result = build(minimal_project, tmp_path / "site")
    assert result.returncode != 0
    assert "content/faq/index.md would hide the page generated from data/faq/" in result.stderr + result.stdout


def test_generated_pages_edit_their_yaml(built_site):
    html = (built_site / "approaches" / "rag" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/data/approaches/rag.yml" in html
    hand_written = (built_site / "diagnose" / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/content/diagnose.md" in hand_written
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "/edit/main/hooks/templates/home.md.j2" in home


ASSETS = ROOT / "content" / "assets"


@pytest.mark.parametrize("source", sorted(p.name for p in ASSETS.iterdir() if p.suffix in (".js", ".css")))
def test_our_scripts_and_stylesheets_ship_minified(built_site, source):
    from guide import minify
    written = (ASSETS / source).read_text(encoding="utf-8")
    shipped = (built_site / "assets" / source).read_text(encoding="utf-8")
    assert shipped == minify.minified(f"assets/{source}", written)
    assert len(shipped) < len(written) * 0.9, f"{source}: the minified file should be clearly smaller"
    assert "/*" not in shipped and "\n  " not in shipped, f"{source}: comments or indentation survived"


def test_theme_assets_are_left_alone(built_site):
    from guide import minify
    assert minify.is_own_asset("assets/guide.css") and minify.is_own_asset("assets/decision-tree.js")
    assert not minify.is_own_asset("assets/javascripts/bundle.js")
    assert not minify.is_own_asset("assets/stylesheets/main.css") and not minify.is_own_asset("assets/logo.svg")
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    theme = Path(__import__("material").__file__).parent / "templates" / "assets" / "javascripts" / bundle.name
    assert bundle.read_bytes() == theme.read_bytes()


def test_minifier_extensions_match_the_packages():
    import rcssmin
    import rjsmin

    from guide import minify
    for path in sorted(ASSETS.iterdir()):
        text = path.read_text(encoding="utf-8")
        expected = rjsmin.jsmin(text) if path.suffix == ".js" else rcssmin.cssmin(text) if path.suffix == ".css" else None
        if expected is not None:
            assert minify.minified(f"assets/{path.name}", text) == expected + "\n", path.name
