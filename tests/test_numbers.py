"""Property tests for the number reader: formatted numbers round-trip, qualifiers set the right bounds."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kit.extract.numbers import QUALIFIERS, Quantity, parse_number, read_quantity

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
       "seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    """English words for 0 <= n < 1,000,000 (the test's own writer, independent of the reader)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        return ONES[n // 100] + " hundred" + (" and " + words(n % 100) if n % 100 else "")
    return words(n // 1000) + " thousand" + (" " + words(n % 1000) if n % 1000 else "")


@given(st.integers(min_value=0, max_value=10**9))
def test_digits_with_and_without_separators(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=999_999))
def test_number_words(n):
    assert parse_number(words(n)) == n
    assert parse_number(words(n).capitalize()) == n


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["thousand", "million"]))
def test_decimals_with_scale_words(whole, scale):
    factor = {"thousand": 1_000, "million": 1_000_000}[scale]
    assert parse_number(f"{whole}.5 {scale}") == int(whole * factor + factor // 2)


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(QUALIFIERS)))
def test_qualifiers_keep_low_le_best_le_high(n, qualifier):
    q = read_quantity(f"{qualifier} {n:,}")
    assert q is not None and q.best == n and q.qualifier.lower() == qualifier
    low, best, high = QUALIFIERS[qualifier]
    assert (q.low is not None, q.high is not None) == (low, high)
    values = [v for v in (q.low, q.best, q.high) if v is not None]
    assert values == sorted(values)


@given(st.integers(min_value=0, max_value=10**5), st.integers(min_value=1, max_value=10**5))
def test_digit_ranges(low, width):
    high = low + width
    for text in (f"between {low:,} and {high:,}", f"{low} to {high}", f"{low}-{high}"):
        q = read_quantity(text)
        assert (q.low, q.best, q.high) == (low, None, high), text


@given(st.integers(min_value=0, max_value=998), st.integers(min_value=1, max_value=999))
def test_word_ranges(low, width):
    high = min(low + width, 999)
    if high > low:
        q = read_quantity(f"between {words(low)} and {words(high)}")
        assert (q.low, q.best, q.high) == (low, None, high)


@pytest.mark.parametrize("text, expected", [
    ("nearly 1,000", (None, 1000, 1000, "nearly")), ("at least 12", (12, 12, None, "at least")),
    ("about 20", (None, 20, None, "about")), ("four", (4, 4, 4, None)), ("a dozen", (12, 12, 12, None)),
    ("two dozen", (24, 24, 24, None)), ("1.5 million", (1_500_000, 1_500_000, 1_500_000, None)),
    ("dozens", (None, None, None, "dozens")), ("Hundreds of", (None, None, None, "Hundreds")),
    ("hundreds of thousands of", (None, None, None, "hundreds of thousands")),
    ("tens of thousands", (None, None, None, "tens of thousands")),
    ("several", (None, None, None, "several")), ("scores of", (None, None, None, "scores")),
    ("upwards of 300", (300, 300, None, "upwards of")), ("as many as 40", (None, 40, 40, "as many as")),
    ("fewer than 10", (None, 10, 10, "fewer than")), ("some 200", (None, 200, None, "some")),
])
def test_conventions(text, expected):
    q = read_quantity(text)
    assert (q.low, q.best, q.high, q.qualifier) == expected


@pytest.mark.parametrize("text", ["", "the", "2.5", "ten o'clock", "first"])
def test_not_numbers(text):
    assert read_quantity(text) is None


def test_bounds_are_checked():
    with pytest.raises(ValueError):
        Quantity(10, 5, 20)


def test_half_a_dozen_is_six():
    from kit.extract.numbers import read_quantity

    assert read_quantity("half a dozen").best == 6 and read_quantity("a dozen").best == 12
