"""`make generate` and the thin hook: the generated sources, built by plain MkDocs with no hooks and finished by
`python -m guide.finish`, give the site `make build` gives; the MkDocs hook only hands the core's files over.
"""
from __future__ import annotations

import ast
import gzip
import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from guide import finish, generate, site_files

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "hooks" / "site_data.py"


def build_date_epoch(site: Path) -> str:
    """The day a built site was made, from its exports, as SOURCE_DATE_EPOCH: both builds then print the same date."""
    exports = json.loads((site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))["exports"]
    export = json.loads((site / next(iter(exports.values()))["json"]).read_text(encoding="utf-8"))
    day = date.fromisoformat(export["guide"]["date"])
    return str(int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()))


def generated_sources(where: Path, built_site: Path, engine: str = "mkdocs") -> Path:
    folder = where / "generated"
    generate.generate(ROOT, folder, {**os.environ, "SOURCE_DATE_EPOCH": build_date_epoch(built_site)}, engine)
    return folder


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def without_blank_lines(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix not in (".html", ".xml", ".gz", ".json", ".md", ".csv", ".js", ".css"):
        return data
    return b"\n".join(line.rstrip() for line in data.splitlines() if line.strip())


@pytest.fixture(scope="module")
def generated_site(built_site, tmp_path_factory) -> tuple[Path, Path]:
    """(sources, site): `make generate`, a plain `mkdocs build --strict` of the sources, then the finish step."""
    sources = generated_sources(tmp_path_factory.mktemp("generate"), built_site)
    site = sources.parent / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(sources / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, cwd=sources,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, f"mkdocs build of the generated sources failed:\n{result.stderr}"
    assert finish.finish_site(sources, site) > 100
    return sources, site


def test_generated_sources_have_no_hooks_and_no_engine_specific_folder(generated_site):
    sources, _ = generated_site
    config = yaml.safe_load((sources / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "theme"
    assert "RAG" in config["markdown_extensions"][0]["abbr"]["glossary"], "the glossary's tooltips go to abbr"
    assert not list((sources / "docs").rglob("exports/*.md")), "Markdown exports would become pages: kept outside"
    assert sorted(p.name for p in (sources / finish.OUTSIDE_DOCS / "exports").iterdir())


def test_plain_mkdocs_build_of_the_generated_sources_gives_the_same_site(generated_site, built_site):
    _, site = generated_site
    assert files_of(site) == files_of(built_site)
    # The HTML differs only where the engine left a blank line (the report link's data-file line, set in the
    # MkDocs build and put in by the finish step here) or none (the edit link the finish step removes).
    differing = sorted(p for p in files_of(site) if without_blank_lines(site / p) != without_blank_lines(built_site / p))
    assert not differing, f"differ from the build with the hook: {differing[:10]}"


def test_edit_links_of_generated_pages_open_their_data_files(generated_site):
    _, site = generated_site
    page = (site / "approaches" / "rag" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/prompt-rag-fine-tune/guide/edit/main/data/approaches/rag.yml"' in page
    assert "Data%20file%3A%20data/approaches/rag.yml%0A" in page
    assert "edit/main/content/diagnose.md" in (site / "diagnose" / "index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in (site / "maintainers" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("html, url, data_file, expected", [
    ('<a href="x/edit/main/a.md" title="Edit" class="b" rel="edit">E</a> body=Page%3A%20/a/%0A%0AWhat"',
     "x/edit/main/data/a/b.yml", "data/a/b.yml",
     '<a href="x/edit/main/data/a/b.yml" title="Edit" class="b" rel="edit">E</a> '
     'body=Page%3A%20/a/%0AData%20file%3A%20data/a/b.yml%0A%0AWhat"'),
    ('<p><a href="x/edit/main/m.md" rel="edit">E</a></p>', None, None, "<p></p>"),
    ('<a href="elsewhere">other</a>', "y", None, '<a href="elsewhere">other</a>'),
])
def test_finish_points_the_edit_link_at_the_file_behind_the_page(html, url, data_file, expected):
    assert finish.with_edit_link(html, url, data_file) == expected


def test_environment_tags_read_as_mkdocs_reads_them(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("a: !ENV [GUIDE_A, 'fallback']\nb: !ENV [GUIDE_B, false]\nc: !ENV GUIDE_C\n",
                                         encoding="utf-8")
    monkeypatch.setenv("GUIDE_A", "set")
    monkeypatch.delenv("GUIDE_B", raising=False)
    monkeypatch.setenv("GUIDE_C", "true")
    assert generate.read_config(tmp_path / "mkdocs.yml") == {"a": "set", "b": False, "c": True}


def test_a_generated_page_hiding_a_hand_written_one_stops_the_build(tmp_path):
    docs = tmp_path / "content"
    (docs / "approaches").mkdir(parents=True)
    (docs / "approaches" / "rag.md").write_text("# Mine\n", encoding="utf-8")
    settings = site_files.settings({"site_name": "G", "docs_dir": "content"}, ROOT, {})
    settings = site_files.Settings(**{**settings.__dict__, "docs_dir": docs, "root": ROOT})
    with pytest.raises(site_files.BuildError, match=r"content/approaches/rag\.md would hide the page generated from "
                                                    r"data/approaches/rag\.yml"):
        site_files.build(site_files.load_model(settings), settings)


def test_the_hook_is_thin():
    source = HOOK.read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if line.strip()]
    assert len(lines) <= 100, f"hooks/site_data.py has {len(lines)} non-blank lines; the site is the core's to make"
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    # MkDocs, the core, and what it takes to put the core on the import path.
    assert imported <= {"mkdocs", "guide", "__future__", "logging", "os", "sys", "pathlib"}, imported


def test_finish_points_links_an_engine_read_as_pages_at_the_files():
    html = '<a href="../../exports/t.md" download>a</a> <a href="../../exports/t/" download>b</a> <a href="exports/u/">c</a>'
    assert finish.with_file_links(html, ["exports/t.md"]) == \
        '<a href="../../exports/t.md" download>a</a> <a href="../../exports/t.md" download>b</a> <a href="exports/u/">c</a>'


@pytest.mark.parametrize("from_source, expected_url, expected_asset", [
    (False, "../../approaches/rag/#x", "../../assets/a.js"),  # MkDocs: from the page's address, decision-trees/guide/
    (True, "../approaches/rag/#x", "../assets/a.js"),         # Zensical: from the source file's folder, decision-trees/
])
def test_raw_html_addresses_are_written_from_where_the_engine_reads_them(from_source, expected_url, expected_asset):
    from guide import addresses, render
    env = render.environment()
    template = env.from_string("{{ url('approaches/rag.md#x') }} {{ asset('assets/a.js') }} {{ site_root() }}")
    with addresses.addressing(True, from_source):
        # The script's root is read by the browser from the page's address, whatever the engine.
        assert template.render(page_src="decision-trees/guide.md") == f"{expected_url} {expected_asset} ../../"


def test_a_build_leaves_the_published_sites_addresses_behind():
    """A build for another engine or for the offline edition sets its kind of address for that build only."""
    from guide import addresses
    before = (addresses.url_of("approaches/rag.md"), addresses.relative_url("decision-trees/guide.md", "index.md"))
    with pytest.raises(RuntimeError):
        with addresses.addressing(False, True):
            assert addresses.url_of("approaches/rag.md") == "approaches/rag.html"
            raise RuntimeError("the build stops")
    assert (addresses.url_of("approaches/rag.md"), addresses.relative_url("decision-trees/guide.md", "index.md")) == before
