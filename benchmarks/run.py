"""Benchmark: the full build against plain MkDocs on the same Markdown pages and navigation.

    .venv/bin/python benchmarks/run.py                 # 0, 10, 100 and 1,000 synthetic cohorts
    .venv/bin/python benchmarks/run.py --sizes 0 10    # a quick run
    make bench

For each size it copies the project into a temporary folder, adds that many cohort
files (copies of the shipped example cohorts under new ids), and measures in child
processes, one after another:

- our build (`mkdocs build --strict` with the mentor plugin) with an empty document
  cache (cold) and again with the cache filled (warm);
- plain MkDocs + Material building the very Markdown pages and navigation our build
  generates, written to a plain docs folder, without our plugin or overrides;
- the peak resident memory of each build (from the kernel's accounting of the child: the
  largest single process, so not the asset worker's memory added to MkDocs');
- inside this process, how the time of our build splits into loading, pages,
  calendars and documents (booklets, contracts and other office files); in a real
  build the calendars and documents are made by a second process while MkDocs renders
  the pages (macros/publish.py), so they add to the CPU time, not to the wall time;
- with --serve, the time from one edit until `mkdocs serve` serves the changed page:
  a cohort's YAML for us, the same page's Markdown for plain MkDocs.

Targets (issue 6): at 1,000 cohorts our build ≤ 1.2× plain MkDocs; cost per cohort at
1,000 ≤ 1.3× the cost at 100; the serve rebuild after a YAML edit < 2× MkDocs' own.
A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.catalogue import load_catalogue  # noqa: E402
from macros.cohort_pages import export_cohort_calendars, render_cohort_lists, render_cohort_pages  # noqa: E402
from macros.documents import export_documents  # noqa: E402
from macros.export import DocumentOptions  # noqa: E402
from macros.pages import INDEX, navigation, render_pages  # noqa: E402
from macros.site_macros import render_page_macros  # noqa: E402

PROJECT_PARTS = ["mkdocs.yml", "docs", "programmes", "overrides"]
COHORTS = "programmes/forloeb"
PLAIN_KEYS = ["site_name", "site_url", "theme", "markdown_extensions", "copyright"]


@dataclass
class Run:
    """One build in a child process."""

    seconds: float
    peak_mib: float
    ok: bool


@dataclass
class Result:
    """Every figure for one number of cohorts."""

    cohorts: int
    pages: int
    ours_cold: Run
    ours_warm: Run
    plain: Run
    phases: dict[str, float]
    documents: int
    serve_ours: float | None = None
    serve_plain: float | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10, 100, 1000])
    parser.add_argument("--serve", type=int, nargs="*", default=None, help="sizes to time `mkdocs serve` at")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args()
    serve_sizes = set(args.serve if args.serve else ([max(args.sizes)] if args.serve is not None else []))
    results = []
    for size in args.sizes:
        with workspace(args.keep) as work:
            results.append(measure(work, size, size in serve_sizes))
            print_row(results[-1])
    print()
    print_table(results)


@contextmanager
def workspace(keep: bool) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="mentor-bench-"))
    try:
        yield folder
    finally:
        if keep:
            print(f"  (bevaret: {folder})", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def measure(work: Path, size: int, serve: bool) -> Result:
    """Build `size` cohorts our way and MkDocs' way and return the figures."""
    project = make_project(work / "project", size)
    cold = build(project, work / "cache", work / "site-cold")
    warm = build(project, work / "cache", work / "site-warm")
    pages, documents, phases = split_phases(project, work / "cache-phases")
    plain_project = export_plain(project, work / "plain", work / "cache")
    plain = build(plain_project, None, work / "site-plain", strict=False)
    result = Result(size, pages, cold, warm, plain, phases, documents)
    if serve:
        result.serve_ours = serve_rebuild(project, work / "cache", edit_cohort)
        result.serve_plain = serve_rebuild(plain_project, None, edit_markdown)
    return result


