"""`make generate`: the complete site sources in one folder (build/generated/), for any engine that reads mkdocs.yml.

Run as `python -m guide.generate <repository> <folder> [--engine zensical]`; the folder holds docs/, theme/, a mkdocs.yml with no hooks,
the Markdown exports in verbatim/, and finish.json for `python -m guide.finish` (docs/architecture.md).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import yaml
from yaml_env_tag import add_env_tag

from . import site_files
from .errors import BuildError
from .finish import MANIFEST, OUTSIDE_DOCS


class _Loader(yaml.SafeLoader):
    """YAML as MkDocs reads mkdocs.yml: `!ENV NAME` or `!ENV [NAME, ..., default]` through pyyaml_env_tag, the
    package MkDocs itself uses for the tag."""


add_env_tag(_Loader)


def read_config(path: Path) -> dict:
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=_Loader)  # noqa: S506 (a SafeLoader with one constructor added)


def _offline(config: dict) -> bool:
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and "offline" in plugin:
            return bool((plugin["offline"] or {}).get("enabled", True))
    return False


def engine_config(config: dict, site: site_files.Site, abbreviations: dict[str, str]) -> dict:
    """mkdocs.yml for the generated sources: no hooks, the folders of the generated tree, the pages off the
    navigation (`not_in_nav`), the site's folders for the 404 page, and the glossary's tooltips for the `abbr`
    extension: what the MkDocs hook hands over in `on_config` and `on_files`."""
    out = {key: value for key, value in config.items() if key not in ("hooks", "watch")}
    out.update(docs_dir="docs", site_dir="site", theme={**config["theme"], "custom_dir": "theme"},
               not_in_nav="".join(f"/{f.path}\n" for f in site.files if f.kind == site_files.PAGE and not f.in_nav),
               extra={**(config.get("extra") or {}), "site_folders": site.folders})
    extensions = []
    for extension in config.get("markdown_extensions") or ():
        name = extension if isinstance(extension, str) else next(iter(extension))
        if name == "abbr":
            options = {} if isinstance(extension, str) else dict(extension[name] or {})
            extension = {"abbr": {**options, "glossary": abbreviations}}
        extensions.append(extension)
    out["markdown_extensions"] = extensions
    return out


def generate(root: Path, folder: Path, environ, engine: str = "mkdocs") -> site_files.Site:
    """Write the site sources of the repository at `root` into `folder` (emptied first), for `engine` (the sources
    differ in one thing between engines: what a relative address in raw HTML is read from; site_files.ENGINES)."""
    config = read_config(root / "mkdocs.yml")
    directory_urls = config.get("use_directory_urls", True) and not _offline(config)
    settings = site_files.settings({**config, "use_directory_urls": directory_urls}, root, environ, engine=engine)
    model = site_files.load_model(settings)
    site = site_files.build(model, settings)
    if folder.exists():
        shutil.rmtree(folder)
    for file in site.files:
        outside = file.kind == site_files.VERBATIM and file.path.endswith(".md")  # an engine would make a page of it
        target = folder / (OUTSIDE_DOCS if outside else "docs") / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(file.content, bytes):
            target.write_bytes(file.content)
        else:
            target.write_text(file.content, encoding="utf-8", newline="")
    shutil.copytree(root / config["theme"]["custom_dir"], folder / "theme")
    with open(folder / "mkdocs.yml", "w", encoding="utf-8") as out:
        yaml.safe_dump(engine_config(config, site, site_files.abbreviations(model)), out, sort_keys=False, allow_unicode=True)
    manifest = {
        "engine": engine,
        "edit_base": site_files.edit_base(settings),
        "edit_paths": {site_files.html_path(f.path, directory_urls): f.edit_path
                       for f in site.files if f.kind == site_files.PAGE},
        "verbatim": sorted(f.path for f in site.files if f.kind == site_files.VERBATIM),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return site


def main(argv: list[str]) -> int:
    engine = argv.pop(argv.index("--engine") + 1) if "--engine" in argv[:-1] else "mkdocs"
    argv = [a for a in argv if a != "--engine"]
    if len(argv) != 2:
        print("usage: python -m guide.generate <repository> <folder, e.g. build/generated> [--engine "
              f"{'|'.join(site_files.ENGINES)}]", file=sys.stderr)
        return 2
    try:
        site = generate(Path(argv[0]).resolve(), Path(argv[1]), os.environ, engine)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in site.notes:
        print(line)
    print(f"wrote {len(site.files)} files to {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
