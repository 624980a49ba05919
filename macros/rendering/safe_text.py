"""Make user text safe to place in Markdown, HTML, Typst and office documents.

Programme texts come from pull requests. They may use simple Markdown, but HTML is
shown as text and links may only point to web pages, e-mail or pages of the site.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..model.textpolicy import decode_references

# An inline link or image, `[label](destination)`, and a reference definition, `[id]: destination`
# (its destination may stand on the next line).
_INLINE_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(((?:[^()]|\([^()]*\))*)\)?")  # one level of (…) inside
_REFERENCE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\[[^\[\]]+\]:(\s*\S*)[^\n]*", re.MULTILINE)
# Any other place a destination starts, for links the patterns above do not match.
_DESTINATION = re.compile(r"(\]\()([^)]*)|(\]:)(\s*\S*)")
# A scheme as a browser reads it: tabs and line breaks inside a URL are dropped, so
# "java<newline>script:" is still javascript:. A space is not dropped, but a destination
# with one is no working link either (and folding a text to one line makes line breaks spaces).
_SCHEME = re.compile(r"[\s<]*([a-zA-Z][a-zA-Z0-9+.\-\s]*):")
# Control characters (except tab and newline): a browser strips them in front of a URL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # Markdown's backslash escapes
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# `![alt](url)` would make every reader's browser fetch from a third party: no images from YAML.
_IMAGE = re.compile(r"!(?=\[)")


def defuse_links(text: str) -> str:
    """Drop links with an unsafe scheme (javascript:, data:, …) and keep their words.

    Images become ordinary links, so no text makes the page load anything by itself.
    An unsafe inline link becomes its label and an unsafe reference definition goes;
    what these patterns miss gets the harmless destination `#`.
    """
    text = _IMAGE.sub("", _CONTROL.sub("", text))  # an image becomes a plain link to it
    text = _INLINE_LINK.sub(lambda m: m.group(2) if _unsafe(m.group(3)) else m.group(0), text)
    text = _REFERENCE.sub(lambda m: "" if _unsafe(m.group(1)) else m.group(0), text)
    return _DESTINATION.sub(_defuse_destination, text)


def _defuse_destination(match: re.Match[str]) -> str:
    opener, target = match.group(1) or match.group(3), match.group(2) or match.group(4)
    return f"{opener} #" if _unsafe(target) else match.group(0)


def _unsafe(target: str) -> bool:
    # Read the destination as pandoc and browsers do: `javascript\:` and `javascript&#58;` are javascript:.
    found = _SCHEME.match(decode_references(_ESCAPED.sub(r"\1", target)))
    if not found:
        return False
    scheme = re.sub(r"\s", "", found.group(1)).lower()
    return scheme not in SAFE_SCHEMES


def safe_markdown(value: object) -> Markup:
    """User text ready for a Markdown page: HTML escaped, unsafe links defused.

    Curly braces are written as a character reference, so the attribute syntax of
    Markdown's attr_list (`{: onclick=…}`) cannot add attributes to the page.
    """
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(defuse_links(str(value)))).replace("{", "&#123;"))


def one_line(value: object) -> str:
    """Fold a multi-line text into one line, e.g. for a list item or a table cell."""
    return " ".join(str(value).split())
