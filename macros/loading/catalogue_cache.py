"""One load per build: `mentor build` hands its checked catalogue to MkDocs and the asset worker.

`mentor build` loads and validates programmes/ before MkDocs starts (macros/site/build.py).
MkDocs runs in a child process, and the calendars and documents are made in a worker
process of its own (macros/site/worker.py); each would load and validate the same YAML
again. So the build pickles the catalogue into a private temporary file and names it
in MENTOR_CATALOGUE (MkDocs starts while the check runs and waits for the file); the
plugin and the worker read it if the YAML files under
programmes/ still hash to what they were, and load the catalogue themselves otherwise
(plain `mkdocs build`, `mkdocs serve`, or a file changed meanwhile). Reading the pickle
costs about a fifth of loading (1,000 cohorts).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .catalogue import PROGRAMMES_DIR, Catalogue, load_catalogue

ENV = "MENTOR_CATALOGUE"
WAIT = 600.0  # seconds a child waits for the check of `mentor build` before it loads the YAML itself


def sources_key(root: Path) -> str:
    """A hash of the project's folder and every YAML file under its programmes/: path and bytes."""
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8") + b"\0")
    folder = root / PROGRAMMES_DIR
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")  # a dangling link: loading reports it
        digest.update(b"\0")
    return digest.hexdigest()


def load_keyed(root: Path) -> tuple[str, Catalogue]:
    """The sources' key, taken before loading (an edit while loading then shows as a change), and the catalogue."""
    key = sources_key(root)
    return key, load_catalogue(root)


@contextmanager
def handover() -> Iterator[tuple[dict[str, str], Callable[[str, Catalogue], None]]]:
    """Environment variables naming where the checked catalogue will be, and `give` to put it there.

    Child processes may start before the check ends: `handed_catalogue` waits for the file,
    and `give` writes it whole under its name (a rename), so no reader sees half a file.
    Afterwards the folder is removed, and a reader still waiting loads the YAML itself.
    """
    folder = Path(tempfile.mkdtemp(prefix="mentor-catalogue-"))  # private to this user
    path = folder / "catalogue.pickle"

    def give(key: str, catalogue: Catalogue) -> None:
        part = folder / "catalogue.part"
        part.write_bytes(pickle.dumps((key, catalogue), protocol=pickle.HIGHEST_PROTOCOL))
        part.replace(path)

    try:
        yield {ENV: str(path)}, give
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def handed_over(key: str, catalogue: Catalogue) -> Iterator[dict[str, str]]:
    """Environment variables naming a pickled copy of `catalogue`, given at once."""
    with handover() as (env, give):
        give(key, catalogue)
        yield env


def _wait_for(path: Path) -> None:
    """Until `mentor build` has given the catalogue, its check failed (folder gone), or WAIT passed."""
    deadline = time.monotonic() + WAIT
    while not path.exists() and path.parent.is_dir() and time.monotonic() < deadline:
        time.sleep(0.01)


def handed_catalogue(root: Path) -> Catalogue | None:
    """The catalogue `mentor build` handed over, if it is for `root` and its files are unchanged."""
    name = os.environ.get(ENV)
    if not name:
        return None
    _wait_for(Path(name))
    try:
        with open(name, "rb") as stream:
            key, catalogue = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return None
    return catalogue if isinstance(catalogue, Catalogue) and key == sources_key(root) else None


def catalogue_for(root: Path) -> Catalogue:
    """The handed-over catalogue when there is a valid one, else a fresh load (ProblemsError on problems)."""
    return handed_catalogue(root) or load_catalogue(root)
