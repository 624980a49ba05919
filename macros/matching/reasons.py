"""Plain Danish reasons why no match suggestion can keep the hard rules.

Checked before any solver runs, so the coordinator learns which rule fails for whom:
a mentee without any allowed mentor, a department whose mentees outnumber the places
with mentors from elsewhere, too few or too many people for the group sizes, or a
gender too small to make a group of its own.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from ..loading.signups import Candidate
from .rules import MatchRules, People

_BECAUSE = {
    "leder": "er nærmeste leder for mentee",
    "forvaltning": "er fra samme forvaltning",
    "undgå": "står i undgå",
}


def diagnose(people: People, rules: MatchRules) -> list[str]:
    """Every reason found, in Danish; empty when the rules may well be kept."""
    reasons = _empty(people)
    if reasons:
        return reasons
    reasons += _without_mentor(people, rules)
    reasons += _capacity(people, rules)
    reasons += _departments(people, rules)
    if rules.group and rules.single_gender:
        reasons += _genders(people, rules)
    return reasons


def _empty(people: People) -> list[str]:
    reasons = []
    if not people.mentors:
        reasons.append("Filen har ingen mentorer (rolle: mentor).")
    if not people.mentees:
        reasons.append("Filen har ingen mentees (rolle: mentee).")
    return reasons


def _without_mentor(people: People, rules: MatchRules) -> list[str]:
    """Mentees for whom every mentor is ruled out; a whole department is said in one sentence."""
    stuck: dict[str, list[Candidate]] = defaultdict(list)
    details: list[str] = []
    for mentee in people.mentees:
        why = Counter(people.blocked(mentor, mentee, rules) for mentor in people.mentors)
        if why[None]:
            continue
        if why["forvaltning"] == len(people.mentors):
            stuck[mentee.department].append(mentee)
        else:
            details.append(f"{mentee.id} kan ikke få nogen mentor: " + _counted(why) + ".")
    sentences = [_department_sentence(dept, found) for dept, found in sorted(stuck.items())]
    return sentences + details


def _department_sentence(department: str, mentees: list[Candidate]) -> str:
    count = len(mentees)
    who = "mentee" if count == 1 else "mentees"
    ids = ", ".join(m.id for m in mentees)
    return (
        f"{count} {who} fra {department} ({ids}) kan ikke få en mentor uden for deres egen forvaltning: "
        f"alle mentorer er fra {department}, og programmet går på tværs af organisationen."
    )


def _counted(why: Counter[str | None]) -> str:
    parts = []
    for key, text in _BECAUSE.items():
        if why[key]:
            subject = "1 mentor" if why[key] == 1 else f"{why[key]} mentorer"
            parts.append(f"{subject} {text}" if key != "undgå" else f"{subject} {text} (med mentee)")
    return ", ".join(parts)


def _capacity(people: People, rules: MatchRules) -> list[str]:
    mentees, mentors = len(people.mentees), len(people.mentors)
    most = rules.max_size * mentors
    if mentees > most:
        unit = "i hver gruppe" if rules.group else "hver"
        return [
            f"Der er {mentees} mentees, men de {mentors} mentorer kan højst tage {rules.max_size} {unit} "
            f"({most} i alt). Find flere mentorer" + (", eller hæv grænsen med --højst." if not rules.group else ".")
        ]
    if rules.group and mentees < rules.min_size:
        return [f"Der er kun {mentees} mentees, men en gruppe skal have mindst {rules.min_size}."]
    return []


def _departments(people: People, rules: MatchRules) -> list[str]:
    """Hall's condition by department: its mentees need places with mentors from elsewhere."""
    if not rules.cross_organisational:
        return []
    reasons = []
    counts = Counter(_key(m.department) for m in people.mentees)
    names = {_key(m.department): m.department for m in people.mentees}
    for dept, count in sorted(counts.items()):
        others = [m for m in people.mentors if _key(m.department) != dept]
        places = len(others) * rules.max_size
        if others and count > places:
            reasons.append(
                f"{count} mentees fra {names[dept]} skal have en mentor uden for deres egen forvaltning, men de "
                f"{len(others)} mentorer fra andre forvaltninger kan højst tage {places} i alt."
            )
    return reasons


def _genders(people: People, rules: MatchRules) -> list[str]:
    missing = [m.id for m in people.mentees if not m.gender]
    if missing:
        return [f"Grupperne skal have ét køn, men køn mangler for {', '.join(missing)}."]
    reasons = []
    needed = 0
    for gender, count in sorted(Counter(m.gender for m in people.mentees).items()):
        if count < rules.min_size:
            reasons.append(
                f"{count} mentees med køn '{gender}' kan ikke danne en gruppe alene: grupperne skal have ét køn "
                f"og mindst {rules.min_size} mentees."
            )
        needed += math.ceil(count / rules.max_size)
    if not reasons and needed > len(people.mentors):
        reasons.append(f"Grupper med ét køn kræver mindst {needed} mentorer, men der er {len(people.mentors)}.")
    return reasons


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
