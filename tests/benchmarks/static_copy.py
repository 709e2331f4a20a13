"""The baseline of the build-overhead benchmark: the site's pages written out as static Markdown, built without hooks.

Used by `bench.py`. The hook itself produces the files (on_config, on_files, on_page_markdown), so the copy holds
exactly what MkDocs is given during a real build; what on_post_build writes (feed, exports) counts as overhead.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load


def _load_hook(project: Path):
    sys.path.insert(0, str(project / "hooks"))
    spec = importlib.util.spec_from_file_location("bench_site_data", project / "hooks" / "site_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_plain_project(project: Path, out: Path) -> Path:
    """A hook-free copy of `project` in `out`: docs/ holds content/ plus every generated file, each page as the hook
    hands it to MkDocs; mkdocs.yml is the same without `hooks:` and `watch:`, with the Markdown settings as on_config
    leaves them (the glossary), its nav unchanged and the generated pages kept off it with `not_in_nav`.
    Returns the copy's mkdocs.yml."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files

    hook = _load_hook(project)
    with tempfile.TemporaryDirectory() as scratch:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=scratch)
        config.plugins._current_plugin = "hooks/site_data.py"  # what File.generated() records as the generator
        config = hook.on_config(config)
        files = get_files(config)
        before = set(files.src_uris)
        files = hook.on_files(files, config)
        docs = out / "docs"
        shutil.copytree(project / "content", docs)
        not_in_nav = []
        for f in files:
            if f.src_uri not in before:
                target = docs / f.src_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(f.content_bytes)
                if f.inclusion == InclusionLevel.NOT_IN_NAV:
                    not_in_nav.append(f"/{f.src_uri}")
        if hasattr(hook, "on_page_markdown"):
            for path in docs.rglob("*.md"):
                text = path.read_text(encoding="utf-8")
                path.write_text(hook.on_page_markdown(text, page=None, config=config, files=files), encoding="utf-8")
        extensions = [{name: config.mdx_configs[name]} if config.mdx_configs.get(name) else name
                      for name in config.markdown_extensions]
    shutil.copytree(project / "hooks" / "theme", out / "theme")

    with open(project / "mkdocs.yml", encoding="utf-8") as file:
        settings = yaml_load(file)  # as MkDocs reads it, `!ENV` tags resolved
    for key in ("hooks", "watch"):
        settings.pop(key, None)
    settings["docs_dir"] = "docs"
    settings["theme"]["custom_dir"] = "theme"
    settings["markdown_extensions"] = extensions
    if not_in_nav:
        settings["not_in_nav"] = "\n".join(sorted(not_in_nav))
    (out / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out / "mkdocs.yml"
