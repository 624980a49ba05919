"""»Nyt i håndbogen« and its Atom feed: the newest changes from git, titles and dates only."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.loading.history import scan_history
from macros.rendering.news import is_text
from tests.conftest import build_site, copy_project, html

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example-kommune.github.io/mentorhaandbog/"
AUTHOR, EMAIL, MESSAGE = "Testperson Ådalsen", "testperson.aadalsen@example.org", "Rettet af Testperson Ådalsen"
COHORT_FILE = "programmes/forloeb/2027/2027-lederaspiranter-1.yaml"


def commit_all(repo: Path, when: str) -> None:
    """Commit everything as a named person: the name must never reach the site."""
    env = {**os.environ, "GIT_AUTHOR_NAME": AUTHOR, "GIT_AUTHOR_EMAIL": EMAIL, "GIT_COMMITTER_NAME": AUTHOR}
    env |= {"GIT_COMMITTER_EMAIL": EMAIL, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for args in (["add", "-A"], ["commit", "-q", "-m", MESSAGE]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with three commits on three days, built."""
    project = copy_project(tmp_path_factory.mktemp("news"))
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    commit_all(project, "2027-01-15T10:00:00+01:00")
    append(project / "docs" / "modeller.md", "\nEn ny sætning.\n")
    commit_all(project, "2027-02-20T10:00:00+01:00")
    append(project / COHORT_FILE, "# lokalet er ændret\n")
    append(project / "docs" / "modeller.md", "\nEndnu en sætning.\n")
    commit_all(project, "2027-03-04T23:30:00+00:00")  # 5 March in Copenhagen
    result = build_site(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_page_lists_changed_pages_by_day_newest_first(history_site: Path) -> None:
    article = html(history_site, "nyt/").select_one("article")
    assert article is not None
    days = [h2.get_text(strip=True).rstrip("¶") for h2 in article.select("h2")]
    assert days[:2] == ["5. marts 2027", "20. februar 2027"]
    newest = [(a.get_text(), a["href"]) for a in article.select("h2 + ul")[0].select("a")]
    assert (
        "Lederaspiranter, hold 1, forår 2027",
        "../programmer/gruppementor/forloeb/2027-lederaspiranter-1/",
    ) in newest
    assert ("Sammenlign modellerne", "../modeller/") in newest
    assert [a.get_text() for a in article.select("h2 + ul")[1].select("a")] == ["Sammenlign modellerne"]


def test_the_feed_is_atom_with_the_same_changes(history_site: Path) -> None:
    feed = ET.parse(history_site / "nyt.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    page_links = html(history_site, "nyt/").select("article li a")
    assert len(entries) == len(page_links) >= 3
    first = entries[0]
    assert first.findtext(f"{ATOM}updated") == "2027-03-04T23:30:00+00:00"
    assert first.find(f"{ATOM}link").get("href", "").startswith(SITE_URL)
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Eksempel Kommune"
    head = html(history_site, "modeller/").select_one("link[type='application/atom+xml']")
    assert head is not None and head["href"] == "../nyt.xml"


def test_no_name_e_mail_or_commit_message_is_published(history_site: Path) -> None:
    for path in history_site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for secret in (AUTHOR, EMAIL, MESSAGE, "Ådalsen"):
                assert secret not in text, (path, secret)


def test_without_git_the_page_says_so(built_site: Path) -> None:
    assert "uden projektets historik" in html(built_site, "nyt/").get_text()
    assert ET.parse(built_site / "nyt.xml").getroot().findall(f"{ATOM}entry") == []


def test_one_pass_gives_the_dates_and_the_newest_text_changes(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("a\n", encoding="utf-8")
    (tmp_path / "macros.py").write_text("x = 1\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit_all(tmp_path, "2027-01-15T10:00:00+01:00")
    append(tmp_path / "docs" / "a.md", "b\n")
    append(tmp_path / "macros.py", "y = 2\n")
    commit_all(tmp_path, "2027-02-01T10:00:00+01:00")
    history = scan_history(tmp_path, ["docs/a.md", "macros.py"], recent=5, news=is_text)
    assert [(when.date().isoformat(), name) for when, name in history.recent] == [
        ("2027-02-01", "docs/a.md"),
        ("2027-01-15", "docs/a.md"),
    ]
    assert set(history.last) == {"docs/a.md", "macros.py"}
    assert len(scan_history(tmp_path, ["docs/a.md"], recent=1, news=is_text).recent) == 1
