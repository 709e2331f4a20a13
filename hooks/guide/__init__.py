"""The guide's data pipeline and page generation, free of MkDocs so that tests and the command line use it too.

`pipeline.load_model()` reads data/; `site.pages()` turns the model into pages; hooks/ wires both into MkDocs.
"""
