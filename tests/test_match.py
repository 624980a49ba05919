"""`mentor match`: suggestions on synthetic people keep every hard rule and publish no name."""

from __future__ import annotations

import csv
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.cli.commands import main
from macros.loading.signups import Candidate, read_candidates
from macros.matching.rules import Match, MatchRules
from macros.matching.suggestions import Infeasible, suggest
from tests.conftest import ROOT, copy_project

HEADER = ["id", "rolle", "navn", "forvaltning", "leder", "køn", "emner", "undgå"]
DEPARTMENTS = ["Børn og Unge", "Sundhed og Omsorg", "Teknik og Miljø", "Kultur og Borgerservice", "Beskæftigelse"]
TOPICS = ["økonomistyring", "strategi", "personaleledelse", "forandring", "karriere"]


def name(n: int) -> str:
    """An invented name nobody has: easy to search for in every output."""
    return f"Fiktiv{n:03d} Prøvesen"


def synthetic(mentors: int, mentees: int, seed: int) -> list[list[str]]:
    """People with nearest managers among the mentors and the mentees, `undgå` and topics."""
    rnd = random.Random(seed)
    ids = [f"s{n:03d}" for n in range(mentors + mentees)]
    rows = []
    for n, person in enumerate(ids):
        role = "mentor" if n < mentors else "mentee"
        boss = ""
        if role == "mentee":
            boss = rnd.choice([rnd.choice(ids[:mentors]), name(rnd.randrange(mentors)), rnd.choice(ids[mentors:]), ""])
        avoid = rnd.choice(ids) if rnd.random() < 0.2 else ""
        topics = ";".join(rnd.sample(TOPICS, 2))
        rows.append([person, role, name(n), rnd.choice(DEPARTMENTS), boss, rnd.choice("km"), topics, avoid])
    return rows


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def manages(boss: Candidate, person: Candidate) -> bool:
    return person.manager in (boss.id, boss.name)


def assert_rules(matches: list[Match], people: list[Candidate], rules: MatchRules) -> None:
    """Each hard rule checked on its own, independent of the solver's code."""
    placed = [m.id for match in matches for m in match.mentees]
    assert sorted(placed) == sorted(p.id for p in people if p.role == "mentee")
    for match in matches:
        assert rules.min_size <= len(match.mentees) <= rules.max_size
        for mentee in match.mentees:
            assert not manages(match.mentor, mentee)
            assert mentee.id not in match.mentor.avoid and match.mentor.id not in mentee.avoid
            if rules.cross_organisational:
                assert mentee.department != match.mentor.department
            if rules.group:
                others = [o for o in match.mentees if o is not mentee]
                assert not any(manages(mentee, o) or o.id in mentee.avoid for o in others)
        if rules.single_gender:
            assert len({m.gender for m in match.mentees}) == 1


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    "rules",
    [
        MatchRules(True, True, 4, 7, 6),
        MatchRules(True, True, 4, 7, 6, single_gender=True),
        MatchRules(False, True, 1, 2, 1),
        MatchRules(False, False, 1, 3, 1),
    ],
    ids=["grupper", "grupper-samme-koen", "par", "par-samme-forvaltning-tilladt"],
)
def test_every_hard_rule_holds_in_every_suggestion(tmp_path: Path, seed: int, rules: MatchRules) -> None:
    mentors, mentees = (6, 26) if rules.group else (12, 20)
    path = write_csv(tmp_path / "tilmeldinger.csv", synthetic(mentors, mentees, seed))
    people = read_candidates(path, "tilmeldinger.csv")
    assert_rules(suggest(people, rules), people, rules)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project in a git repository of its own, with the project's .gitignore."""
    found = copy_project(tmp_path / "projekt")
    shutil.copy2(ROOT / ".gitignore", found / ".gitignore")
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", "-C", str(found), *command], check=True, capture_output=True)
    return found


def match(project: Path, *args: str) -> int:
    return main(["--root", str(project), "match", *args])


