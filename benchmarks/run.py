"""Benchmark: `mentor build --strict` (what `make site` runs) against plain MkDocs on the same site.

    .venv/bin/python benchmarks/run.py                      # 0, 10, 100 and 1,000 synthetic cohorts
    .venv/bin/python benchmarks/run.py --sizes 0 10 --repeat 1   # a quick run
    make bench

For each size it copies the project into a temporary folder, adds that many cohort
files (copies of the shipped example cohorts under new ids), and measures in child
processes, one after another:

- ours: `mentor build --strict`, the command `make site` runs (check, MkDocs with the
  mentor plugin, the asset worker, the offline zip made from the built site), with empty caches
  (cold) and again with the document cache and the page cache (macros/site/page_cache.py)
  filled by the cold run (warm), as every `make site` after the first finds them;
- the plain baseline: `mentor export-docs` writes the complete site source (pages,
  navigation, downloads, overrides, a mkdocs.yml without our plugin), and plain
  `mkdocs build --strict` with Material builds it; the export itself is timed apart;
- warm runs of ours and of the baseline alternate `--repeat` times; the median counts;
- wall time, CPU time (user + system of the child and every process it waited for, so
  the asset worker and MkDocs both count) and peak resident memory (the largest single
  process), from the kernel's accounting of the child;
- `mentor check` on the same project;
- inside this process, how the time of our own code splits into loading, pages,
  calendars and documents (booklets, contracts and other office files);
- with --serve, the time from one edit until `mkdocs serve --dirty` (what `make serve`
  runs) serves the changed page: a cohort's YAML for us, the same page's Markdown in the
  export for plain MkDocs.

Targets (issue 14), each a ratio to plain MkDocs on the export in the same run:
at 1,000 cohorts wall time ≤ 1.0× and CPU time ≤ 1.2×; cost per cohort at 10,000
≤ 1.3× the cost at 100; peak memory under 1 GiB at 10,000; one cohort edit under
`make serve` at 1,000 cohorts served within 3 s; `mentor check` on 1,000 cohorts
under 2 s. A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import json
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

from macros.loading.catalogue import load_catalogue  # noqa: E402
from macros.outputs.cohort_calendars import export_cohort_calendars  # noqa: E402
from macros.outputs.converters import DocumentOptions  # noqa: E402
from macros.outputs.documents import export_documents  # noqa: E402
from macros.rendering.cohort_pages import render_cohort_lists, render_cohort_pages  # noqa: E402
from macros.rendering.programme_pages import render_pages  # noqa: E402
from macros.site.export_docs import read_config  # noqa: E402

PROJECT_PARTS = ["mkdocs.yml", "docs", "programmes", "overrides"]
COHORTS = "programmes/forloeb"
MENTOR = [sys.executable, "-m", "macros.cli"]
# Above this many cohorts the split leaves out the documents: a third cold run of 130,000 would add 15 minutes.
PHASES_UP_TO = 1000
# The targets.
WALL_TARGET, CPU_TARGET, FLAT_TARGET, MEMORY_MIB, SERVE_SECONDS, CHECK_SECONDS = 1.0, 1.2, 1.3, 1024, 3.0, 2.0


@dataclass
class Run:
    """One command in a child process."""

    seconds: float
    cpu: float
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
    export: Run
    check: Run
    phases: dict[str, float]
    documents: int
    serve_ours: float | None = None
    serve_plain: float | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10, 100, 1000])
    parser.add_argument("--serve", type=int, nargs="*", default=None, help="sizes to time `mkdocs serve` at")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--repeat", type=int, default=3, help="alternating warm runs of ours and plain (median)")
    args = parser.parse_args()
    serve_sizes = set(args.serve if args.serve else ([max(args.sizes)] if args.serve is not None else []))
    results = []
    for size in args.sizes:
        with workspace(args.keep) as work:
            results.append(measure(work, size, size in serve_sizes, args.repeat))
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


def measure(work: Path, size: int, serve: bool, repeat: int) -> Result:
    """Build `size` cohorts our way and MkDocs' way and return the figures."""
    project = make_project(work / "project", size)
    cache = work / "cache"
    cold = mentor_build(project, cache, work / "site-cold")
    plain_project = work / "plain"
    export = run([*MENTOR, "--root", str(project), "export-docs", str(plain_project)], project, cache)
    warm_runs, plain_runs = [], []
    for _ in range(max(1, repeat)):  # alternating, so other work on the machine hits both alike
        warm_runs.append(mentor_build(project, cache, work / "site-warm"))
        plain_runs.append(plain_build(plain_project, work / "site-plain"))
    check = run([*MENTOR, "--root", str(project), "check"], project, cache)
    pages, documents, phases = split_phases(project, work / "cache-phases")
    result = Result(size, pages, cold, median(warm_runs), median(plain_runs), export, check, phases, documents)
    if serve:
        result.serve_ours = serve_rebuild(project, cache, edit_cohort)
        result.serve_plain = serve_rebuild(plain_project, None, edit_markdown)
    return result


