"""Danish words for the model's values: dates, numbers, hours, model and role names.

Loading needs them for its messages and rendering for its pages, so they sit with the
model, below both.
"""

from __future__ import annotations

import datetime as dt

MONTHS_DA = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip
WEEKDAYS_DA = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

MODEL_NAMES_DA = {
    "one_to_one": "Én til én-mentorordning",
    "group": "Gruppementorordning",
    "digital_network": "Digitalt netværk med løst tilknyttet proceskonsulent",
    "physical_network": "Fysisk netværk med fast tilknyttet proceskonsulent",
}
ROLE_NAMES_DA = {
    "mentor": "mentor",
    "mentee": "mentee",
    "participant": "deltager",
    "coordinator": "tovholder",
    "manager": "nærmeste leder",
    "process_consultant": "proceskonsulent",
    "commissioner": "opdragsgiver",
}
# The definite form a heading needs ("Det kan tovholderne forvente"); mentor and mentee stay bare.
ROLE_DEFINITE_DA = {
    "Mentor": "mentor",
    "Mentee": "mentee",
    "Tovholder": "tovholderne",
    "Nærmeste leder": "den nærmeste leder",
    "Proceskonsulent": "proceskonsulenten",
    "Opdragsgiver": "opdragsgiveren",
}
NUMBERS_DA = ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni"]
ORDINALS_DA = ["", "", "anden", "tredje", "fjerde", "femte", "sjette", "syvende", "ottende", "niende"]
# The first word of a scheme's name and its definite ending: "Mentorordning for ledere" →
# "mentorordningen for ledere".
DEFINITE_ENDINGS = (("ordning", "en"), ("netværk", "et"), ("program", "met"), ("forløb", "et"))


def format_hours(value: float) -> str:
    """3.0 → '3', 1.5 → '1,5' (Danish decimal comma)."""
    return f"{value:g}".replace(".", ",")


def number_words(value: int | float, gender: str = "common") -> str:
    """Numbers under ten in words, as Danish running text wants: 6 → 'seks', 1 → 'én'/'ét'."""
    if isinstance(value, float) and not value.is_integer():
        return format_hours(value)
    number = int(value)
    if number == 1:
        return "ét" if gender == "neuter" else "én"
    return NUMBERS_DA[number] if 0 <= number < 10 else str(number)


def hours_range(low: float, high: float) -> str:
    """'en til to timer', or one value when both ends are equal: 'tre timer'."""
    first = NUMBERS_DA[int(low)] if float(low).is_integer() and low < 10 else format_hours(low)
    last = NUMBERS_DA[int(high)] if float(high).is_integer() and high < 10 else format_hours(high)
    unit = "time" if high == 1 else "timer"
    return f"{last} {unit}" if low == high else f"{first} til {last} {unit}"


def every_weeks(low: int, high: int) -> str:
    """'hver anden til fjerde uge', 'hver sjette uge', 'hver uge'."""

    def word(n: int) -> str:
        return ORDINALS_DA[n] if 2 <= n < 10 else f"{n}."

    if high == 1:
        return "hver uge"
    return f"hver {word(high)} uge" if low == high else f"hver {word(low)} til {word(high)} uge"


def definite_name(name: str) -> str:
    """A scheme's name in the definite form for running text: 'Gruppementorordning' → 'gruppementorordningen'."""
    first, _, rest = name.partition(" ")
    for noun, ending in DEFINITE_ENDINGS:
        if first.lower().endswith(noun):
            return " ".join(part for part in (first[0].lower() + first[1:] + ending, rest) if part)
    return f"ordningen »{name}«"


def format_date(value: dt.date) -> str:
    """A date in Danish long form: 'torsdag 4. marts 2027'."""
    return f"{WEEKDAYS_DA[value.weekday()]} {value.day}. {MONTHS_DA[value.month - 1]} {value.year}"
