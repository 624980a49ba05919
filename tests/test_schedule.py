"""Due dates, Danish holidays and the one-to-one rhythm, computed in Copenhagen time."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from macros.loading.schedule import danish_holidays, due_date, is_working_day, local, suggest_dates
from macros.model.programme import RhythmPhase

D = dt.date


@pytest.mark.parametrize(
    "next_meeting, days, expected",
    [
        (D(2027, 3, 18), 2, D(2027, 3, 16)),  # Thursday → Tuesday, nothing to move
        (D(2027, 3, 3), 3, D(2027, 2, 26)),  # across the end of February: Sun 28 Feb → Fri 26 Feb
        (D(2027, 2, 1), 2, D(2027, 1, 29)),  # across the end of January: Sat 30 Jan → Fri 29 Jan
        (D(2028, 3, 2), 2, D(2028, 2, 29)),  # leap year: Tuesday 29 February
        (D(2027, 5, 2), 1, D(2027, 4, 30)),  # Saturday 1 May → Friday 30 April, across a month end
        (D(2028, 1, 3), 2, D(2027, 12, 31)),  # New Year's Day on a Saturday → Friday, into the year before
        (D(2027, 4, 1), 3, D(2027, 3, 24)),  # Easter Monday, Good Friday, Maundy Thursday → Wednesday
        (D(2027, 3, 16), 0, D(2027, 3, 16)),  # due on the meeting day itself
    ],
)
def test_due_date_moves_back_to_the_last_working_day(next_meeting: dt.date, days: int, expected: dt.date) -> None:
    assert due_date(next_meeting, days) == expected
    assert is_working_day(expected)


def test_due_date_can_keep_weekends() -> None:
    assert due_date(D(2027, 3, 2), 2, "keep") == D(2027, 2, 28)


def test_danish_holidays_follow_easter() -> None:
    holidays = danish_holidays(2027)
    easter_2027 = [D(2027, 3, 25), D(2027, 3, 26), D(2027, 3, 28), D(2027, 3, 29)]
    assert set(easter_2027) <= holidays
    assert D(2027, 5, 6) in holidays  # Kristi himmelfartsdag, 39 days after Easter
    assert D(2027, 5, 17) in holidays  # 2. pinsedag
    assert D(2025, 4, 21) in danish_holidays(2025)  # 2. påskedag 2025
    assert D(2027, 4, 23) not in holidays  # store bededag is no longer a holiday


def test_local_times_carry_summer_and_winter_offsets() -> None:
    assert local(D(2027, 2, 16), "17:00").utcoffset() == dt.timedelta(hours=1)
    assert local(D(2027, 5, 11), "17:00").utcoffset() == dt.timedelta(hours=2)
    # The night DST starts: 28 March 2027 is still winter time before 02:00.
    assert local(D(2027, 3, 28), "01:30").utcoffset() == dt.timedelta(hours=1)
    assert local(D(2027, 3, 28), "12:00").utcoffset() == dt.timedelta(hours=2)


PHASES = [
    RhythmPhase(label="Start", from_month=0, interval_weeks_min=2, interval_weeks_max=4),
    RhythmPhase(label="Senere", from_month=3, interval_weeks_min=5, interval_weeks_max=6),
]


def test_rhythm_is_closer_at_the_start_and_wider_later() -> None:
    dates = suggest_dates(D(2027, 1, 11), D(2027, 6, 25), PHASES)
    gaps = [(b - a).days // 7 for a, b in itertools.pairwise(dates)]
    assert dates[0] == D(2027, 1, 11)
    assert gaps == [3, 3, 3, 3, 3, 5]  # every 3rd week for three months, then every 5th
    assert all(day.weekday() == 0 for day in dates)
    assert dates[-1] <= D(2027, 6, 25)


def test_rhythm_moves_a_meeting_off_a_holiday_without_drifting() -> None:
    dates = suggest_dates(D(2027, 1, 25), D(2027, 6, 30), PHASES)
    assert D(2027, 3, 29) not in dates  # Easter Monday
    assert D(2027, 3, 30) in dates  # the next working day
    assert dates[dates.index(D(2027, 3, 30)) + 1] == D(2027, 4, 19)  # back on Mondays afterwards


def test_rhythm_without_phases_is_about_monthly() -> None:
    dates = suggest_dates(D(2027, 9, 6), D(2027, 11, 30), [])
    assert dates == [D(2027, 9, 6), D(2027, 10, 4), D(2027, 11, 1), D(2027, 11, 29)]
