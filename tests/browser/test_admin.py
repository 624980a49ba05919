"""The form editor at /admin/ in a real browser, against decap-server on 127.0.0.1.

A coordinator's whole round trip: sign in, create a cohort through the form, change
a text in a programme, save. Saving with the editorial workflow makes a branch per
change (on GitHub: a pull request); the files on those branches must pass
`mentor check --strict`, and a site built from them shows the new cohort. No
request may leave 127.0.0.1. The screenshots are the ones CONTRIBUTING.md shows.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route

from macros.site.admin_site import has_bundle, write_admin
from tests.browser.conftest import DESKTOP
from tests.browser.server import serve_site
from tests.conftest import ROOT, build_site, copy_project

pytestmark = pytest.mark.browser

# CONTRIBUTING.md shows these; `MENTOR_SCREENSHOTS=1` writes them there, else they go to a temporary folder.
SCREENSHOTS = ROOT / "docs" / "hjaelp" / "redigering"
SERVER = Path(".cache/admin/node_modules/decap-server/dist/index.js")
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org"}
GIT_ENV |= {"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
COHORT_NAME = "Lederaspiranter, hold 3, efterår 2027"
NEW_SUMMARY = "Et forløb i fire møder, hvor en erfaren leder er mentor for en lille gruppe."
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Admin:
    """The editor served from a site folder, its backend and the project it writes to."""

    url: str
    project: Path
    outside: list[str] = field(default_factory=list)


def _git(project: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True, text=True).stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[Admin]:
    """A git copy of the project, decap-server in git mode on 127.0.0.1 and the built admin/."""
    if not has_bundle(ROOT):
        pytest.fail("Redigeringsværktøjet mangler: kør tools/install-admin.sh (make test gør det selv)")
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "Udgangspunkt")
    port = _free_port()
    env = {**os.environ, **GIT_ENV, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "git"}
    env |= {"GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "warn"}
    server = subprocess.Popen(["node", str(ROOT / SERVER)], env=env, cwd=tmp_path)
    try:
        _wait_for_port(port)
        write_admin(ROOT, tmp_path / "site", "Mentorhåndbogen", f"http://127.0.0.1:{port}/api/v1")
        with serve_site(tmp_path / "site") as url:
            yield Admin(url + "admin/", project)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for_port(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("decap-server startede ikke")


def _open(browser: Browser, admin: Admin) -> Page:
    """A tab where every request that would leave 127.0.0.1 is refused and recorded."""
    context = browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            admin.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(admin.url)
    return page


def _shot(page: Page, name: str) -> None:
    keep = os.environ.get("MENTOR_SCREENSHOTS") == "1"
    folder = SCREENSHOTS if keep else Path(tempfile.gettempdir()) / "mentor-admin-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), scale="css")


def _sign_in(page: Page) -> None:
    page.get_by_role("button", name="Log ind").wait_for(timeout=90_000)
    _shot(page, "1-log-ind")
    page.get_by_role("button", name="Log ind").click()
    page.get_by_text("Forløb: Gruppementorordning").first.wait_for(timeout=30_000)


def _save(page: Page) -> None:
    page.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("Dokumentet er gemt").wait_for(timeout=30_000)


def _new_entry(page: Page, url: str, collection: str, first: str = "mentor-a") -> None:
    """Open a new entry and wait until Decap has filled in the defaults (the first person's id `first`),
    so nothing typed is lost."""
    page.goto(url + f"#/collections/{collection}/new")
    page.wait_for_function("first => document.querySelector('input[id^=\"id-field-\"]')?.value === first", arg=first)


def _create_cohort(page: Page, url: str) -> None:
    _new_entry(page, url, "forloeb-gruppementor")
    name = page.locator('[id^="name-field-"]').first
    name.fill(COHORT_NAME)
    page.locator('[id^="start-field-"]').first.fill("2027-09-01")
    page.locator('[id^="end-field-"]').first.fill("2027-12-15")
    _shot(page, "3-nyt-forloeb")
    page.get_by_role("button", name="Gem", exact=True).click()  # the meeting dates are still missing
    page.get_by_text("du mangler et påkrævet felt").wait_for()
    _shot(page, "6-manglende-felt")
    dates = page.locator('input[type=date][id^="date-field-"]')
    for number, day in enumerate(["2027-09-06", "2027-10-04", "2027-11-01", "2027-12-06"]):
        dates.nth(number).fill(day)
    questions = page.locator('textarea[id^="punkt-field-"]')
    for number in range(questions.count()):
        questions.nth(number).fill(f"Hvad tager du med fra møde {number + 1}?")
    _save(page)


def _change_text(page: Page, url: str) -> None:
    page.goto("about:blank")  # a fresh start, so no state of the cohort form is left
    page.goto(url + "#/collections/programmer/entries/gruppementor")
    summary = page.locator('[id^="summary-field-"]').first
    page.wait_for_function("() => document.querySelector('[id^=\"organisation-field-\"]')?.value")
    summary.fill(NEW_SUMMARY)
    _shot(page, "2-ret-tekst")
    _save(page)
    page.get_by_text("Status: Kladde").wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('[id^=\"organisation-field-\"]')?.value")
    _shot(page, "4-gemt")


def _branch_files(project: Path) -> dict[str, str]:
    """Every file the editor changed, by branch (each branch is one pull request on GitHub)."""
    changed: dict[str, str] = {}
    for branch in _git(project, "branch", "--format=%(refname:short)").split():
        if branch.startswith("cms/"):
            for path in _git(project, "diff", "--name-only", "main", branch).split():
                changed[path] = branch
    return changed


def _check_strict(project: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "macros.cli", "--root", str(project), "check", "--strict"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_a_cohort_and_a_text_made_in_the_form_pass_the_strict_check(browser: Browser, admin: Admin) -> None:
    page = _open(browser, admin)
    _sign_in(page)
    _create_cohort(page, admin.url)
    _change_text(page, admin.url)
    page.goto(admin.url + "#/workflow")
    page.get_by_text(COHORT_NAME).first.wait_for(timeout=30_000)
    _shot(page, "5-arbejdsgang")
    page.context.close()

    changed = _branch_files(admin.project)
    cohorts = [path for path in changed if path.startswith("programmes/forloeb/")]
    assert "programmes/gruppementor.yaml" in changed and len(cohorts) == 1, changed
    for branch in sorted(set(changed.values())):  # merge the pull requests
        _git(admin.project, "merge", "-q", "--no-edit", branch)
    cohort = admin.project / cohorts[0]
    assert f"name: {COHORT_NAME}" in cohort.read_text(encoding="utf-8")
    assert NEW_SUMMARY in (admin.project / "programmes/gruppementor.yaml").read_text(encoding="utf-8")
    checked = _check_strict(admin.project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert admin.outside == []

    built = build_site(admin.project)
    assert built.returncode == 0, built.stderr
    pages = [p for p in (admin.project / "site").rglob(f"{cohort.stem}/index.html")]
    assert pages and COHORT_NAME in pages[0].read_text(encoding="utf-8")


def test_a_one_to_one_round_needs_only_a_name_and_dates(browser: Browser, admin: Admin) -> None:
    """The pairs, their usual time and the people come from the programme, as with `mentor new cohort`."""
    page = _open(browser, admin)
    _sign_in(page)
    _new_entry(page, admin.url, "forloeb-mentorordning-ledere")
    page.locator('[id^="name-field-"]').first.fill("Ledere, runde 2")
    page.locator('[id^="start-field-"]').first.fill("2027-09-01")
    page.locator('[id^="end-field-"]').first.fill("2028-06-15")
    _save(page)
    page.context.close()
    (path,) = _branch_files(admin.project)
    _git(admin.project, "merge", "-q", "--no-edit", _branch_files(admin.project)[path])
    text = (admin.project / path).read_text(encoding="utf-8")
    assert "pairs:" in text and "pair_defaults:" in text and "meetings:" not in text
    checked = _check_strict(admin.project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert admin.outside == []


def test_a_network_round_has_participants_a_consultant_and_meeting_dates(browser: Browser, admin: Admin) -> None:
    """A network's form has the network's people; only the name, the dates and the meeting dates are typed."""
    page = _open(browser, admin)
    _sign_in(page)
    _new_entry(page, admin.url, "forloeb-digitalt-netvaerk", "d01")
    assert page.locator('[id^="mentors-field-"], [id^="pairs-field-"]').count() == 0
    page.locator('[id^="name-field-"]').first.fill("Digitalt netværk, forår 2028")
    page.locator('[id^="start-field-"]').first.fill("2028-02-01")
    page.locator('[id^="end-field-"]').first.fill("2028-06-15")
    dates = page.locator('input[type=date][id^="date-field-"]')
    for number in range(dates.count()):
        dates.nth(number).fill(f"2028-0{number + 2}-14")
    _save(page)
    page.context.close()
    (path,) = _branch_files(admin.project)
    _git(admin.project, "merge", "-q", "--no-edit", _branch_files(admin.project)[path])
    text = (admin.project / path).read_text(encoding="utf-8")
    assert "participants:" in text and "process_consultant:" in text and "mentors:" not in text
    checked = _check_strict(admin.project)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert admin.outside == []


def test_the_entry_page_passes_axe_and_loads_nothing_from_outside(browser: Browser, admin: Admin) -> None:
    page = _open(browser, admin)
    page.route("**/decap-cms.js", lambda route: route.abort())  # our own page, before the editor draws
    page.reload()
    page.locator("#indlaeser h1").wait_for()
    assert _axe(page) == []
    page.context.close()
    assert admin.outside == []


def _axe(page: Page, exclude: list[Any] | None = None) -> list[str]:
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    found = Axe().run(page, options=options).response["violations"]
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} steder)" for v in found]


def test_the_editor_itself_under_axe_is_reported(browser: Browser, admin: Admin, capsys: Any) -> None:
    """Not ours to fix: what axe finds in Decap CMS's own interface is written to the test log."""
    page = _open(browser, admin)
    _sign_in(page)
    _new_entry(page, admin.url, "forloeb-gruppementor")
    with capsys.disabled():
        for line in _axe(page):
            print(f"Decap CMS (tredjepart): {line}")
    page.context.close()
    assert admin.outside == []


def test_the_main_pages_load_nothing_of_the_editor(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        assert "decap-cms" not in path.read_text(encoding="utf-8"), path


def test_the_bundle_has_no_source_maps_and_stays_in_admin(tmp_path: Path) -> None:
    folder = write_admin(ROOT, tmp_path, "Mentorhåndbogen")
    names = {p.name for p in folder.iterdir()}
    assert {"index.html", "config.yml", "decap-cms.js"} <= names
    assert not any(name.endswith(".map") for name in names)
    assert all(p.parent == folder for p in tmp_path.rglob("*") if p.is_file())
