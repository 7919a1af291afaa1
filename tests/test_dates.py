import pytest

from kit.dates import looks_like_dateline, parse_date


@pytest.mark.parametrize(
    "written, iso",
    [
        ("Sunday 01 December 2024 05:19 EST", "2024-12-01T05:19:00-05:00"),
        ("Updated: 14 March 2023 at 10:02 GMT", "2023-03-14T10:02:00+00:00"),
        ("07 November 2016 19:02", "2016-11-07T19:02:00"),
        ("Published February 23 2015", "2015-02-23"),
        ("2/23/15", "2015-02-23"),
        ("2024-12-01T10:19:00+02:00", "2024-12-01T10:19:00+02:00"),
    ],
)
def test_parse_date(written, iso):
    assert parse_date(written) == iso


@pytest.mark.parametrize("line", ["Kareem Chehayeb", "May 2017", "Aleppo", "Updated 2 hours ago", ""])
def test_not_a_full_date(line):
    assert parse_date(line) is None and not looks_like_dateline(line)


def test_long_sentence_with_a_date_is_not_a_dateline():
    assert not looks_like_dateline("The offensive began on 27 November 2024 when insurgents attacked villages west of Aleppo.")