@pytest.mark.parametrize("programme", ["gruppementor", "mentorordning-ledere"])
def test_suggestion_passes_strict_check_and_keeps_names_private(
    capsys: pytest.CaptureFixture[str], project: Path, programme: str
) -> None:
    rows = synthetic(6, 26, seed=5)
    source = write_csv(project / "privat" / "tilmeldinger.csv", rows, delimiter=";")
    assert match(project, programme, str(source), "--start", "2028-02-07") == 0
    out = capsys.readouterr().out
    written = sorted((project / "programmes" / "forloeb" / "2028").glob("*.yaml"))
    assert written and all(f"Skrev {p.relative_to(project).as_posix()}" in out for p in written)
    assert "forvaltning" in out and "mentor er ikke" in out  # an explanation per pair or group
    assert main(["--root", str(project), "check", "--strict"]) == 0, capsys.readouterr().out

    with (project / "privat" / "tilmeldinger.csv.noegle.csv").open(encoding="utf-8") as handle:
        key = list(csv.reader(handle))
    assert key[0] == ["id", "navn"]
    assert {row[1] for row in key[1:]} == {row[2] for row in rows}
    assert {row[0] for row in key[1:]} <= {word.strip(":") for p in written for word in p.read_text().split()}

    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
    indexed = subprocess.run(["git", "-C", str(project), "ls-files"], capture_output=True, text=True, check=True)
    assert "privat/" not in indexed.stdout
    texts = [(project / f).read_text(encoding="utf-8", errors="replace") for f in indexed.stdout.splitlines()]
    for row in rows:
        assert not any(row[2] in text for text in texts), row[2]
        assert not any(row[0] in p.read_text() for p in written)  # the private ids do not leak either


