"""The pamphlets' rules: every rule gives its message at the right file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.loading.catalogue import load_catalogue
from macros.model.problems import Problem, ProblemsError
from tests.conftest import build_site, copy_project

FILE = "programmes/forloeb/2027/2027-proeve.yaml"

GROUP = """\
programme: gruppementor
variant: lederaspiranter
name: Prøvehold
start: 2027-02-01
end: 2027-06-30
mentors:
  - id: mentor-a
    name: Mentor Eksempel
    department: Teknik og Miljø
mentees:
  - {id: m01, department: Børn og Unge}
  - {id: m02}
  - {id: m03}
  - {id: m04}
  - {id: m05}
  - {id: m06}
meetings:
  - {id: moede-1, date: 2027-02-17, start: "17:00", homework: {questions: [Hvad vil du afklare?]}}
  - {id: moede-2, date: 2027-03-17, start: "17:00", homework: {questions: [Hvad har du lært?]}}
  - {id: moede-3, date: 2027-04-14, start: "17:00"}
  - {id: moede-4, date: 2027-05-12, start: "17:00"}
"""

PAIRS = """\
programme: mentorordning-ledere
name: Prøverunde
start: 2027-01-11
end: 2027-06-25
pair_defaults: {time: "14:00", hours: 1.5}
mentors:
  - {id: mentor-a, department: Teknik og Miljø}
mentees:
  - {id: m01, department: Børn og Unge}
pairs:
  - {id: par-1, mentor: mentor-a, mentee: m01}
"""


def check(tmp_path: Path, text: str) -> list[Problem]:
    """Every problem and warning the cohort file gives, from a copy of the real project."""
    project = copy_project(tmp_path)
    (project / FILE).write_text(text, encoding="utf-8")
    try:
        return [p for p in load_catalogue(project).warnings if p.file == FILE]
    except ProblemsError as exc:
        return [p for p in exc.problems if p.file == FILE]


def line_of(text: str, marker: str) -> int:
    """The 1-based line where `marker` first occurs."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)


def swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# name, file text, code, severity, key, marker for the line, words of the message
CASES = [
    (
        "mentor is the manager (by name)",
        swap(GROUP, "{id: m02}", "{id: m02, manager: mentor eksempel}"),
        "mentor-is-manager", "error", "mentees[1].manager", "id: m02",
        "mentor 'mentor-a' er nærmeste leder for mentee 'm02'. En mentor må aldrig være leder for sine egne mentees",
    ),
    (
        "mentor is the manager in a pair (by id)",
        swap(PAIRS, "{id: m01,", "{id: m01, manager: mentor-a,"),
        "mentor-is-manager", "error", "mentees[0].manager", "id: m01",
        "mentor 'mentor-a' er nærmeste leder for mentee 'm01'",
    ),
    (
        "meetings out of order",
        swap(GROUP, "moede-3, date: 2027-04-14", "moede-3, date: 2027-03-10"),
        "meeting-order", "error", "meetings[2].date", "id: moede-3",
        "mødet ligger før eller samtidig med mødet 'moede-2' ovenover; skriv møderne i tidsrækkefølge",
    ),
    (
        "meetings overlap",
        swap(GROUP, 'moede-2, date: 2027-03-17, start: "17:00"', 'moede-2, date: 2027-02-17, start: "19:00"'),
        "meeting-overlap", "error", "meetings[1].date", "id: moede-2",
        "mødet begynder, før mødet 'moede-1' ovenover er slut (kl. 20.00)",
    ),
    (
        "mentors' meeting overlaps a group meeting",
        GROUP + 'mentor_meetings:\n  - {id: ev-1, kind: evaluation, date: 2027-02-17, start: "18:00", hours: 1}\n',
        "meeting-overlap", "error", "mentor_meetings[0].date", "id: ev-1",
        "mødet overlapper mødet 'moede-1', og mentor skal være med i begge",
    ),
    (
        "a pair's own meetings out of order",
        swap(PAIRS, "mentee: m01}", "mentee: m01, meetings: [{id: a, date: 2027-03-01, start: \"14:00\"}, "
             "{id: b, date: 2027-02-01, start: \"14:00\"}]}"),
        "meeting-order", "error", "pairs[0].meetings[1].date", "id: par-1",
        "mødet ligger før eller samtidig med mødet 'a' ovenover",
    ),
    (
        "fixed due date after the next meeting",
        swap(GROUP, "[Hvad vil du afklare?]}", "[Hvad vil du afklare?], due: 2027-03-20}"),
        "homework-due", "error", "meetings[0].homework.due", "id: moede-1",
        "Fristen lørdag 20. marts 2027 kl. 16.00 ligger ikke mellem mødet onsdag 17. februar 2027 og "
        "næste møde onsdag 17. marts 2027",
    ),
    (
        "computed due date before the meeting it follows",
        swap(GROUP, "moede-2, date: 2027-03-17", "moede-2, date: 2027-02-18"),
        "homework-due", "error", "meetings[0].homework", "id: moede-1",
        "Den beregnede frist mandag 15. februar 2027 kl. 16.00 ligger ikke mellem mødet onsdag 17. februar 2027",
    ),
    (
        "homework after the last meeting without a date",
        swap(GROUP, 'moede-4, date: 2027-05-12, start: "17:00"}', 'moede-4, date: 2027-05-12, start: "17:00", '
             "homework: {tasks: [Skriv din plan.]}}"),
        "homework-due", "error", "meetings[3].homework", "id: moede-4",
        "efter sidste møde er der intet næste møde at regne fristen ud fra; skriv en dato i due",
    ),
    (
        "unknown programme",
        swap(GROUP, "programme: gruppementor", "programme: gruppementer"),
        "unknown-programme", "error", "programme", "programme:",
        "programmet 'gruppementer' findes ikke i programmes/. Mente du 'gruppementor'?",
    ),
    (
        "unknown variant",
        swap(GROUP, "variant: lederaspiranter", "variant: ledere"),
        "unknown-variant", "error", "variant", "variant:",
        "varianten 'ledere' findes ikke i programmet; vælg en af: lederaspiranter, fungerende-ledere",
    ),
    (
        "unknown person in a pair",
        swap(PAIRS, "mentor: mentor-a, mentee: m01}", "mentor: mentor-x, mentee: m01}"),
        "unknown-person", "error", "pairs[0].mentor", "id: par-1",
        "'mentor-x' findes ikke i listen mentors (mentor-a)",
    ),
    (
        "unknown id in an acknowledgement",
        GROUP + "acknowledge:\n  - {code: late-mentee, about: m99, reason: aftalt}\n",
        "unknown-person", "error", "acknowledge[0].about", "code: late-mentee",
        "'m99' er hverken en person, et møde eller et par i dette forløb",
    ),
    (
        "two mentees with one id",
        swap(GROUP, "{id: m02}", "{id: m01}"),
        "duplicate-id", "error", "mentees[1].id", "  - {id: m01}",
        "id'et 'm01' er brugt før i filen; giv hver sit eget id",
    ),
    (
        "end before start",
        swap(GROUP, "end: 2027-06-30", "end: 2027-01-30"),
        "cohort-dates", "error", "end", "end:",
        "forløbets slutdato ligger før startdatoen (start)",
    ),
    (
        "meeting outside the cohort",
        swap(GROUP, "end: 2027-06-30", "end: 2027-05-01"),
        "meeting-outside", "error", "meetings[3].date", "id: moede-4",
        "mødet onsdag 12. maj 2027 ligger uden for forløbet (2027-02-01 til 2027-05-01)",
    ),
    (
        "pairs in a group cohort",
        GROUP + "pairs:\n  - {id: par-1, mentor: mentor-a, mentee: m01}\n",
        "kind", "error", "pairs", "pairs:",
        "par (pairs) hører til én-til-én-forløb",
    ),
    (
        "mentee added after the first meeting",
        swap(GROUP, "{id: m03}", "{id: m03, joined: 2027-03-01}"),
        "late-mentee", "warning", "mentees[2].joined", "id: m03",
        "mentee 'm03' kommer med efter første møde (onsdag 17. februar 2027). Gruppen er et tæt og fortroligt "
        "forløb, så fyld ikke op, når nogen falder fra",
    ),
    (
        "group too small",
        swap(swap(swap(GROUP, "  - {id: m04}\n", ""), "  - {id: m05}\n", ""), "  - {id: m06}\n", ""),
        "group-size", "warning", "mentees", "mentees:",
        "gruppen har 3 mentees, men programmet er lagt an på 4–7",
    ),
    (
        "group too large",
        swap(GROUP, "  - {id: m06}\n", "  - {id: m06}\n  - {id: m07}\n  - {id: m08}\n"),
        "group-size", "warning", "mentees", "mentees:",
        "gruppen har 8 mentees, men programmet er lagt an på 4–7",
    ),
    (
        "mentor and mentee in the same department",
        swap(GROUP, "department: Børn og Unge", "department: teknik og  miljø"),
        "same-department", "warning", "mentees[0].department", "id: m01",
        "mentee 'm01' og mentor 'mentor-a' er fra samme afdeling, men programmet går på tværs af organisationen",
    ),
    (
        "pair from the same department",
        swap(PAIRS, "department: Børn og Unge", "department: Teknik og Miljø"),
        "same-department", "warning", "mentees[0].department", "id: m01",
        "mentee 'm01' og mentor 'mentor-a' er fra samme afdeling",
    ),
    (
        "too few meetings",
        swap(GROUP, '  - {id: moede-4, date: 2027-05-12, start: "17:00"}\n', ""),
        "meeting-count", "warning", "meetings", "meetings:",
        "forløbet har 3 møder, men programmet er lagt an på 4",
    ),
    (
        "meeting shorter than designed",
        swap(GROUP, 'moede-3, date: 2027-04-14, start: "17:00"', 'moede-3, date: 2027-04-14, start: "17:00", hours: 2'),
        "meeting-length", "warning", "meetings[2].hours", "id: moede-3",
        "mødet varer 2 timer, men programmet er lagt an på 3 timer",
    ),
    (
        "pairs' meetings longer than the guide",
        swap(PAIRS, "hours: 1.5}", "hours: 3}"),
        "meeting-length", "warning", "pair_defaults.hours", "pair_defaults:",
        "mødet varer 3 timer, men programmet er lagt an på 1–2 timer",
    ),
]  # fmt: skip


