"""Match suggestions for `mentor match`: pairs with scipy, groups with OR-Tools CP-SAT.

Hard rules (from the pamphlets and the programme) are never broken: a mentor is never
the nearest manager of a mentee in the pair or group; pairs and groups cross the
organisation when the programme says so; `undgå` is respected; group sizes keep to
the programme's bounds; no mentee in a group manages another; groups can be of one
gender. Soft preferences only rank the suggestions that keep every hard rule: shared
topics, a spread of departments in a group and an even load on the mentors.

Why two solvers: one-to-one pairing is an assignment problem, which
`scipy.optimize.linear_sum_assignment` solves exactly in milliseconds. Groups add
rules between mentees (nobody manages a groupmate, one gender, size bounds), which an
assignment solver cannot express; CP-SAT can, and still answers in seconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..loading.signups import Candidate
from .reasons import diagnose
from .rules import Match, MatchRules, People, normal

if TYPE_CHECKING:
    from ortools.sat.python.cp_model import CpModel, CpSolver, IntVar, LinearExpr, LinearExprT

TOPIC_WEIGHT = 10  # one shared topic outweighs…
SLOT_WEIGHT = 4  # …taking one more mentee than another mentor, and…
DEPARTMENT_WEIGHT = 6  # …a second mentee from the same department in a group
SIZE_WEIGHT = 2  # per mentee away from the typical group size
FORBIDDEN = 10**6


class Infeasible(Exception):
    """No suggestion can keep every hard rule; `reasons` say which rule fails for whom, in Danish."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("\n".join(reasons))
        self.reasons = reasons


def shared_topics(one: Candidate, other: Candidate) -> list[str]:
    """The topics both have, sorted."""
    return sorted(one.topics & other.topics)


def suggest(candidates: list[Candidate], rules: MatchRules) -> list[Match]:
    """The best suggestion that keeps every hard rule; raise Infeasible with reasons when none does."""
    people = People(candidates)
    reasons = diagnose(people, rules)
    if reasons:
        raise Infeasible(reasons)
    return suggest_groups(people, rules) if rules.group else suggest_pairs(people, rules)


def suggest_pairs(people: People, rules: MatchRules) -> list[Match]:
    """One mentor per mentee by an optimal assignment; a mentor takes up to `rules.max_size`."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    base = np.array(
        [[_pair_cost(people, mentor, mentee, rules) for mentor in people.mentors] for mentee in people.mentees]
    )
    cost = np.hstack([base + SLOT_WEIGHT * slot for slot in range(rules.max_size)])
    rows, cols = linear_sum_assignment(cost)
    stuck = [people.mentees[r] for r, c in zip(rows, cols, strict=True) if cost[r, c] >= FORBIDDEN]
    if stuck:
        raise Infeasible(_stuck(stuck))
    chosen: dict[str, list[Candidate]] = {}
    for r, c in zip(rows, cols, strict=True):
        chosen.setdefault(people.mentors[c % len(people.mentors)].id, []).append(people.mentees[r])
    return [Match(m, tuple(chosen[m.id])) for m in people.mentors if m.id in chosen]


def _pair_cost(people: People, mentor: Candidate, mentee: Candidate, rules: MatchRules) -> float:
    if people.blocked(mentor, mentee, rules):
        return FORBIDDEN
    return -TOPIC_WEIGHT * len(shared_topics(mentor, mentee))


def _stuck(mentees: Iterable[Candidate]) -> list[str]:
    ids = ", ".join(m.id for m in mentees)
    return [
        f"Reglerne kan ikke holdes for alle på én gang: {ids} kan ikke få en tilladt mentor, når de andre har fået "
        "deres. Der er for få mentorer fra andre forvaltninger, uden lederforhold og uden undgå til netop dem; "
        "find flere mentorer, eller løsn et undgå."
    ]


def suggest_groups(people: People, rules: MatchRules) -> list[Match]:
    """Groups of mentees, one per mentor, by CP-SAT; mentors without a group are left out."""
    from ortools.sat.python import cp_model

    model, x = _group_model(people, rules)
    fallback = _hint(model, x, _start(people, rules), rules.seconds / 4)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = rules.seconds
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 1
    status = solver.solve(model)
    if status == cp_model.UNKNOWN and fallback is not None:
        return _groups_from(fallback, x, people)  # out of time: the completed first suggestion keeps every rule
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise Infeasible(_group_failure(status == cp_model.INFEASIBLE, rules))
    return _groups_from(solver, x, people)


def _group_model(people: People, rules: MatchRules) -> tuple[CpModel, dict[tuple[int, int], IntVar]]:
    """The CP-SAT model: x[i, g] is true when mentee i is in mentor g's group; blocked pairs have no x."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    mentors = range(len(people.mentors))
    x = {
        (i, g): model.new_bool_var(f"x{i}_{g}")
        for i, mentee in enumerate(people.mentees)
        for g, mentor in enumerate(people.mentors)
        if not people.blocked(mentor, mentee, rules)
    }
    for i in range(len(people.mentees)):
        model.add_exactly_one(x[i, g] for g in mentors if (i, g) in x)
    for i, j in people.conflicts():  # nobody manages, or is to avoid, a groupmate
        for g in (g for g in mentors if (i, g) in x and (j, g) in x):
            model.add_bool_or([~x[i, g], ~x[j, g]])
    terms: list[LinearExprT] = []
    for g in mentors:
        terms += _group(model, people, rules, g, [(i, x[i, g]) for i in range(len(people.mentees)) if (i, g) in x])
    model.maximize(sum(terms))
    return model, x