def median(runs: list[Run]) -> Run:
    """The run with the median wall time (its CPU and memory with it); not ok if any failed."""
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    return Run(middle.seconds, middle.cpu, middle.peak_mib, all(r.ok for r in runs))


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


def mentor_build(project: Path, cache: Path, site: Path) -> Run:
    """The command `make site` runs."""
    return run([*MENTOR, "--root", str(project), "build", "--strict", "--site-dir", str(site)], project, cache)


def plain_build(exported: Path, site: Path) -> Run:
    """Plain MkDocs + Material on `mentor export-docs` output."""
    return run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--site-dir", str(site)], exported)


# Started from this (large) process, a child's peak memory could never read lower than this process's
# own: Linux counts the memory a process had before exec in its peak. So a small Python process starts
# the command and reports its usage as one JSON line on stderr.
_MEASURE = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
cpu = usage.ru_utime + usage.ru_stime  # includes the children it waited for: MkDocs and the asset worker
print(json.dumps([cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)]), file=sys.stderr)
"""


def run(command: list[str], cwd: Path, cache: Path | None = None) -> Run:
    """A command in a child process: wall and CPU time, peak memory and whether it succeeded."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if cache is not None:
        env["MENTOR_CACHE_DIR"] = str(cache)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, env=env, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - started
    cpu, peak, code = json.loads(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1])
    return Run(seconds, cpu, peak, code == 0)


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
    timed("kalendere", lambda: sum(1 for _ in export_cohort_calendars(catalogue)))
    if len(catalogue.cohorts) > PHASES_UP_TO:  # the cold build above has timed making them already
        return len(pages), 0, phases
    options = DocumentOptions(cache_dir=cache)
    documents = timed("dokumenter", lambda: sum(1 for _ in export_documents(catalogue, options)))
    return len(pages), documents, phases


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
    heading_end = text.index("\n", text.index("\n# ") + 1) + 1  # after the heading, below any front matter
    page.write_text(text[:heading_end] + f"\n{marker}\n" + text[heading_end:], encoding="utf-8")
    return page.parent.relative_to(project / "docs").as_posix() + "/"


def serve_rebuild(project: Path, cache: Path | None, edit: Callable[[Path, str], str]) -> float | None:
    """Seconds from an edit until `mkdocs serve` serves the changed page (None if it never does)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if cache is not None:
        env["MENTOR_CACHE_DIR"] = str(cache)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]  # make serve
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
    site_url = read_config(project).get("site_url") or "/"  # mkdocs.yml has !ENV tags
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


def per_cohort(result: Result, base: Result | None) -> float | None:
    """Seconds each cohort adds to a warm build, against the build without synthetic cohorts."""
    if base is None or result.cohorts == 0:
        return None
    return (result.ours_warm.seconds - base.ours_warm.seconds) / result.cohorts


def da(value: float, decimals: int = 1) -> str:
    """A number the Danish way: 1.234,5."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_row(result: Result) -> None:
    runs = (result.ours_cold, result.ours_warm, result.plain, result.export, result.check)
    failed = "" if all(r.ok for r in runs) else "  (en kommando fejlede!)"
    print(
        f"{result.cohorts:>5} forløb: mentor build {da(result.ours_cold.seconds)} s kold / "
        f"{da(result.ours_warm.seconds)} s varm, ren MkDocs {da(result.plain.seconds)} s{failed}",
        file=sys.stderr,
    )


