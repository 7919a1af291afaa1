"""Days of an event from the publication date and time words (kit/event_dates.py)."""
from datetime import date

import pytest

from kit.event_dates import event_window, first_window, publication_date

PUBLISHED = date(2021, 3, 9)  # a Tuesday


@pytest.mark.parametrize("text, start, end", [
    ("on Tuesday", "2021-03-09", "2021-03-09"),
    ("late Saturday", "2021-03-06", "2021-03-06"),
    ("last Tuesday", "2021-03-02", "2021-03-02"),
    ("Sundays raid", "2021-03-07", "2021-03-07"),          # apostrophe stripped
    ("overnight", "2021-03-08", "2021-03-09"),
    ("two days ago", "2021-03-07", "2021-03-07"),
    ("over the past three days", "2021-03-06", "2021-03-09"),
    ("earlier this week", "2021-03-08", "2021-03-09"),
    ("last month", "2021-02-01", "2021-02-28"),
    ("on 5 March", "2021-03-05", "2021-03-05"),
    ("on December 30", "2020-12-30", "2020-12-30"),       # a day after publication is last year's
    ("since January 4", "2021-01-04", "2021-03-09"),
    ("in 2019", "2019-01-01", "2019-12-31"),
])
def test_windows(text, start, end):
    window = event_window(text, PUBLISHED)
    assert (window.start.isoformat(), window.end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["they may return", "a statement", "", None])
def test_no_time_words(text):
    assert event_window(text, PUBLISHED) is None


def test_a_publication_stamp_dates_nothing():
    assert first_window("Published on 2 May 2019. Shelling killed four on Sunday.", PUBLISHED).start == date(2021, 3, 7)


def test_publication_dates():
    assert publication_date("2024-12-01T05:19:00-05:00") == date(2024, 12, 1)
    assert publication_date(None) is None and publication_date("yesterday") is None
