"""Stage 4, the site: the MkDocs adapter (the only module that imports mkdocs), the output
worker and the whole build.
"""