def print_table(results: list[Result]) -> None:
    base = next((r for r in results if r.cohorts == 0), None)
    print(
        "| Forløb | Sider | mentor build, kold | Varm | Ren MkDocs | Vægur | CPU-tid | Pr. forløb (varm) "
        "| Hukommelse (vores / ren) | export-docs | mentor check |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        cost = per_cohort(r, base)
        print(
            f"| {da(r.cohorts, 0)} | {da(r.pages, 0)} | {da(r.ours_cold.seconds)} s | {da(r.ours_warm.seconds)} s "
            f"| {da(r.plain.seconds)} s | {da(r.ours_warm.seconds / r.plain.seconds, 2)}× "
            f"| {da(r.ours_warm.cpu / r.plain.cpu, 2)}× | {'–' if cost is None else da(cost * 1000, 0) + ' ms'} "
            f"| {da(r.ours_warm.peak_mib, 0)} / {da(r.plain.peak_mib, 0)} MiB | {da(r.export.seconds)} s "
            f"| {da(r.check.seconds, 2)} s |"
        )
    print()
    for r in results:
        phases = ", ".join(f"{name} {da(seconds, 2)} s" for name, seconds in r.phases.items())
        print(f"- {da(r.cohorts, 0)} forløb, vores egen kode med kold dokumentcache: {phases}")
    print_targets(results, base)


def print_targets(results: list[Result], base: Result | None) -> None:
    """Each of the issue's targets at the size it names, or at the largest size measured."""
    largest = max(results, key=lambda r: r.cohorts)
    at = next((r for r in results if r.cohorts == 1000), largest)
    wall, cpu = at.ours_warm.seconds / at.plain.seconds, at.ours_warm.cpu / at.plain.cpu
    where = f"ved {da(at.cohorts, 0)} forløb" + ("" if at.cohorts == 1000 else " (målet gælder 1.000)")
    print(
        f"- `mentor build --strict` mod ren MkDocs {where}, vægur: {da(wall, 2)}× (mål ≤ 1,0×: "
        f"{verdict(wall <= WALL_TARGET)}), CPU-tid: {da(cpu, 2)}× (mål ≤ 1,2×: {verdict(cpu <= CPU_TARGET)})"
    )
    cold_wall, cold_cpu = at.ours_cold.seconds / at.plain.seconds, at.ours_cold.cpu / at.plain.cpu
    print(
        f"- Til orientering, første bygning med tomme cacher {where}: vægur {da(cold_wall, 2)}×, "
        f"CPU-tid {da(cold_cpu, 2)}× (alle dokumenter laves med pandoc og Typst, alle sider konverteres)"
    )
    costs = {r.cohorts: per_cohort(r, base) for r in results}
    low, high = costs.get(100), costs.get(10000) or costs.get(1000)
    if low and high:
        top = 10000 if costs.get(10000) else 1000
        print(
            f"- Pris pr. forløb ved {da(top, 0)} i forhold til ved 100: {da(high / low, 2)} "
            f"(mål ≤ 1,3 ved 10.000: {verdict(high / low <= FLAT_TARGET)})"
        )
    peak = largest.ours_warm.peak_mib
    print(
        f"- Største hukommelse ved {da(largest.cohorts, 0)} forløb: {da(peak, 0)} MiB "
        f"(mål under 1 GiB ved 10.000: {verdict(peak < MEMORY_MIB)})"
    )
    print(
        f"- `mentor check` {where}: {da(at.check.seconds, 2)} s, CPU-tid {da(at.check.cpu, 2)} s (mål under 2 s: "
        f"{verdict(at.check.seconds < CHECK_SECONDS)})"
    )
    for r in results:
        if r.serve_ours is not None or r.serve_plain is not None:
            # A rebuild loads every cohort file again: that share is the loading's, not the rebuild's.
            loading = f" (heraf indlæsning af alle filer ca. {da(r.phases['indlæsning'])} s)"
            ours = "–" if r.serve_ours is None else f"{da(r.serve_ours)} s{loading}"
            plain = "–" if r.serve_plain is None else f"{da(r.serve_plain)} s"
            ok = r.serve_ours is not None and r.serve_ours <= SERVE_SECONDS
            print(
                f"- `make serve` ved {da(r.cohorts, 0)} forløb: fra én rettelse i en forløbsfil til ny side {ours}, "
                f"ren MkDocs efter en rettelse i Markdown {plain} (mål ≤ 3 s ved 1.000: {verdict(ok)})"
            )


if __name__ == "__main__":
    main()
