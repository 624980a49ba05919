"""Run pandoc and Typst for the booklets and office documents, with a content-hash cache.

Both tools ship as Python packages (pypandoc-binary, typst), so a build needs no
system packages and no network. Every result is cached under `.cache/documents/`
by a hash of everything that went into it, so `mkdocs serve` rebuilds only what
changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pypandoc
import typst

from ..model.problems import Problem, ProblemsError
from .fill import patch_zip
from .progress import track

RESOURCES = Path(__file__).parent.parent / "resources"
CACHE_DIR = ".cache/documents"
CACHE_DAYS = 14  # unused entries older than this are removed after a build
# Pandoc extensions that would let text from a programme file reach the output raw
# (`{=typst}`, YAML metadata with header-includes, TeX, math) or change its meaning.
MARKDOWN = (
    "markdown-raw_attribute-raw_tex-latex_macros-yaml_metadata_block-pandoc_title_block"
    "-citations-tex_math_dollars-markdown_in_html_blocks"
)
PANDOC_TIMEOUT = 120  # seconds; far above what a programme takes (well under a second)
PANDOC_OUTPUTS = {"typst": "hæftets kapitler", "docx": "Word-dokumenterne", "odt": "OpenDocument-dokumenterne"}
EPOCH = 1767225600  # 2026-01-01: the date written into every file, so builds are reproducible
PAPERS = ("a5", "a4")
BUNDLED_FONTS = ("Libertinus Serif", "New Computer Modern", "DejaVu Sans Mono")
_FONT_NAME = re.compile(r"^[A-Za-z0-9 \-]{1,60}$")


@dataclass(frozen=True)
class DocumentOptions:
    """How booklets and documents are made (from mkdocs.yml, `plugins: - mentor:`)."""

    paper: str = "a5"  # the booklets' paper size; office documents are always A4
    font: str = BUNDLED_FONTS[0]
    cache_dir: Path | None = None  # None: no cache


@dataclass(frozen=True)
class Job:
    """One file to make: its cache key parts and the function that makes it."""

    key: tuple[str | bytes, ...]
    make: Callable[[], bytes]


@dataclass
class Cache:
    """Finished files by content hash; a folder of `<sha256>.bin` files."""

    folder: Path | None
    used: set[str] = field(default_factory=set)  # strings: a Path costs some 800 bytes, ×130,000 at 10,000 cohorts
    made: int = 0  # files made (not taken from the cache) so far, for progress over several runs

    def path(self, key: Iterable[str | bytes]) -> Path | None:
        """Where the result for this key is kept, or None without a cache."""
        if self.folder is None:
            return None
        digest = hashlib.sha256()
        for part in (*tool_versions(), *key):
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        return self.folder / f"{digest.hexdigest()}.bin"

    def run(self, jobs: Sequence[Job], phase: str = "Hæfter og dokumenter") -> list[bytes]:
        """Each job's result: from the cache, or made (in parallel) and stored.

        The files that must be made are reported as `phase` (macros/outputs/progress.py), so
        `mentor build` can show how far a cold build has come; '' reports nothing.
        """
        paths = [self.path(job.key) for job in jobs]
        self.used.update(os.fspath(p) for p in paths if p is not None)
        todo = [i for i, p in enumerate(paths) if p is None or not p.exists()]
        made: dict[int, bytes] = {}
        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            results_in_order = pool.map(lambda i: jobs[i].make(), todo)
            for i in (track(phase, todo) if phase else todo) if todo else ():  # reported as each result arrives
                made[i] = next(results_in_order)
        self.made += len(made)
        results = []
        for i, path in enumerate(paths):
            if i in made:
                self._store(path, made[i])
                results.append(made[i])
            else:
                assert path is not None
                results.append(path.read_bytes())
        return results

    def _store(self, path: Path | None, data: bytes) -> None:
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: a parallel build never reads half a file

    def prune(self) -> None:
        """Remove entries this build did not use once they are older than CACHE_DAYS."""
        if self.folder is None or not self.folder.is_dir():
            return
        for name in self.used:
            if os.path.exists(name):
                os.utime(name)
        limit = time.time() - CACHE_DAYS * 86400
        for path in self.folder.glob("*.bin"):
            if os.fspath(path) not in self.used and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)


def default_cache_dir(root: Path) -> Path:
    """`.cache/documents/` in the project, or the folder in $MENTOR_CACHE_DIR (CI, tests)."""
    return Path(os.environ.get("MENTOR_CACHE_DIR") or root / CACHE_DIR)


@cache
def tool_versions() -> tuple[str, ...]:
    """Everything besides the input that changes an output: tools and our resources."""
    ours = [(RESOURCES / name).read_text(encoding="utf-8") for name in sorted(os.listdir(RESOURCES))]
    return (pypandoc.get_pandoc_version(), version("typst"), *ours)


def pandoc(
    markdown: str,
    to: str,
    args: Sequence[str] = (),
    where: str = "macros/resources",
    locate: Callable[[str, Sequence[str], float], list[Problem]] | None = None,
) -> bytes:
    """Convert our Markdown with pandoc; raw HTML tables become real tables (print.lua).

    When pandoc fails or takes longer than `pandoc_timeout()`, `locate(to, args, timeout)` may
    name the texts that cause it (outputs/booklet_errors.py); else the message stands at `where`."""
    timeout = pandoc_timeout()
    try:
        done = run_pandoc(markdown, to, args, timeout)
    except subprocess.TimeoutExpired:
        reason = f"på {format_seconds(timeout)}; en af programmets tekster er usædvanligt stor eller indviklet"
    else:
        if done.returncode == 0:
            return done.stdout
        reason = f"(teknisk: {done.stderr.decode(errors='replace').strip()[:300]})"
    found = locate(to, args, timeout) if locate else []
    message = f"pandoc kunne ikke lave {PANDOC_OUTPUTS.get(to, to)} {reason}"
    raise ProblemsError(found or [Problem(where, 1, 1, "", message)])


def run_pandoc(markdown: str, to: str, args: Sequence[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """One pandoc run; raises subprocess.TimeoutExpired after `timeout` seconds."""
    command = [pypandoc.get_pandoc_path(), f"--from={MARKDOWN}", f"--to={to}", "--output=-"]
    command += [f"--lua-filter={RESOURCES / 'print.lua'}", *args]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)}  # the same input gives the same file
    return subprocess.run(command, input=markdown.encode(), env=env, capture_output=True, check=False, timeout=timeout)


def pandoc_timeout() -> float:
    """Seconds one pandoc run may take: PANDOC_TIMEOUT, or $MENTOR_PANDOC_TIMEOUT when set (tests make it small)."""
    return float(os.environ.get("MENTOR_PANDOC_TIMEOUT") or PANDOC_TIMEOUT)


def format_seconds(seconds: float) -> str:
    """`120 sekunder`, `0,5 sekunder`: Danish decimals."""
    return f"{seconds:g} sekund{'' if seconds == 1 else 'er'}".replace(".", ",")


def compile_typst(
    source: bytes,
    where: str,
    inputs: dict[str, str] | None = None,
    locate: Callable[[str], list[Problem]] | None = None,
) -> bytes:
    """Typst source → tagged PDF/UA-1 with only the fonts that ship with typst; a warning is an error.

    PDF/UA-1 makes the PDF readable with a screen reader (structure, title, language,
    bookmarks) and lets Typst refuse an image without alt text. `inputs` become
    `sys.inputs` in the document: plain strings, never parsed as code. When Typst fails or
    warns, `locate(reason)` may name the texts that caused it (outputs/booklet_errors.py); else
    the message stands at `where`.
    """
    try:
        pdf, warnings = run_typst(source, inputs or {})
    except typst.TypstError as exc:
        found = locate(exc.message) if locate else []
        reason = f"hæftet kunne ikke sættes: {typst_reason_da(exc.message)}"
        raise ProblemsError(found or [Problem(where, 1, 1, "", reason)]) from None
    if warnings:
        text = "; ".join(dict.fromkeys(_warning_da(w.message) for w in warnings))
        found = locate("\n".join(w.message for w in warnings)) if locate else []
        raise ProblemsError(
            found or [Problem(where, 1, 1, "", f"hæftet blev ikke lavet, fordi Typst advarede: {text}")]
        )
    return pdf


def run_typst(source: bytes, inputs: dict[str, str]) -> tuple[bytes, list[Any]]:
    """The PDF and Typst's warnings; raises typst.TypstError when Typst cannot set the source."""
    # Only our resources folder is readable, and only the fonts inside typst are used.
    compiler = typst.Compiler(root=str(RESOURCES), ignore_system_fonts=True)
    pdf, warnings = compiler.compile_with_warnings(
        source, format="pdf", timestamp=EPOCH, sys_inputs=inputs, pdf_standards=["ua-1"]
    )
    assert isinstance(pdf, bytes)
    return pdf, list(warnings)