@pytest.mark.parametrize("name, text, code, severity, key, marker, words", CASES, ids=[c[0] for c in CASES])
def test_rule_gives_its_message(
    tmp_path: Path, name: str, text: str, code: str, severity: str, key: str, marker: str, words: str
) -> None:
    found = [p for p in check(tmp_path, text) if p.code == code]
    assert found, f"no {code} in {check(tmp_path, text)}"
    problem = found[0]
    assert (problem.severity, problem.key, problem.line) == (severity, key, line_of(text, marker))
    assert words in problem.message
    kind = "fejl" if severity == "error" else "advarsel"
    assert problem.format().startswith(f"{FILE}:{problem.line}:{problem.column}: {kind}: {key}: ")


@pytest.mark.parametrize("text", [GROUP, PAIRS], ids=["group", "pairs"])
def test_valid_cohorts_give_no_problems(tmp_path: Path, text: str) -> None:
    assert check(tmp_path, text) == []


def test_warning_can_be_acknowledged_with_a_reason(tmp_path: Path) -> None:
    small = swap(swap(swap(GROUP, "  - {id: m04}\n", ""), "  - {id: m05}\n", ""), "  - {id: m06}\n", "")
    small = swap(small, "{id: m03}", "{id: m03, joined: 2027-03-01}")
    assert {p.code for p in check(tmp_path / "a", small)} == {"group-size", "late-mentee"}
    acknowledged = small + "acknowledge:\n  - code: group-size\n    reason: To meldte fra før start; aftalt med HR.\n"
    assert [p.code for p in check(tmp_path / "b", acknowledged)] == ["late-mentee"]


def test_acknowledgement_about_one_person_leaves_the_others(tmp_path: Path) -> None:
    late = swap(GROUP, "{id: m03}", "{id: m03, joined: 2027-03-01}")
    late = swap(late, "{id: m04}", "{id: m04, joined: 2027-03-01}")
    text = late + "acknowledge:\n  - {code: late-mentee, about: m03, reason: erstatning aftalt}\n"
    assert [(p.code, p.key) for p in check(tmp_path, text)] == [("late-mentee", "mentees[3].joined")]


def test_errors_cannot_be_acknowledged(tmp_path: Path) -> None:
    text = swap(GROUP, "{id: m02}", "{id: m02, manager: mentor-a}")
    text += "acknowledge:\n  - {code: mentor-is-manager, reason: det går nok}\n"
    [problem] = check(tmp_path, text)
    assert (problem.key, problem.severity) == ("acknowledge[0].code", "error")
    assert "'mentor-is-manager' er ikke tilladt her; vælg en af: 'late-mentee'" in problem.message


def test_a_warning_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / FILE).write_text(swap(GROUP, "{id: m03}", "{id: m03, joined: 2027-03-01}"), encoding="utf-8")
    result = build_site(project)
    assert result.returncode != 0
    assert f"{FILE}:{line_of(GROUP, 'id: m03')}:" in result.stderr
    assert "advarsel: mentees[2].joined: mentee 'm03' kommer med efter første møde" in result.stderr
    assert "Traceback" not in result.stderr
