"""The whole build behind `mentor build`: check, MkDocs, then swap the new site in.

MkDocs runs as a child process (only `macros.plugin` may import it) and writes
into a fresh folder next to the output. Only when it succeeds does that folder
replace the old one, so a failed build leaves the previous `site/` exactly as it
was. Progress reports from the long phases (see `macros.progress`) arrive on the
child's stderr and are drawn here; MkDocs' own INFO lines are left out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from ..loading.catalogue import Catalogue
from ..loading.catalogue_cache import handover, load_keyed
from ..model.problems import ProblemsError, strict_stop
from ..outputs.progress import ENV, parse_report
from .offline import ZIP_ENV, ZIP_NAME, write_zip

CONFIG = "mkdocs.yml"
_QUIET_LEVELS = ("INFO", "DEBUG")
_LOG_RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-  ")  # MkDocs' log format


class Display:
    """Phases and progress on a terminal (one live line) or in a log (a line per step)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.open_line = False
        self.shown: dict[str, int] = {}

    def phase(self, text: str) -> None:
        """Start a phase: `» Bygger sitet …`."""
        self.line(f"» {text} …")

    def line(self, text: str) -> None:
        """A line of its own, after any live progress line."""
        self.end_live()
        print(text, file=self.stream, flush=True)

    def progress(self, phase: str, done: int, total: int) -> None:
        """`Hæfter: 3 af 6`, redrawn in place on a terminal, every quarter in a log."""
        text = f"  {phase}: {done} af {total}" + (" – færdig" if done >= total else "")
        if self.live:
            self.stream.write(f"\r\033[K{text}")
            self.stream.flush()
            self.open_line = True
            if done >= total:
                self.end_live()
        elif self._worth_a_line(phase, done, total):
            self.line(text)

    def _worth_a_line(self, phase: str, done: int, total: int) -> bool:
        step = -1 if done == 0 else self.shown.get(phase, -1)  # a phase may run again, e.g. per programme
        quarter = 4 * done // total if total else 4
        if quarter > step or done >= total:
            self.shown[phase] = 5 if done >= total else quarter
            return step < 5
        return False

    def end_live(self) -> None:
        """Close the live line so the next text starts on a line of its own."""
        if self.open_line:
            self.stream.write("\n")
            self.open_line = False


def export_site(
    root: Path,
    site_dir: Path,
    *,
    strict: bool = False,
    for_files: bool = False,
    offline_zip: bool = False,
    display: Display | None = None,
) -> bool:
    """Build the site from `root` into `site_dir`; on failure keep the old `site_dir` untouched.

    `for_files` links pages as `…/index.html`, so the site can be opened from a folder
    (a downloaded preview) without a web server. `offline_zip` also puts a zip of the
    built site, changed to work that way with search, into the site (macros/offline.py).
    """
    display = display or Display(sys.stdout)
    started = time.perf_counter()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-tmp-", dir=site_dir.parent))
    try:
        zip_name = ZIP_NAME if offline_zip else ""
        if not _checked_build(root, staging, strict, for_files, zip_name, display):
            return False
        if zip_name:
            display.phase("Laver kopien til brug uden net")
            write_zip(staging, staging / zip_name)
        if not for_files:  # the editor needs a web server; a preview opened from a folder has none
            _add_admin(root, staging, display)
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    display.line(f"Sitet er bygget i {_shown(site_dir)} på {seconds} s.")
    return True


def _checked_build(root: Path, staging: Path, strict: bool, for_files: bool, zip_name: str, display: Display) -> bool:
    """The check, then MkDocs into `staging`; False (and a message) if either fails.

    MkDocs starts first: its imports and configuration take a core of their own while
    the programmes are checked here, and its plugin waits for the checked catalogue
    (catalogue_cache.py), so neither it nor its worker loads the YAML again.
    """
    with handover() as (handed, give):
        env = {**handed, **({ZIP_ENV: zip_name} if zip_name else {})}
        process = start_mkdocs(root, staging, strict, ["--no-directory-urls"] if for_files else [], env)
        try:
            display.phase("Tjekker programmerne")
            checked = _check(root, strict, display)
            if checked is None:
                return False
            give(*checked)
            del checked  # MkDocs and its worker read their own copy; this process only waits and zips
            display.phase("Bygger sitet med MkDocs")
            if not finish_mkdocs(process, display):
                display.line("Bygningen mislykkedes; det tidligere site er ikke rørt.")
                return False
        finally:
            if process.poll() is None:  # the check failed (or an error): MkDocs must not go on
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()
    return True


def _add_admin(root: Path, site_dir: Path, display: Display) -> None:
    """The form editor at admin/, after MkDocs so its checks never see the third-party bundle."""
    from .admin_site import has_bundle, write_admin

    if not has_bundle(root):
        display.line("Redigeringsværktøjet (/admin/) er ikke installeret og kommer ikke med; `make site` gør det.")
        return
    found = re.search(r"^site_name:\s*(.+)$", (root / CONFIG).read_text(encoding="utf-8"), re.MULTILINE)
    write_admin(root, site_dir, found.group(1).strip() if found else "Mentorhåndbogen")


def _check(root: Path, strict: bool, display: Display) -> tuple[str, Catalogue] | None:
    """Phase one before MkDocs starts: the same messages as `mentor check`, sooner; the catalogue if it passes."""
    try:
        key, catalogue = load_keyed(root)
    except ProblemsError as exc:
        display.line(str(exc))
        return None
    for warning in catalogue.warnings:
        display.line(warning.format())
    if strict and catalogue.warnings:
        display.line(strict_stop(len(catalogue.warnings), "Bygningen"))
        return None
    return key, catalogue


def start_mkdocs(
    root: Path, site_dir: Path, strict: bool, extra: Sequence[str] = (), env_extra: Mapping[str, str] | None = None
) -> subprocess.Popen[str]:
    """`mkdocs build` in a child process; `finish_mkdocs` draws its progress and waits for it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / CONFIG)]
    command += ["--site-dir", str(site_dir), *(["--strict"] if strict else []), *extra]
    env = {**os.environ, ENV: "1", "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", **(env_extra or {})}
    return subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
    )


def finish_mkdocs(process: subprocess.Popen[str], display: Display) -> bool:
    """Relay the child's output (progress drawn, INFO lines dropped) until it ends; True if it succeeded."""
    assert process.stdout is not None
    with process.stdout:
        _relay(process.stdout, display)
    return process.wait() == 0


def _relay(lines: Iterable[str], display: Display) -> None:
    level = ""
    for raw in lines:
        line = raw.rstrip("\n")
        report = parse_report(line)
        if report is not None:
            display.progress(*report)
            continue
        record = _LOG_RECORD.match(line)
        level = record.group(1) if record else (level if line.startswith(" ") else "")
        if level not in _QUIET_LEVELS and line.strip():
            display.line(line)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the finished `staging` folder where `site_dir` is, removing the old one only after."""
    staging.chmod(0o755)  # mkdtemp makes it private; a published folder is readable
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent)) / "site"
        site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        if old is not None:
            old.rename(site_dir)  # put the previous site back before failing
        raise
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)


def _shown(path: Path) -> str:
    try:
        return f"{path.resolve().relative_to(Path.cwd().resolve())}/"
    except ValueError:
        return f"{path}/"
