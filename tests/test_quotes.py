from kit.extract.quotes import find_quotes


def inner(text):
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


def test_curly_and_straight():
    text = 'He said “we will hold” and she said "they fled" before noon.'
    assert inner(text) == ["we will hold", "they fled"]


def test_unbalanced_quote_closes_at_paragraph_end():
    text = "He said “we will hold the line.\n\nNext paragraph without quotes."
    quotes = find_quotes(text)
    assert inner(text) == ["we will hold the line."] and not quotes[0].balanced


def test_quote_over_paragraphs():
    text = "“The first part of it.\n\n“The second part,” he said."
    assert inner(text) == ["The first part of it.\n\n“The second part,"]


def test_a_second_opening_mark_closes_the_first():
    assert len(find_quotes("“one two three “four five” six")) == 2


def test_apostrophes_and_inch_marks_are_not_quotes():
    assert inner("It's the group's 5\" gun") == []
