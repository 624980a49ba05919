"""When sources last changed: one git pass, local edits, no git at all, and the dates on pages."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from macros.loading.history import format_day, last_changed, load_history, page_inputs
from tests.conftest import build_site, copy_project, html

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


def git(repo: Path, *args: str, when: str = "2027-01-15T10:00:00+01:00") -> None:
    """Run git in `repo` with a fixed author and commit date."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Tovholder",
        "GIT_AUTHOR_EMAIL": "tovholder@example.org",
        "GIT_COMMITTER_NAME": "Tovholder",
        "GIT_COMMITTER_EMAIL": "tovholder@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit_all(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with three commits on three days."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("a\n", encoding="utf-8")
    (tmp_path / "docs" / "økonomi og løn.md").write_text("b\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "første", "2027-01-15T10:00:00+01:00")
    (tmp_path / "docs" / "a.md").write_text("a, rettet\n", encoding="utf-8")
    commit_all(tmp_path, "anden", "2027-03-04T23:30:00+00:00")  # 5 March in Copenhagen
    (tmp_path / "other.txt").write_text("x\n", encoding="utf-8")
    commit_all(tmp_path, "tredje", "2027-04-01T09:00:00+02:00")
    return tmp_path


def test_each_file_gets_the_date_of_its_last_commit(repo: Path) -> None:
    history = load_history(repo, ["docs/a.md", "docs/økonomi og løn.md"])
    assert history["docs/a.md"] == dt.datetime.fromisoformat("2027-03-04T23:30:00+00:00")
    assert history["docs/økonomi og løn.md"] == dt.datetime.fromisoformat("2027-01-15T10:00:00+01:00")
    assert format_day(history["docs/a.md"]) == "5. marts 2027"  # the day in Danish time


def test_paths_are_relative_to_a_project_inside_the_repository(repo: Path) -> None:
    assert load_history(repo / "docs", ["a.md"]) == {"a.md": dt.datetime.fromisoformat("2027-03-04T23:30:00+00:00")}


def test_local_edits_and_new_files_get_their_modification_time(repo: Path) -> None:
    (repo / "docs" / "a.md").write_text("ændret, ikke gemt i git\n", encoding="utf-8")
    (repo / "docs" / "ny.md").write_text("ny\n", encoding="utf-8")
    os.utime(repo / "docs" / "a.md", (1_900_000_000, 1_900_000_000))
    history = load_history(repo, ["docs/a.md", "docs/ny.md", "docs/findes-ikke.md"])
    assert history["docs/a.md"].timestamp() == 1_900_000_000
    assert history["docs/ny.md"].timestamp() == pytest.approx((repo / "docs" / "ny.md").stat().st_mtime)
    assert "docs/findes-ikke.md" not in history


def test_one_git_log_for_all_files(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `git` in front of the real one records each call: the log is read once, not per file."""
    bin_dir = tmp_path_factory.mktemp("bin")
    calls = bin_dir / "calls"
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\nexec "{GIT}" "$@"\n', encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    for number in range(30):
        (repo / "docs" / f"side-{number}.md").write_text(f"{number}\n", encoding="utf-8")
    commit_all(repo, "mange sider", "2027-05-01T12:00:00+02:00")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    history = load_history(repo, [f"docs/side-{n}.md" for n in range(30)] + ["docs/a.md"])
    assert len(history) == 31
    logs = [line for line in calls.read_text(encoding="utf-8").splitlines() if " log " in f" {line} "]
    assert len(logs) == 1


def test_without_a_repository_there_are_no_dates(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    assert load_history(tmp_path, ["a.md"]) == {}


def test_without_git_installed_there_are_no_dates(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-such-folder"))
    assert load_history(repo, ["docs/a.md"]) == {}


def test_a_generated_page_changes_with_its_yaml_and_the_shared_texts() -> None:
    history = {
        "programmes/gruppementor.yaml": dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        "programmes/_faelles.yaml": dt.datetime(2027, 2, 1, tzinfo=dt.UTC),
    }
    assert page_inputs("programmes/gruppementor.yaml") == ("programmes/gruppementor.yaml", "programmes/_faelles.yaml")
    assert last_changed(history, page_inputs("programmes/gruppementor.yaml")) == dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
    assert last_changed(history, ["docs/ukendt.md"]) is None


def test_pages_show_when_their_source_last_changed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    git(project, "init", "-q")
    commit_all(project, "første udgave", "2027-01-15T10:00:00+01:00")
    shared = project / "programmes" / "_faelles.yaml"
    shared.write_text(shared.read_text(encoding="utf-8") + "# en rettelse\n", encoding="utf-8")
    commit_all(project, "fælles tekst rettet", "2027-02-20T10:00:00+01:00")
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    expected = {
        "modeller/": ("2027-01-15", "15. januar 2027"),  # hand-written: docs/modeller.md
        "programmer/gruppementor/roller/": ("2027-02-20", "20. februar 2027"),  # inherits _faelles.yaml
    }
    for page, (iso, text) in expected.items():
        changed = html(site, page).select_one(".mentor-changed time")
        assert changed is not None, page
        assert (changed["datetime"], changed.get_text(strip=True)) == (iso, text)
        assert changed.parent is not None and changed.parent.get_text(" ", strip=True) == f"Sidst ændret {text}"


def test_without_git_pages_build_and_show_no_date(built_site: Path) -> None:
    assert html(built_site, "modeller/").select_one(".mentor-changed") is None
    assert html(built_site, "modeller/").select_one("article h1") is not None


def test_every_page_edits_a_source_file_that_exists(built_site: Path) -> None:
    """Hand-written pages lead to docs/…, generated pages to the YAML (or template) they come from."""
    root = Path(__file__).resolve().parents[1]
    pages = [
        p for p in built_site.rglob("*.html") if p.name != "404.html" and p.parent.name != "was"
    ]  # was/: a redirect
    assert len(pages) > 20
    for page in pages:
        soup = html(built_site, page.relative_to(built_site).as_posix())
        edit = soup.select_one("a.md-content__button[href*='/edit/main/']")
        assert edit is not None, page
        source = str(edit["href"]).split("/edit/main/", 1)[1]
        assert (root / source).is_file(), (page, source)
        assert source.startswith(("docs/", "programmes/", "macros/templates/")), source