def test_no_name_reaches_the_built_site(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    rows = synthetic(6, 26, seed=8)
    source = write_csv(project / "privat" / "tilmeldinger.csv", rows)
    assert match(project, "gruppementor", str(source), "--start", "2028-02-07") == 0
    assert main(["--root", str(project), "build", "--strict"]) == 0, capsys.readouterr()
    site = project / "site"
    pages = sorted(site.glob("programmer/gruppementor/*/2028-lederaspiranter-*/index.html"))
    assert len(pages) >= 4, "every suggested group gets its cohort page"
    for path in [*site.rglob("*"), *(project / "programmes").rglob("*")]:
        if path.is_file() and path.suffix in {".html", ".ics", ".yaml", ".json", ".md", ".txt", ".xml"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(row[2] in text for row in rows), path


def test_a_department_without_mentors_elsewhere_is_explained(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    rows = [[f"s{n}", "mentor", name(n), "Børn og Unge", "", "", "", ""] for n in range(2)]
    rows += [[f"s{n}", "mentee", name(n), "Børn og Unge", "", "", "", ""] for n in range(2, 5)]
    source = write_csv(project / "privat" / "umulig.csv", rows)
    before = sorted(project.rglob("*.yaml"))
    assert match(project, "mentorordning-ledere", str(source)) == 1
    err = capsys.readouterr().err
    assert "3 mentees fra Børn og Unge (s2, s3, s4) kan ikke få en mentor uden for deres egen forvaltning" in err
    assert sorted(project.rglob("*.yaml")) == before
    assert not (project / "privat" / "umulig.csv.noegle.csv").exists()


@pytest.mark.parametrize(
    ("programme", "rows", "expected"),
    [
        (
            "mentorordning-ledere",
            [
                ["a", "mentor", name(1), "Teknik og Miljø", "", "", "", ""],
                ["b", "mentee", name(2), "Beskæftigelse", "a", "", "", ""],
            ],
            "b kan ikke få nogen mentor: 1 mentor er nærmeste leder for mentee.",
        ),
        (
            "mentorordning-ledere",
            [
                ["a", "mentor", name(1), "Teknik og Miljø", "", "", "", "b"],
                ["b", "mentee", name(2), "Beskæftigelse", "", "", "", ""],
            ],
            "b kan ikke få nogen mentor: 1 mentor står i undgå",
        ),
        (
            "gruppementor",
            [["a", "mentor", name(1), "Teknik og Miljø", "", "", "", ""]]
            + [[f"m{n}", "mentee", name(n), DEPARTMENTS[n % 2], "", "", "", ""] for n in range(3)],
            "Der er kun 3 mentees, men en gruppe skal have mindst 4.",
        ),
        (
            "gruppementor",
            [["a", "mentor", name(1), "Teknik og Miljø", "", "", "", ""]]
            + [[f"m{n}", "mentee", name(n), DEPARTMENTS[n % 2], "", "", "", ""] for n in range(9)],
            "Der er 9 mentees, men de 1 mentorer kan højst tage 7 i hver gruppe (7 i alt).",
        ),
    ],
    ids=["leder", "undgaa", "for-faa", "for-mange"],
)
def test_infeasible_input_names_the_rule_and_the_people(
    capsys: pytest.CaptureFixture[str], project: Path, programme: str, rows: list[list[str]], expected: str
) -> None:
    source = write_csv(project / "privat" / "umulig.csv", rows)
    assert match(project, programme, str(source)) == 1
    assert expected in capsys.readouterr().err


def test_single_gender_groups_that_cannot_be_made_are_explained(tmp_path: Path) -> None:
    rows = [
        ["a", "mentor", name(1), "Teknik og Miljø", "", "k", "", ""],
        ["b", "mentor", name(2), "Beskæftigelse", "", "m", "", ""],
    ]
    rows += [[f"m{n}", "mentee", name(n), DEPARTMENTS[n % 2 * 3], "", "k" if n < 6 else "m", "", ""] for n in range(8)]
    people = read_candidates(write_csv(tmp_path / "k.csv", rows), "k.csv")
    with pytest.raises(Infeasible) as caught:
        suggest(people, MatchRules(True, True, 4, 7, 6, single_gender=True))
    assert "2 mentees med køn 'm' kan ikke danne en gruppe alene" in caught.value.reasons[0]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("programmes/tilmeldinger.csv", "git ignorerer den ikke"),
        ("docs/tilmeldinger.csv", "git ignorerer den ikke"),
    ],
)
def test_a_file_inside_the_repository_is_refused(
    capsys: pytest.CaptureFixture[str], project: Path, where: str, expected: str
) -> None:
    source = write_csv(project / where, synthetic(6, 26, seed=1))
    before = sorted(project.rglob("*.yaml"))
    assert match(project, "gruppementor", str(source)) == 1
    out = capsys.readouterr().out
    assert f"{where}:1:1: fejl: Filen har deltagernes navne og må aldrig komme med i repositoriet" in out
    assert expected in out
    assert sorted(project.rglob("*.yaml")) == before
    assert not (project / f"{where}.noegle.csv").exists()


def test_a_tracked_file_is_refused_even_in_an_ignored_folder(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    source = write_csv(project / "privat" / "tilmeldinger.csv", synthetic(6, 26, seed=1))
    subprocess.run(["git", "-C", str(project), "add", "-f", "privat/tilmeldinger.csv"], check=True)
    assert match(project, "gruppementor", str(source)) == 1
    assert "Den er allerede tilføjet til git (git rm --cached fjerner den)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,rolle,navn\n", "kolonnen forvaltning, leder mangler"),
        (
            "id,rolle,navn,forvaltning,leder\na,chef,X,Y,\n",
            "tilmeldinger.csv:2:1: fejl: rolle: 'chef' er ikke en rolle",
        ),
        ("id,rolle,navn,forvaltning,leder\na,mentor,X,Y,\na,mentee,Z,Y,\n", "id'et 'a' står også i linje 2"),
        ("id,rolle,navn,forvaltning,leder,undgå\na,mentor,X,Y,,q\n", "'q' i kolonnen undgå er ikke et id i filen"),
        (
            "id;rolle;navn;forvaltning;leder\na;mentor;X;Y;\nb;deltager;Z;Y;\n",
            "tilmeldinger.csv:3:1: fejl: rolle: rollen deltager",
        ),
    ],
)
def test_mistakes_in_the_file_are_explained_in_danish(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: str
) -> None:
    project = copy_project(tmp_path / "projekt")
    source = tmp_path / "tilmeldinger.csv"
    source.write_text(text, encoding="utf-8")
    assert match(project, "mentorordning-ledere", str(source)) == 1
    assert expected in capsys.readouterr().out


def test_a_second_run_never_overwrites_the_key(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    source = write_csv(project / "privat" / "tilmeldinger.csv", synthetic(6, 26, seed=2))
    assert match(project, "gruppementor", str(source), "--start", "2028-02-07") == 0
    key = (project / "privat" / "tilmeldinger.csv.noegle.csv").read_text(encoding="utf-8")
    before = sorted(project.rglob("*.yaml"))
    capsys.readouterr()
    assert match(project, "gruppementor", str(source), "--start", "2028-02-07") == 1
    assert "nøglefilen tilmeldinger.csv.noegle.csv findes allerede" in capsys.readouterr().out
    assert (project / "privat" / "tilmeldinger.csv.noegle.csv").read_text(encoding="utf-8") == key
    assert sorted(project.rglob("*.yaml")) == before