@cache
def bundled_fonts() -> frozenset[str]:
    """The font families inside the typst package, in lower case."""
    return frozenset(family.lower() for family in typst.Fonts(include_system_fonts=False).families())


_NO_GLYPH = re.compile(r'the text `"(.+?)"` could not be displayed')
_HEADING_SKIP = re.compile(r"skipped from heading level (\d+) to (\d+)")


def typst_reasons_da(messages: Sequence[str]) -> str:
    """Several of Typst's reasons about one text as one Danish reason: every missing character named once."""
    missing = "".join(found.group(1) for m in messages if (found := _NO_GLYPH.search(m)))
    reasons = [_no_glyph(missing)] if missing else []
    reasons += [typst_reason_da(m) for m in messages if not _NO_GLYPH.search(m)]
    return "; ".join(dict.fromkeys(reasons))


def _no_glyph(text: str) -> str:
    chars = list(dict.fromkeys(text))
    shown = ", ".join(f"»{char}« (U+{ord(char):04X})" for char in chars)
    if len(chars) == 1:
        return f"hæfternes skrift har ikke tegnet {shown}; skriv det med ord, eller slet det"
    return f"hæfternes skrift har ikke tegnene {shown}; skriv dem med ord, eller slet dem"


def typst_reason_da(message: str) -> str:
    """Why Typst could not set a booklet, in Danish and in the words of the programme's texts."""
    if "missing alt text" in message:
        return (
            "et billede mangler en alternativ tekst, som skærmlæsere læser op i stedet for billedet; "
            "giv hvert billede en kort beskrivelse af, hvad det viser"
        )
    if found := _NO_GLYPH.search(message):
        return _no_glyph(found.group(1))
    if "heading title is empty" in message:
        return "en overskrift er tom; skriv en overskrift efter »#«, eller slet linjen"
    if found := _HEADING_SKIP.search(message):
        before, level = found.groups()
        return (
            f"en overskrift på niveau {level} ({'#' * int(level)}) kommer lige efter en på niveau {before}; "
            "en overskrift må højst have ét »#« mere end overskriften før"
        )
    if "pagebreaks are not allowed inside of containers" in message:
        return "en overskrift står inde i en tabel; skriv den som almindelig tekst, fx med **fed**"
    if re.search(r"maximum \w+ depth exceeded", message):
        return "teksten har for mange lag inden i hinanden (fx fremhævelse i fremhævelse); gør den enklere"
    return f"teksten kan ikke sættes; gør den enklere, fx med færre af tegnene # $ _ * [ ] (teknisk: {message})"


