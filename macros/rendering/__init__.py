"""Stage 2, rendering: turn the validated catalogue into Markdown pages, navigation and the
list of published files.
"""