def _hint(model: CpModel, x: dict[tuple[int, int], IntVar], hint: dict[int, int], seconds: float) -> CpSolver | None:
    """Start CP-SAT from the assignment's suggestion, completed to every variable when it keeps the rules.

    A hint on the choices alone is often dropped by the solver; a complete one is kept
    and improved, so the answer is never worse than the assignment's."""
    from ortools.sat.python import cp_model

    for (i, g), var in x.items():
        model.add_hint(var, hint.get(i) == g)
    first = cp_model.CpSolver()
    first.parameters.fix_variables_to_their_hinted_value = True
    first.parameters.max_time_in_seconds = seconds
    first.parameters.num_workers = 1
    if first.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    model.clear_hints()  # type: ignore[no-untyped-call]
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, first.value(var))
    return first


def _start(people: People, rules: MatchRules) -> dict[int, int]:
    """A first suggestion for CP-SAT to improve: pairs with room for an even share per mentor."""
    share = max(rules.min_size, math.ceil(len(people.mentees) / max(1, len(people.mentors))))
    spread = MatchRules(False, rules.cross_organisational, 1, min(share, rules.max_size), 1)
    try:
        found = suggest_pairs(people, spread)
    except Infeasible:
        return {}
    index = {m.id: i for i, m in enumerate(people.mentees)}
    mentor = {m.id: g for g, m in enumerate(people.mentors)}
    return {index[mentee.id]: mentor[match.mentor.id] for match in found for mentee in match.mentees}


def _group(
    model: CpModel, people: People, rules: MatchRules, g: int, members: list[tuple[int, IntVar]]
) -> list[LinearExprT]:
    """One mentor's group: size bounds and gender as constraints; the objective's terms."""
    from ortools.sat.python import cp_model

    used = model.new_bool_var(f"used{g}")
    size = cp_model.LinearExpr.sum([var for _, var in members])
    model.add(size >= rules.min_size * used)
    model.add(size <= rules.max_size * used)
    if rules.single_gender:
        _one_gender(model, people, members, g)
    mentor = people.mentors[g]
    terms: list[LinearExprT] = [
        TOPIC_WEIGHT * len(shared_topics(mentor, people.mentees[i])) * var for i, var in members
    ]
    return terms + _spread(model, people, members, g, rules, size, used)


def _one_gender(model: CpModel, people: People, members: list[tuple[int, IntVar]], g: int) -> None:
    genders = sorted({people.mentees[i].gender or "" for i, _ in members})
    chosen = {k: model.new_bool_var(f"g{g}_{k}") for k in genders}
    model.add_at_most_one(chosen.values())
    for i, var in members:
        model.add_implication(var, chosen[people.mentees[i].gender or ""])


def _spread(
    model: CpModel,
    people: People,
    members: list[tuple[int, IntVar]],
    g: int,
    rules: MatchRules,
    size: LinearExpr,
    used: IntVar,
) -> list[LinearExprT]:
    """Penalties: more than one mentee from a department, and a size away from the typical."""
    penalties: list[LinearExprT] = []
    departments: dict[str, list[IntVar]] = {}
    for i, var in members:
        departments.setdefault(normal(people.mentees[i].department), []).append(var)
    for d, (_, found) in enumerate(sorted(departments.items())):
        if len(found) > 1:
            extra = model.new_int_var(0, len(found), f"d{g}_{d}")
            model.add(extra >= sum(found) - 1)
            penalties.append(-DEPARTMENT_WEIGHT * extra)
    away = model.new_int_var(0, max(rules.max_size, rules.typical), f"s{g}")
    model.add(away >= size - rules.typical * used)
    model.add(away >= rules.typical * used - size)
    return [*penalties, -SIZE_WEIGHT * away]


def _group_failure(proven: bool, rules: MatchRules) -> list[str]:
    if proven:
        gender = ", ét køn pr. gruppe" if rules.single_gender else ""
        return [
            "Ingen fordeling i grupper holder alle reglerne på én gang: gruppestørrelse, ingen mentor som "
            f"nærmeste leder, ingen mentee som leder for en anden i gruppen{gender} og undgå. "
            "Find flere mentorer, eller løsn et undgå."
        ]
    return [
        f"Der blev ikke fundet en fordeling inden for {rules.seconds:g} sekunder. Prøv igen med mere tid, fx --tid 30."
    ]


def _groups_from(solver: CpSolver, x: dict[tuple[int, int], IntVar], people: People) -> list[Match]:
    members: dict[int, list[Candidate]] = {}
    for (i, g), var in x.items():
        if solver.boolean_value(var):
            members.setdefault(g, []).append(people.mentees[i])
    return [Match(people.mentors[g], tuple(found)) for g, found in sorted(members.items())]


def pair_capacity(mentees: int, mentors: int, most: int | None) -> int:
    """How many mentees a mentor may take in a one-to-one round: `most`, or as few as possible."""
    return most or max(1, math.ceil(mentees / max(1, mentors)))