def _warning_da(message: str) -> str:
    found = re.search(r"unknown font family: (.+)", message)
    if found:
        fonts = ", ".join(BUNDLED_FONTS)
        return f"skrifttypen »{found.group(1)}« findes ikke (brug en af dem, der følger med: {fonts})"
    return f"teksten bliver ikke sat, som den er skrevet; skriv den enklere (teknisk: {message})"


def check_options(options: DocumentOptions, where: str = "mkdocs.yml") -> None:
    """Stop early with a Danish message if the paper or font cannot be used."""
    problems = []
    if options.paper not in PAPERS:
        problems.append(Problem(where, 1, 1, "booklet_paper", f"papirformatet skal være {' eller '.join(PAPERS)}"))
    if not _FONT_NAME.match(options.font):
        message = "skrifttypens navn må kun have bogstaver a–z, tal, mellemrum og bindestreg"
        problems.append(Problem(where, 1, 1, "booklet_font", message))
    elif options.font.lower() not in bundled_fonts():
        message = (
            f"skrifttypen »{options.font}« findes ikke (brug en af dem, der følger med: {', '.join(BUNDLED_FONTS)})"
        )
        problems.append(Problem(where, 1, 1, "booklet_font", message))
    if problems:
        raise ProblemsError(problems)


@cache
def reference_path(kind: str) -> Path:
    """A reference document on disk for pandoc's --reference-doc, named by its content."""
    data = reference_document(kind)
    path = Path(tempfile.gettempdir()) / f"mentorhaandbog-{hashlib.sha256(data).hexdigest()[:16]}.{kind}"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)
    return path


