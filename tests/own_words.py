"""Own words: find runs of 8 or more words that our text shares with a source article, without the articles.

The repository keeps a fingerprint of each article (hashed word shingles, no text) in
tests/fixtures/source-fingerprints.json; tests/site/test_content.py checks data/, content/ and docs/ against it.
Regenerate the fingerprint where the articles are at hand:  python tests/own_words.py fingerprint ../shared/sources
Check text against it:                                          python tests/own_words.py check data content docs
The words, the files read and the run length are those of the article folder's copycheck tool, so both agree.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

RUN = 8
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".j2", ".html", ".txt", ".json"}
FINGERPRINTS = Path(__file__).resolve().parent / "fixtures" / "source-fingerprints.json"
# 64 bits a shingle: with some 11,000 shingles in all, a chance match with our text is about one in 10^11.
DIGEST_BYTES = 8


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def shingle_hash(run: list[str] | tuple[str, ...]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=DIGEST_BYTES).hexdigest()


def fingerprint(sources: Path) -> dict:
    """{"words": RUN, "sources": {file name: sorted shingle hashes}} for every *.txt article in `sources`."""
    prints = {}
    for article in sorted(sources.glob("*.txt")):
        seq = words(article.read_text(encoding="utf-8", errors="replace"))
        prints[article.name] = sorted({shingle_hash(seq[i:i + RUN]) for i in range(len(seq) - RUN + 1)})
    if not prints:
        raise SystemExit(f"no *.txt article in {sources}")
    return {"words": RUN, "hash": f"blake2b-{DIGEST_BYTES * 8}", "sources": prints}


def load_fingerprints(path: Path = FINGERPRINTS) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("words") != RUN or data.get("hash") != f"blake2b-{DIGEST_BYTES * 8}":
        raise SystemExit(f"{path}: made with other settings; regenerate it with `python tests/own_words.py fingerprint`")
    return data


def files_under(paths: list[Path]):
    for p in paths:
        if p.is_file():
            yield p
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix in TEXT_SUFFIXES and "node_modules" not in f.parts:
                    yield f


def shared_runs(text: str, known: set[str]) -> list[str]:
    """Each maximal run of words in `text` made of overlapping RUN-word shingles found in `known`."""
    seq = words(text)
    hit = [False] * len(seq)
    for i in range(len(seq) - RUN + 1):
        if shingle_hash(seq[i:i + RUN]) in known:
            hit[i:i + RUN] = [True] * RUN
    runs, i = [], 0
    while i < len(seq):
        if hit[i]:
            j = i
            while j < len(seq) and hit[j]:
                j += 1
            runs.append(" ".join(seq[i:j]))
            i = j
        else:
            i += 1
    return runs


def check(paths: list[Path], prints: dict) -> list[tuple[Path, str]]:
    known = {h for hashes in prints["sources"].values() for h in hashes}
    return [(f, run) for f in files_under(paths) for run in shared_runs(f.read_text(encoding="utf-8", errors="replace"), known)]


def main(argv: list[str]) -> int:
    if argv[:1] == ["fingerprint"] and len(argv) <= 2:
        sources = Path(argv[1] if len(argv) == 2 else Path(__file__).resolve().parents[2] / "shared" / "sources")
        FINGERPRINTS.write_text(json.dumps(fingerprint(sources), indent=0) + "\n", encoding="utf-8")
        print(f"wrote {FINGERPRINTS} from {sources}")
        return 0
    if argv[:1] == ["check"]:
        found = check([Path(p) for p in argv[1:] or ("data", "content", "docs")], load_fingerprints())
        for f, run in found:
            print(f"{f}: {run}")
        print(f"{len(found)} shared runs of {RUN}+ words")
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
