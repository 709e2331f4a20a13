"""The corpus of broken and hostile data files: each case changes the minimal fixture and names the exact error.

Used by tests/unit/test_bad_input.py (every case through the contributor check) and
tests/site/test_bad_input_build.py (the build stops with the same report).
"""
from __future__ import annotations

from guide.catalog import COLLECTIONS

LONG = "x" * 6100
SCHEMA = "# yaml-language-server: $schema=../schemas/{}.schema.json\n"

# (case id, file under data/, change, the exact error line expected)
# A change is ("replace", old, new), ("write", text) or ("bytes", raw bytes).
CASES = [
    ("syntax-error", "faq/which.yml", ("replace", "answer: It depends.", "answer: [It depends."),
     "data/faq/which.yml:5:6: YAML syntax error: while parsing a flow sequence, expected ',' or ']', but got ':'"),
    ("tab-indentation", "faq/which.yml", ("replace", 'sources: ["alpha#faq-which"]', 'sources:\n\t- "alpha#faq-which"'),
     "data/faq/which.yml:7:1: YAML syntax error: a tab character is not allowed here; indent with spaces"),
    ("duplicate-top-level-key", "faq/which.yml", ("replace", "order: 1\n", "order: 1\norder: 2\n"),
     "data/faq/which.yml:6:1: order: duplicate key 'order' (first defined at line 5); keep one"),
    ("duplicate-nested-key", "comparisons/alpha.yml", ("replace", "    label: Cost\n", "    label: Cost\n    label: Price\n"),
     "data/comparisons/alpha.yml:10:5: rows[0].label: duplicate key 'label' (first defined at line 9); keep one"),
    ("anchor-and-alias", "faq/which.yml", ("replace", "answer: It depends.", "answer: &a It depends.\nextra: *a"),
     "data/faq/which.yml:4:9: anchor '&a' is not allowed; data files use no anchors or aliases"),
    ("alias-bomb", "faq/which.yml", ("write", SCHEMA.format("faq") + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))),
     "data/faq/which.yml:2:4: anchor '&a' is not allowed; data files use no anchors or aliases"),
    ("unknown-field", "faq/which.yml", ("replace", "order: 1\n", "order: 1\ncolour: blue\n"),
     "data/faq/which.yml:6:1: colour: unknown field 'colour' (known fields: answer, approaches, id, order, question, reviewed, sources)"),
    ("missing-required-field", "faq/which.yml", ("replace", "answer: It depends.\n", ""),
     "data/faq/which.yml:2:1: missing required field 'answer'"),
    ("wrong-type", "faq/which.yml", ("replace", "order: 1", "order: first"),
     "data/faq/which.yml:5:1: order: expected a whole number, got text 'first'"),
    ("number-that-stays-text", "faq/which.yml", ("replace", "order: 1", "order: 1.10"),
     "data/faq/which.yml:5:1: order: expected a whole number, got text '1.10'"),
    ("empty-file", "faq/which.yml", ("write", ""),
     "data/faq/which.yml:1: the file is empty; expected a mapping of fields"),
    ("only-a-comment", "faq/which.yml", ("write", SCHEMA.format("faq")),
     "data/faq/which.yml:1: the file is empty; expected a mapping of fields"),
    ("not-utf8", "faq/which.yml", ("bytes", (SCHEMA.format("faq") + "id: which\nquestion: caf").encode() + b"\xe9?\n"),
     "data/faq/which.yml:3:14: byte 0xe9 is not valid UTF-8; save the file as UTF-8"),
    ("id-outside-slug-pattern", "faq/which.yml", ("replace", "id: which", "id: Which_One"),
     "data/faq/which.yml:2:1: id: 'Which_One' is not of the expected form: Lower-case letters, digits and single hyphens; "
     "the item's file name without .yml."),
    ("id-not-matching-file-name", "faq/which.yml", ("replace", "id: which", "id: what"),
     "data/faq/which.yml:2:1: id: 'what' differs from the file name; rename the file to what.yml or set id: which"),
    ("same-id-in-two-files", "aspects/price.yml", ("write", SCHEMA.format("aspects") + "id: cost\nname: Price\norder: 2\n"
                                                   "question: What does it cost?\nbetter: lower\nreviewed: '2026-11-22'\n"),
     "data/aspects/price.yml:2:1: id: 'cost' is also the id of data/aspects/cost.yml"),
    ("dangling-aspect", "comparisons/alpha.yml", ("replace", "  - aspect: cost", "  - aspect: costs"),
     "data/comparisons/alpha.yml:8:5: rows[0].aspect: 'costs' is not a known aspect (known: cost)"),
    ("dangling-approach", "use-cases/shop.yml", ("replace", "approaches: [prompt-engineering]", "approaches: [prompting]"),
     "data/use-cases/shop.yml:6:14: approaches[0]: 'prompting' is not a known approach "
     "(known: fine-tuning, prompt-engineering, rag)"),
    ("dangling-source", "comparisons/alpha.yml", ("replace", "source: alpha", "source: beta"),
     "data/comparisons/alpha.yml:3:1: source: 'beta' is not a known source (known: alpha)"),
    ("dangling-citation", "faq/which.yml", ("replace", '"alpha#faq-which"', '"alpha#faq-what"'),
     "data/faq/which.yml:6:11: sources[0]: 'faq-what' is not in the inventory of source 'alpha' "
     "(known: faq-which, stat-share, step-order, table-cost, tech-few-shot, uc-shop)"),
    ("dangling-technique-approach", "techniques/few-shot.yml", ("replace", "approach: prompt-engineering", "approach: prompts"),
     "data/techniques/few-shot.yml:4:1: approach: 'prompts' is not a known approach (known: fine-tuning, prompt-engineering, rag)"),
    ("dangling-tree-use-case", "decision-trees/main.yml", ("replace", "    approaches: [rag]\n", "    approaches: [rag]\n    use_cases: [shops]\n"),
     "data/decision-trees/main.yml:24:17: outcomes[1].use_cases[0]: 'shops' is not a known use case (known: shop)"),
    ("dangling-use-case-tree", "use-cases/shop.yml", ("replace", "verdict:", "tree_answers: {tree: mane, answers: [x]}\nverdict:"),
     "data/use-cases/shop.yml:9:16: tree_answers.tree: 'mane' is not a known decision tree (known: main)"),
    ("dangling-glossary-see", "glossary/rag.yml", ("replace", "abbreviation: RAG\n", "abbreviation: RAG\nsee: [llm]\n"),
     "data/glossary/rag.yml:5:7: see[0]: 'llm' is not a known glossary term (known: rag)"),
    ("tree-cycle", "decision-trees/main.yml", ("replace", 'next: retrieve}', 'next: need-data}'),
     "data/decision-trees/main.yml:13:35: questions[0].options[1].next: cycle: need-data -> need-data; every path must end at an outcome"),
    ("tree-unreachable-question", "decision-trees/main.yml", ("replace", "outcomes:\n", "  - id: orphan\n    text: Nobody asks this?\n"
                                                              "    sources: [alpha]\n    options:\n      - {id: a, label: A, next: prompt}\n"
                                                              "      - {id: b, label: B, next: retrieve}\noutcomes:\n"),
     "data/decision-trees/main.yml:14:5: questions[1].id: question 'orphan' cannot be reached from the start 'need-data'"),
    ("tree-dead-end", "decision-trees/main.yml", ("replace", 'next: retrieve}', 'next: nowhere}'),
     "data/decision-trees/main.yml:13:35: questions[0].options[1].next: 'nowhere' is neither a question nor an outcome of this tree (dead end)"),
    ("tree-one-option", "decision-trees/main.yml", ("replace", '      - {id: "yes", label: "Yes", next: retrieve}\n', ''),
     "data/decision-trees/main.yml:11:5: questions[0].options: question 'need-data' has 1 option; a question needs at least two"),
    ("tree-example-wrong-outcome", "decision-trees/main.yml", ("replace", 'answers: ["no"], outcome: prompt', 'answers: ["yes"], outcome: prompt'),
     "data/decision-trees/main.yml:28:36: examples[0].outcome: the answers lead to 'retrieve', not to 'prompt'"),
    ("use-case-verdict-disagrees", "use-cases/shop.yml", ("replace", 'answers: ["no"]', 'answers: ["yes"]'),
     "data/use-cases/shop.yml:9:29: verdict.outcome: the answers lead the main guide to 'retrieve', not to 'prompt'; "
     "state the outcome they reach, or change the answers"),
    ("statistic-without-source", "statistics/share.yml", ("replace", 'sources: ["alpha#stat-share"]\n', ""),
     "data/statistics/share.yml:2:1: missing required field 'sources'"),
    ("javascript-url-field", "sources/alpha.yml", ("replace", "kind: article\n", "kind: article\nurl: javascript:alert(1)\n"),
     "data/sources/alpha.yml:7:1: url: 'javascript:alert(1)' is not of the expected form: An absolute http or https address."),
    ("data-url-field", "statistics/share.yml", ("replace", "date: undated\n", "date: undated\noriginal_source: {name: X, url: 'data:text/html,hi'}\n"),
     "data/statistics/share.yml:9:28: original_source.url: 'data:text/html,hi' is not of the expected form: An absolute http or https address."),
    ("javascript-link-in-text", "faq/which.yml", ("replace", "answer: It depends.", "answer: 'See [this](javascript:alert(1))'"),
     "data/faq/which.yml:4:1: answer: link to 'javascript:alert(1' is not allowed; use an http, https or mailto address, or a site-relative one"),
    ("very-long-string", "faq/which.yml", ("replace", "answer: It depends.", f"answer: {LONG}"),
     "data/faq/which.yml:4:1: answer: text is 6100 characters long; at most 6000 are allowed"),
    ("file-outside-collections", "opinions/mine.yml", ("write", "id: mine\n"),
     f"data/opinions/mine.yml:1: this file is in no known collection (known folders: {', '.join(sorted(COLLECTIONS))})"),
    ("wrong-schema-line", "faq/which.yml", ("replace", "../schemas/faq.schema.json", "../schemas/glossary.schema.json"),
     "data/faq/which.yml:1:1: the first line must be '# yaml-language-server: $schema=../schemas/faq.schema.json' "
     "so that editors check the file against its schema"),
    ("markup-in-title", "use-cases/shop.yml", ("replace", "title: Shop descriptions", "title: Shop <b>descriptions</b>"),
     "data/use-cases/shop.yml:3:1: title: 'Shop <b>descriptions</b>' is not of the expected form: A short plain-text title. "
     "It also appears in the navigation, the browser's title bar and the table of contents, so it is one line, not blank, "
     "and '<', '>' and '\"' are not allowed."),
    ("python-tag", "faq/which.yml", ("replace", "answer: It depends.", "answer: !!python/object/apply:os.system ['true']"),
     "data/faq/which.yml:4:9: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; data files use plain values"),
    # Links as a browser reads them: it drops line breaks, tabs and spaces inside an address.
    ("link-split-by-newline", "faq/which.yml", ("replace", "answer: It depends.", 'answer: "See [this](java\\nscript:alert(1))."'),
     "data/faq/which.yml:4:1: answer: link to 'javascript:alert(1)' is not allowed: a browser reads "
     "'java\\nscript:alert(1)' as that address once it drops line breaks, tabs and spaces; use an http, https "
     'or mailto address, or a site-relative one'),
    ("link-split-by-tab", "faq/which.yml", ("replace", "answer: It depends.", 'answer: "See [this](java\\tscript:alert(1))."'),
     "data/faq/which.yml:4:1: answer: link to 'javascript:alert(1)' is not allowed: a browser reads 'java "
     "script:alert(1)' as that address once it drops line breaks, tabs and spaces; use an http, https or "
     'mailto address, or a site-relative one'),
    ("link-split-in-tree-rationale", "decision-trees/main.yml", ("replace", "    rationale: Enough.\n",
                                                              '    rationale: "See [the guide](vb\\nscript:x)."\n'),
     "data/decision-trees/main.yml:18:5: outcomes[0].rationale: link to 'vbscript:x' is not allowed: a browser "
     "reads 'vb\\nscript:x' as that address once it drops line breaks, tabs and spaces; use an http, https or "
     'mailto address, or a site-relative one'),
    ("one-line-text-split-by-newline", "decision-trees/main.yml", ("replace", "    text: Does the model need your data?\n",
                                                                '    text: "Does the model need [your data](vb\\nscript:x)?"\n'),
     "data/decision-trees/main.yml:9:5: questions[0].text: 'Does the model need [your data](vb\\nscript:x)?' is not of the "
     "expected form: A short text in our own words, on one line and not blank. Markdown emphasis, code and links are "
     "allowed; raw HTML is shown as text."),
    ("link-with-entity-scheme", "use-cases/shop.yml", ("replace", "why: Prompts are enough.", "why: 'See [x](&#106;avascript:alert(1))'"),
     "data/use-cases/shop.yml:8:1: why: link to '&#106;avascript:alert(1' is not allowed; use an http, https "
     'or mailto address, or a site-relative one'),
    ("link-with-leading-space", "faq/which.yml", ("replace", "answer: It depends.", "answer: 'See [x]( javascript:alert(1))'"),
     "data/faq/which.yml:4:1: answer: link to 'javascript:alert(1' is not allowed; use an http, https or "
     'mailto address, or a site-relative one'),
    # Patterns: '$' is the end of the text, so a trailing newline is refused wherever a pattern applies.
    ("id-with-trailing-newline", "faq/which.yml", ("replace", "id: which", 'id: "which\\n"'),
     "data/faq/which.yml:2:1: id: 'which\\n' is not of the expected form: Lower-case letters, digits and single "
     "hyphens; the item's file name without .yml."),
    ("tree-option-id-with-trailing-newline", "decision-trees/main.yml", ("replace", '{id: "no", label: "No", next: prompt}',
                                                                      '{id: "no\\n", label: "No", next: prompt}'),
     "data/decision-trees/main.yml:12:10: questions[0].options[0].id: 'no\\n' is not of the expected form: "
     "Lower-case letters, digits and single hyphens; the item's file name without .yml."),
    ("date-with-trailing-newline", "faq/which.yml", ("replace", 'reviewed: "2026-11-22"', 'reviewed: "2026-11-22\\n"'),
     "data/faq/which.yml:7:1: reviewed: '2026-11-22\\n' is not of the expected form: The date (YYYY-MM-DD, a "
     'day of the calendar) a person last checked this item against its sources.'),
    ("citation-with-trailing-newline", "faq/which.yml", ("replace", '"alpha#faq-which"', '"alpha#faq-which\\n"'),
     "data/faq/which.yml:6:11: sources[0]: 'alpha#faq-which\\n' is not of the expected form: A source id, "
     "optionally followed by '#' and the id of an item in that source's inventory, e.g. 'simplico' or "
     "'simplico#table-cost'."),
    # Dates the calendar does not have.
    ("impossible-date", "faq/which.yml", ("replace", 'reviewed: "2026-11-22"', 'reviewed: "2026-02-30"'),
     "data/faq/which.yml:7:1: reviewed: '2026-02-30' is not of the expected form: The date (YYYY-MM-DD, a day "
     'of the calendar) a person last checked this item against its sources.'),
    ("year-zero", "faq/which.yml", ("replace", 'reviewed: "2026-11-22"', 'reviewed: "0000-01-01"'),
     "data/faq/which.yml:7:1: reviewed: '0000-01-01' is not of the expected form: The date (YYYY-MM-DD, a day "
     'of the calendar) a person last checked this item against its sources.'),
    ("month-thirteen", "statistics/share.yml", ("replace", "date: undated", 'date: "2026-13"'),
     "data/statistics/share.yml:8:1: date: '2026-13' is not of the expected form: When the figure was measured "
     "or published (YYYY, YYYY-MM or YYYY-MM-DD), or 'undated'."),
    ("changelog-29-february-of-a-common-year", "changelog/2026-02-29-leap.yml", ("write", SCHEMA.format("changelog") +
     "id: 2026-02-29-leap\ntitle: A day that never was\nkind: release\nsummary: Nothing happened.\n"),
     "data/changelog/2026-02-29-leap.yml:2:1: id: '2026-02-29-leap' is not of the expected form: The date of "
     "the change (YYYY-MM-DD), a hyphen and a short slug, e.g. '2026-11-22-first-release'; equals the file "
     'name. The date is the one the page and the feed show.'),
    # Values too big or too deep for the reader and the checks behind it.
    ("five-thousand-digit-number", "faq/which.yml", ("replace", "order: 1", "order: " + "9" * 5000),
     'data/faq/which.yml:5:8: order: the whole number 99999999...99999999 has 5000 digits; at most 15 are '
     'allowed (quote it if it is meant as text)'),
    ("nested-a-thousand-deep", "faq/which.yml", ("replace", "order: 1", "order: " + "[" * 1000 + "]" * 1000),
     'data/faq/which.yml:5:39: lists and mappings are nested more than 32 deep here; data files need only a '
     'few levels'),
    ("nested-a-thousand-deep-in-blocks", "faq/which.yml", ("replace", "order: 1\n", "order: 1\nx:\n" + "".join(
        "  " * i + "- \n" for i in range(1, 400))),
     'data/faq/which.yml:38:65: lists and mappings are nested more than 32 deep here; data files need only a '
     'few levels'),
    ("control-character-escape", "faq/which.yml", ("replace", "answer: It depends.", 'answer: "It\\adepends."'),
     'data/faq/which.yml:4:9: answer: the character U+0007 (written as an escape) is not allowed: it is '
     'invisible or cannot be saved as UTF-8; remove it'),
    ("lone-surrogate-escape", "faq/which.yml", ("replace", "answer: It depends.", 'answer: "It \\ud800 depends."'),
     'data/faq/which.yml:4:9: answer: the character U+D800 (written as an escape) is not allowed: it is '
     'invisible or cannot be saved as UTF-8; remove it'),
    ("line-separator-in-text", "faq/which.yml", ("replace", "answer: It depends.", "answer: It\u2028depends."),
     "data/faq/which.yml:4:11: the character U+2028 is a line break to YAML but not to most editors; use an ordinary "
     "line break or remove it"),
    # The schemas themselves.
    ("schema-not-json", "schemas/faq.schema.json", ("replace", '"type": "object",', '"type": "object",,'),
     'data/schemas/faq.schema.json:5:20: this schema is not valid JSON: Expecting property name enclosed in '
     'double quotes'),
    ("schema-missing", "schemas/faq.schema.json", ("delete",),
     "data/schemas/faq.schema.json:1: the schema of the collection 'faq' is missing; every folder under data/ "
     'needs its schema here'),
    ("schema-bad-ref", "schemas/faq.schema.json", ("replace", "common.schema.json#/$defs/slug", "common.schema.json#/$defs/slugg"),
     "data/schemas/faq.schema.json:17:7: properties.id.$ref: 'common.schema.json#/$defs/slugg' points at "
     "nothing in data/schemas/; check the file name and the path after '#'"),
    ("schema-bad-regex", "schemas/common.schema.json", ("replace", '"^[a-z0-9]+(-[a-z0-9]+)*$"', '"^[a-z0-9+(-[a-z0-9]+)*$"'),
     'data/schemas/common.schema.json:9:7: $defs.slug.pattern: not a valid JSON Schema: '
     "'^[a-z0-9+(-[a-z0-9]+)*$' is not a regular expression that compiles"),
    # Symbolic links.
    ("symlink-outside-the-repository", "faq/secret.yml", ("symlink", "/etc/hostname"),
     "data/faq/secret.yml:1: a symbolic link to '/etc/hostname', outside the repository; a data file must be "
     'in the repository itself, so that a review sees what is published'),
    ("dangling-symlink", "faq/gone.yml", ("symlink", "nowhere.yml"),
     "data/faq/gone.yml:1: a symbolic link to 'nowhere.yml', which does not exist; restore the file or remove "
     'the link'),
    # Plain fields are plain; Markdown fields cannot reach the page's structure.
    ("title-with-newline", "use-cases/shop.yml", ("replace", "title: Shop descriptions", 'title: "Shop descriptions\\n# Injected"'),
     "data/use-cases/shop.yml:3:1: title: 'Shop descriptions\\n# Injected' is not of the expected form: A short "
     "plain-text title. It also appears in the navigation, the browser's title bar and the table of contents, "
     'so it is one line, not blank, and \'<\', \'>\' and \'"\' are not allowed.'),
    ("title-with-tab", "use-cases/shop.yml", ("replace", "title: Shop descriptions", 'title: "Shop\\tdescriptions"'),
     "data/use-cases/shop.yml:3:1: title: 'Shop\\tdescriptions' is not of the expected form: A short plain-text "
     "title. It also appears in the navigation, the browser's title bar and the table of contents, so it is "
     'one line, not blank, and \'<\', \'>\' and \'"\' are not allowed.'),
    ("blank-title", "use-cases/shop.yml", ("replace", "title: Shop descriptions", "title: '   '"),
     "data/use-cases/shop.yml:3:1: title: '   ' is not of the expected form: A short plain-text title. It also "
     "appears in the navigation, the browser's title bar and the table of contents, so it is one line, not "
     'blank, and \'<\', \'>\' and \'"\' are not allowed.'),
    ("blank-text", "faq/which.yml", ("replace", "answer: It depends.", 'answer: " \\n\\t "'),
     'data/faq/which.yml:4:1: answer: text must not be blank (only spaces or line breaks)'),
    ("blank-source-name", "sources/alpha.yml", ("replace", "name: Alpha", "name: ' '"),
     "data/sources/alpha.yml:3:1: name: ' ' is not of the expected form: A short name to cite it by, e.g. "
     '\'Simplico\' or \'Unnamed LLM-services article\'. One line of plain text, not blank: \'<\', \'>\', \'"\' and line '
     'breaks are not allowed.'),
    ("abbreviation-definition-in-text", "faq/which.yml", ("replace", "answer: It depends.",
                                                           'answer: "It depends.\\n\\n*[RAG]: Really Awful Guess"'),
     "data/faq/which.yml:4:1: answer: a line starting '*[...]:' would define an abbreviation for the whole "
     'page; abbreviations come from the glossary (data/glossary/)'),
    ("toc-marker-in-text", "use-cases/shop.yml", ("replace", "why: Prompts are enough.", "why: \"Prompts are enough.\\n\\n[TOC]\""),
     "data/use-cases/shop.yml:8:1: why: '[TOC]' would put the page's table of contents here; remove it"),
]