@cache
def reference_document(kind: str) -> bytes:
    """Pandoc's own reference.docx/.odt with A4 pages instead of US Letter, Danish throughout,
    and body text in 11 pt (not 12), so a contract or a homework sheet fits its pages."""
    command = [pypandoc.get_pandoc_path(), "--print-default-data-file", f"reference.{kind}"]
    original = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    if kind == "docx":
        patches = {"word/document.xml": _a4_docx, "word/settings.xml": _danish_docx, "word/styles.xml": _body_docx}
        return _fixed_dates(patch_zip(original, patches))
    return _fixed_dates(patch_zip(original, {"styles.xml": lambda xml: _body_odt(_a4_odt(xml))}))


def _fixed_dates(data: bytes) -> bytes:
    """Pandoc dates some members of its reference document now; the same date every time keeps
    the documents (and the cache keys, which hold the reference document) the same from build to build."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            info.date_time = time.gmtime(EPOCH)[:6]
            target.writestr(info, content)
    return out.getvalue()


def _a4_docx(xml: str) -> str:
    size = '<w:pgSz w:w="11906" w:h="16838" />'
    margins = (
        '<w:pgMar w:top="1418" w:right="1304" w:bottom="1418" w:left="1304"'
        ' w:header="709" w:footer="709" w:gutter="0" />'
    )
    return xml.replace("<w:sectPr>", f"<w:sectPr>{size}{margins}", 1)


def _body_docx(xml: str) -> str:
    def eleven(match: re.Match[str]) -> str:
        return match.group(0).replace('w:val="24"', 'w:val="22"')

    return re.sub(r"<w:rPrDefault>.*?</w:rPrDefault>", eleven, xml, count=1, flags=re.S)


def _body_odt(xml: str) -> str:
    def eleven(match: re.Match[str]) -> str:
        return match.group(0).replace('fo:font-size="12pt"', 'fo:font-size="11pt"')

    return re.sub(
        r'<style:default-style style:family="paragraph">.*?</style:default-style>', eleven, xml, count=1, flags=re.S
    )


def _danish_docx(xml: str) -> str:
    """Word takes the language of text in the theme's fonts from settings.xml, not from the styles."""
    return xml.replace('w:themeFontLang w:val="en-US"', 'w:themeFontLang w:val="da-DK"')


def _a4_odt(xml: str) -> str:
    def a4(match: re.Match[str]) -> str:
        layout = match.group(0).replace('fo:page-width="8.5in"', 'fo:page-width="21cm"')
        layout = layout.replace('fo:page-height="11in"', 'fo:page-height="29.7cm"')
        return re.sub(r'fo:margin-(top|bottom|left|right)="1in"', r'fo:margin-\1="2.2cm"', layout)

    return re.sub(r"<style:page-layout-properties [^>]*>", a4, xml, count=1)