def make_project(dest: Path, size: int) -> Path:
    """A copy of the project with `size` extra cohorts, copies of the shipped examples."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest / part)
    examples = sorted((ROOT / COHORTS).rglob("*.yaml"))
    folder = dest / COHORTS / "bench"
    folder.mkdir(parents=True)
    for number in range(size):
        text = examples[number % len(examples)].read_text(encoding="utf-8")
        lines = [
            f"name: Benchmarkhold {number + 1}" if line.startswith("name:") else line for line in text.splitlines()
        ]
        (folder / f"bench-{number + 1:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def build(project: Path, cache: Path | None, site: Path, strict: bool = True) -> Run:
    """`mkdocs build` in a child process: wall time, peak memory and whether it succeeded."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if cache is not None:
        env["MENTOR_CACHE_DIR"] = str(cache)
    started = time.perf_counter()
    process = subprocess.Popen([*command, *(["--strict"] if strict else [])], cwd=project, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    return Run(seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status) == 0)


def split_phases(project: Path, cache: Path) -> tuple[int, int, dict[str, float]]:
    """Where our own code spends its time, measured in this process with a cold document cache."""
    phases: dict[str, float] = {}

    def timed(name: str, work: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        value = work()
        phases[name] = time.perf_counter() - started
        return value

    catalogue = timed("indlæsning", lambda: load_catalogue(project))
    pages = timed(
        "sider", lambda: render_pages(catalogue) + render_cohort_lists(catalogue) + render_cohort_pages(catalogue)
    )
    timed("kalendere", lambda: export_cohort_calendars(catalogue))
    documents = timed("dokumenter", lambda: export_documents(catalogue, DocumentOptions(cache_dir=cache)))
    return len(pages), len(documents), phases


def export_plain(project: Path, dest: Path, cache: Path) -> Path:
    """The Markdown pages and navigation our build makes, as a plain MkDocs project."""
    catalogue = load_catalogue(project)
    pages = render_pages(catalogue) + render_cohort_lists(catalogue)
    nav = navigation(catalogue, pages)
    pages += render_cohort_pages(catalogue)
    docs = dest / "docs"
    for page in pages:
        write(docs / page.path, page.markdown)
    for source in (project / "docs").rglob("*.md"):
        relative = source.relative_to(project / "docs").as_posix()
        write(docs / relative, render_page_macros(source.read_text(encoding="utf-8"), catalogue, relative))
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    plain: dict[str, Any] = {key: config[key] for key in PLAIN_KEYS if key in config}
    plain["theme"] = {k: v for k, v in plain["theme"].items() if k != "custom_dir"}  # stock Material
    plain["plugins"] = [{"search": {"lang": "da"}}]
    plain["nav"] = [
        {title: nav} if target == INDEX else {title: target} for item in config["nav"] for title, target in item.items()
    ]
    plain["not_in_nav"] = "\n".join(f"/{page.path}" for page in pages if not page.in_nav)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit_cohort(project: Path, marker: str) -> str:
    """Change one cohort's description; return the URL path of its page."""
    source = next((project / COHORTS).rglob("*.yaml"))
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\ndescription: >-\n", f"\ndescription: >-\n  {marker}\n", 1), encoding="utf-8")
    programme = yaml.safe_load(text)["programme"]
    return f"programmer/{programme}/forloeb/{source.stem}/"


def edit_markdown(project: Path, marker: str) -> str:
    """Change the same cohort's page in the plain project; return its URL path."""
    page = next(p for p in sorted((project / "docs" / "programmer").rglob("forloeb/*/index.md")))
    text = page.read_text(encoding="utf-8")
    heading_end = text.index("\n") + 1
    page.write_text(text[:heading_end] + f"\n{marker}\n" + text[heading_end:], encoding="utf-8")
    return page.parent.relative_to(project / "docs").as_posix() + "/"


def serve_rebuild(project: Path, cache: Path | None, edit: Callable[[Path, str], str]) -> float | None:
    """Seconds from an edit until `mkdocs serve` serves the changed page (None if it never does)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if cache is not None:
        env["MENTOR_CACHE_DIR"] = str(cache)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}{served_prefix(project)}"
        if wait_for(lambda: fetch(base) is not None, 900) is None:
            return None
        marker = f"Benchmarkmarkering{time.time_ns()}"
        started = time.perf_counter()
        path = edit(project, marker)
        return wait_for(lambda: marker in (fetch(base + path) or ""), 900, started)
    finally:
        server.terminate()
        server.wait(timeout=60)


def served_prefix(project: Path) -> str:
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url", "/")
    return urllib.parse.urlsplit(site_url).path or "/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8", "replace"))
    except OSError:
        return None


def wait_for(done: Callable[[], bool], limit: float, started: float | None = None) -> float | None:
    """Poll every 0.1 s; the seconds since `started` (or since now) once `done()`, None after `limit`."""
    started = time.perf_counter() if started is None else started
    while time.perf_counter() - started < limit:
        if done():
            return time.perf_counter() - started
        time.sleep(0.1)
    return None


def per_cohort(result: Result, base: Result | None, run: Callable[[Result], Run]) -> float | None:
    """Seconds each cohort adds to a build, against the build without synthetic cohorts."""
    if base is None or result.cohorts == 0:
        return None
    return (run(result).seconds - run(base).seconds) / result.cohorts


def da(value: float, decimals: int = 1) -> str:
    """A number the Danish way: 1.234,5."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def print_row(result: Result) -> None:
    failed = "" if result.ours_cold.ok and result.ours_warm.ok and result.plain.ok else "  (en bygning fejlede!)"
    print(
        f"{result.cohorts:>5} forløb: vores {da(result.ours_cold.seconds)} s kold / "
        f"{da(result.ours_warm.seconds)} s varm, ren MkDocs {da(result.plain.seconds)} s{failed}",
        file=sys.stderr,
    )


def print_table(results: list[Result]) -> None:
    base = next((r for r in results if r.cohorts == 0), None)
    print(
        "| Forløb | Sider | Vores bygning, kold | Varm | Ren MkDocs | Forhold (varm) "
        "| Pr. forløb (varm) | Hukommelse | Dokumenter | Dokumenternes andel (kold) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        cost = per_cohort(r, base, lambda x: x.ours_warm)
        print(
            f"| {da(r.cohorts, 0)} | {da(r.pages, 0)} | {da(r.ours_cold.seconds)} s | {da(r.ours_warm.seconds)} s "
            f"| {da(r.plain.seconds)} s | {da(r.ours_warm.seconds / r.plain.seconds, 2)}× "
            f"| {'–' if cost is None else da(cost * 1000, 0) + ' ms'} | {da(r.ours_cold.peak_mib, 0)} MiB "
            f"| {da(r.documents, 0)} | {da(100 * r.phases['dokumenter'] / r.ours_cold.seconds, 0)} % |"
        )
    print()
    for r in results:
        phases = ", ".join(f"{name} {da(seconds, 2)} s" for name, seconds in r.phases.items())
        print(f"- {da(r.cohorts, 0)} forløb, vores egen kode med kold dokumentcache: {phases}")
    largest = max(results, key=lambda r: r.cohorts)
    ratio = largest.ours_warm.seconds / largest.plain.seconds
    verdict = "nået" if ratio <= 1.2 else "IKKE nået"
    print(f"- Varm bygning mod ren MkDocs ved {da(largest.cohorts, 0)} forløb: {da(ratio, 2)}× (mål ≤ 1,2×: {verdict})")
    costs = {r.cohorts: per_cohort(r, base, lambda x: x.ours_warm) for r in results}
    low, high = costs.get(100), costs.get(1000)
    if low and high:
        print(f"- Pris pr. forløb ved 1.000 i forhold til ved 100: {da(high / low, 2)} (mål ≤ 1,3)")
    for r in results:
        if r.serve_ours is not None or r.serve_plain is not None:
            ours = "–" if r.serve_ours is None else f"{da(r.serve_ours)} s"
            plain = "–" if r.serve_plain is None else f"{da(r.serve_plain)} s"
            ratio = f"{da(r.serve_ours / r.serve_plain, 2)}×" if r.serve_ours and r.serve_plain else "–"
            print(
                f"- `mkdocs serve` ved {da(r.cohorts, 0)} forløb: fra én rettelse i en YAML-fil til ny side {ours}, "
                f"ren MkDocs efter en rettelse i Markdown {plain} ({ratio}, mål < 2×)"
            )


if __name__ == "__main__":
    main()