# Files that are accepted and must render right: (case id, file, change, text that must appear on the page, page).
ACCEPTED = [
    ("bom-and-crlf", "faq/which.yml", ("bytes", "\ufeff".encode() + (SCHEMA.format("faq") + "id: which\nquestion: Which one, then?\n"
                                                                     "answer: It depends on the task.\norder: 1\n"
                                                                     "sources: ['alpha#faq-which']\nreviewed: '2026-11-22'\n")
                                       .replace("\n", "\r\n").encode()),
     "It depends on the task.", "faq/index.html"),
    ("raw-html-in-text", "faq/which.yml", ("replace", "answer: It depends.", "answer: '<script>window.pwned=1</script> <b>bold</b>'"),
     "&lt;script&gt;window.pwned=1&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;", "faq/index.html"),
    ("attribute-list-in-text", "faq/which.yml", ("replace", "answer: It depends.", "answer: 'Depends{: onclick=\"x()\" }'"),
     "Depends&#123;: onclick=&quot;x()&quot; &#125;", "faq/index.html"),
    # A '#' that Markdown would take as a heading's closing sequence or start stays in the text.
    ("trailing-hash-in-title", "use-cases/shop.yml", ("replace", "title: Shop descriptions", "title: 'Shop descriptions in C#'"),
     "Shop descriptions in C&#35;", "use-cases/shop/index.html"),
    ("hash-at-line-start-in-text", "use-cases/shop.yml", ("replace", "why: Prompts are enough.",
                                                          "why: \"Prompts are enough.\\n# Not a heading\""),
     "&#35; Not a heading", "use-cases/shop/index.html"),
    # The Markdown export, pasted into wikis, escapes raw HTML as the page does.
    ("raw-html-in-markdown-export", "use-cases/shop.yml", ("replace", "recommendation: Prompt it.",
                                                           "recommendation: '<img src=x onerror=alert(1)> Prompt it.'"),
     "&lt;img src=x onerror=alert(1)&gt; Prompt it.", "exports/use-cases.md"),
]
