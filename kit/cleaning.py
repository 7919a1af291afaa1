"""Scraped page text → article text: boilerplate out, headline, standfirst, byline and dateline recovered.

The rules are general, not tuned to one site:
0. glued joins are repaired first (kit.joins), and chrome glued to a paragraph's end or start is cut from it
   (wire credits and end marks, "This is a developing story", "Follow her on Twitter …", ad and video markers,
   "Read Also", "(Source: …) Twitter", editor signatures, reference marks such as "[3]" and "[citation needed]");
1. a paragraph that hits the shipped boilerplate lexicon (`data/boilerplate.tsv`) goes when it is short,
   or when it also speaks in the publisher's voice (we/our and you/your outside quotation marks);
2. an outlet's self-promotion goes: a paragraph naming a known outlet and addressing the reader,
   with no reporting verb in it;
3. a reader-addressing paragraph sandwiched between two boilerplate paragraphs goes with them; so do headlines
   listed under a "Related" line, runs of teaser headlines at the top or the foot, a wiki page's end matter
   ("== References ==" to the end) and a press release's closing company profile;
4. the first lines give headline, standfirst, byline and dateline (by shape, dates through dateparser); the
   headline may be shown in other words than the given title, short furniture above it goes, and so does the
   headline repeated further down;
5. inline chrome ("Slideshow (3 Images)") is cut; rows of data tables stay.
Everything cut is kept in `removed` with its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .article import Removed
from .casing import is_shouted, restore_case
from .dates import looks_like_dateline, parse_date
from .joins import repair_joins
from .lexicons import boilerplate_patterns, outlets

__all__ = ["Cleaned", "clean_article", "split_paragraphs", "boilerplate_reason", "looks_like_byline", "headline_variant"]

LONGEST_SHORT_PARAGRAPH = 40  # words: a lexicon hit alone removes a paragraph up to this length
LONGEST_CHROME_PARAGRAPH = 150  # words: longer paragraphs are article text, whatever they contain
HEADER_WINDOW = 6  # paragraphs after the headline searched for standfirst, byline and dateline
HEADLINE_SEARCH = 3  # first kept paragraphs searched for the headline a page shows

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_READER = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?|[Yy]ou|[Yy]ours?|[Yy]ourself)\b")
_MONTHS = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
_PUBLISHER = re.compile(r"\b(?:[Ww]e|us|[Oo]urs?)\b")
_REPORTING = re.compile(r"\b(said|says|told|according to|reported|stated)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_BY = re.compile(r"^\s*by\s+", re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:al|el|as|ash|ad|an|ar|at|az|bin|ibn|abu|de|van|von|der|da|di|la|le|du|dos|del)(?:-[\w'’.-]+)?)$")
_DATE_PREFIX = re.compile(
    r"^(?:(?:published|updated|posted|last updated)(?:\s+on)?:?\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?-i:\s+[A-Z]{2,5}\b)?)?\s+(?=[A-Z\"“])",
    re.I,
)
_WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'.\- ]{1,30}(?:,\s*[A-Z][\w.\- ]{1,30}?)?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\((?:Reuters|AP|AFP|dpa|DPA|Xinhua|UPI|Anadolu|AA|ANI|PTI|Kyodo|Yonhap|EFE|ANSA|TASS|IANS)\)\s*[-–—]+\s*"
    r"|^[A-Z]{3,}(?:[ -][A-Z]{2,})*(?:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?\s*[-–—]{1,2}\s+(?=[A-Z])"
    # teleprinter copy: "CITY, 3 JAN 90 (AGENCY) -- [REPORT] [SOURCE] [TEXT] …" (date, agency, FBIS-style tags)
    r"|^[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?,\s*\d{1,2}\s+[A-Z]{3,9}\.?\s+\d{2,4}"
    r"(?:\s*\([^)]{1,40}\))?\s*[-–—]{1,2}\s*(?:\[[^\]]{1,80}\]\s*)*"
)
_INLINE_CHROME = re.compile(r"\s*(?:Slideshow\s*\(\d+\s+Images?\)|\(Click to enlarge\))", re.I)
# reference marks of wiki pages copied as text: "[12]", "[note 3]", "[citation needed]", "[when?]" (not "give[s]")
_CITATION = re.compile(
    r"\s*\[(?:\d{1,3}|(?:note|nb|n)\s?\d{1,3}|citation needed|clarification needed|better source needed|"
    r"failed verification|verification needed|dubious(?:\s*[–-]\s*discuss)?|unreliable source\??|page needed|"
    r"dead link|permanent dead link|original research\??|edit|(?:who|when|where|which|why|according to whom|by whom)\?)\]")
# markers opening a paragraph they were pasted into ("Advertisement The ministry said …")
_LEADERS = re.compile(
    r"^(?:Advertisement|ADVERTISEMENT|Video\s+\d{1,2}:\d{2}(?:\s+Share)?|Share this (?:article|story)|"
    r"Click to play|Video Loading)\s+(?=[A-Z\"“])")
_TRAILERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("trailer:standards", re.compile(r"\s*Our Standards\s*:.*$", re.I | re.S)),
    ("trailer:credit", re.compile(
        r"(?<=[.!?\"”])\s*\(?(?:(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Produced)\s+by)\b[^\n]{0,250}$")),
    ("trailer:source", re.compile(r"(?<=[.!?\"”])\s*\((?:Source|Via|Photo)\s*:[^)]{1,120}\)(?:\s*\w+)?\s*$", re.I)),
    ("trailer:readmore", re.compile(r"(?<=[.!?\"”)])\s*(?:Read Also|Read More|Related|See Also)\s*:?\s*$", re.I)),
    # a list of other stories pasted after the last sentence, with the credit and the topic line before it
    ("trailer:related", re.compile(
        r"(?<=[.!?\"”])\s+(?:\.\.\.\s+)?(?:Source:?(?:\s+[A-Z][\w.]*){1,3}(?:\s+and\s+agencies)?\s+)?"
        r"(?:(?:\d+\s+)?Topic\s[^\n]{0,120}?\(\d+\)\s+Related\s+(?=[A-Z])|(?<=\.\.\.\s)\d+\s+Related\s+(?=[A-Z])|"
        r"Related\s+(?:News|Coverage|Articles|Stories|Posts|Content)\s+(?=[A-Z\"“]))[^\n]*$")),
    ("trailer:share", re.compile(r"(?<=[.!?\"”)])\s*(?:Twitter|Facebook|WhatsApp|Telegram|Share)\s*$")),
    ("trailer:marker", re.compile(
        r"(?<=[.!?\"”)])\s*(?:Advertisement|ADVERTISEMENT|Enditem|\(End\)|Video\s+\d{1,2}:\d{2}(?:\s+Share)?|"
        r"Share this (?:article|story))\s*$")),
    ("trailer:developing", re.compile(
        r"(?<=[.!?\"”)])\s*(?:This is a developing (?:news )?story|This (?:story|article|report) (?:is developing|"
        r"will be updated|has been updated|is being updated))\b[^\n]{0,120}$", re.I)),
    ("trailer:contributed", re.compile(
        r"(?<=[.!?\"”)])\s*(?:[A-Z][\w.'’&-]*\s){1,6}(?:also\s)?contributed (?:reporting )?to this (?:report|story|article)"
        r"\.?\s*$")),
    ("trailer:follow", re.compile(
        r"(?<=[.!?\"”)])\s*Follow (?:him|her|them|me|us|[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}) (?:on|at) "
        r"(?:Twitter|X|Facebook|Instagram|Threads|Bluesky|@)[^\n]{0,80}$")),
    ("trailer:signature", re.compile(
        r"(?<=[.!?\"”])\s+[A-Z][\w'’-]+(?:[ -][\w'’-]+){0,3}\s*/\s*[A-Z][\w'’-]+(?:\s[\w'’-]+){0,3}\s*$")),
)
# a box of links to other stories set inside the story ("Related Coverage <headlines> <the story goes on>"): the
# headlines run into the next sentence with nothing between them, so the story resumes at a name run before a
# reporting verb in that sentence ("... weapons program Foreign Minister Jane Roe said"), else after it
_RELATED_BOX = re.compile(r"(?<=[.!?\"”])\s+Related\s+(?:Coverage|News|Articles|Stories|Content)\s+(?=[A-Z\"“])")
_PROSE_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”][.!?])\s+(?=[A-Z\"“])")
_SPEAKER_RESUMES = re.compile(
    r"(?<=[a-z0-9] )(?:[A-Z][\w.'’-]*\s){1,6}(?:said|says|told|added|stated|announced|reported)\b")
_CREDIT_NAME = re.compile(r"(?:Reporting|Writing)\s+by\s+([^;.]+?)(?:\s+in\s+[A-Z][\w ]+)?\s*(?:;|\.|$| Editing| Additional)")


@dataclass(frozen=True)
class Cleaned:
    """The article text and what the page told about it."""

    text: str
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    published: str | None = None
    outlet: str | None = None
    removed: tuple[Removed, ...] = field(default_factory=tuple)
    page_title: str | None = None  # the given title when the page shows its headline in other words
    joins_repaired: int = 0  # glued joins given their space or cut of their marker (see kit.joins)
    case_restored: int = 0  # paragraphs written in capitals given their usual case (see kit.casing)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs: blocks between blank lines, each line its own paragraph unless the block is hard-wrapped."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if len(lines) > 1 and _hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of similar length that mostly run on into the next line (a text wrapped at ~70 columns)."""
    body = lines[:-1]
    run_on = sum(1 for line in body if not _SENTENCE_END.search(line))
    return all(40 <= len(line) <= 100 for line in body) and run_on * 2 > len(body)


def _words(paragraph: str) -> int:
    return len(paragraph.split())


def _reader_address(paragraph: str) -> int:
    return len(_READER.findall(_QUOTED.sub(" ", paragraph)))


def boilerplate_reason(paragraph: str) -> str | None:
    """`boilerplate:<category>` when the paragraph is page chrome by the lexicon, else None."""
    words = _words(paragraph)
    if words > LONGEST_CHROME_PARAGRAPH:
        return None
    for category, pattern in boilerplate_patterns():
        if pattern.search(paragraph):
            if words <= LONGEST_SHORT_PARAGRAPH or _site_speaks(paragraph):
                return f"boilerplate:{category}"
    if words == 1 and re.fullmatch(r"[A-Za-z][\w'’-]*", paragraph.strip()):
        return "boilerplate:fragment"  # a lone word: a menu item, section label or button ("Live", "Burma")
    if _menu_line(paragraph) and not _table_row(paragraph):
        return "boilerplate:navigation"  # "Home | World | Politics | Opinion"
    return None


def _site_speaks(paragraph: str) -> bool:
    """A long paragraph in the publisher's own voice: it addresses the reader and says "we"/"our" (outside
    quotes), and is no interview answer ("A: We are …"). Advice addressed to the reader ("you can sign up
    for a free trial") is article text."""
    unquoted = _QUOTED.sub(" ", paragraph)
    return (_reader_address(paragraph) >= 2 and _PUBLISHER.search(unquoted) is not None
            and not re.match(r"\s*[QA]\s*[:.]", paragraph))


def _menu_line(paragraph: str) -> bool:
    """A row of short items between separators (|, •, ·, double spaces): a menu or a site masthead."""
    items = [i for i in re.split(r"\s*[|•·]\s*|\s{2,}", paragraph.strip()) if i]
    return len(items) >= 3 and all(len(i.split()) <= 4 for i in items) and not _SENTENCE_END.search(paragraph)


def _table_row(paragraph: str) -> bool:
    """A row of a data table as HTML readers write it ("| 1 | Kharkiv | 12 |"): article content, not a menu."""
    line = paragraph.strip()
    return line.startswith("|") and line.endswith("|") and line.count("|") >= 3


def _mentions(paragraph: str, name: str) -> bool:
    """The name occurs as a word; a one-word name ("Time", "Dawn") not at a sentence start, where any word is
    capitalised."""
    for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", paragraph):
        if " " in name or not re.search(r"(?:^|[.!?:\"“”]\s*)$", paragraph[: match.start()]):
            return True
    return False


def _outlet_from_url(url: str | None) -> str | None:
    host = urlparse(url or "").netloc.lower().removeprefix("www.")
    for outlet in outlets():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet.name
    return None


def _outlet_from_chrome(chrome: list[str]) -> str | None:
    """The known outlet the page furniture names most often (it promotes itself there)."""
    counts: dict[str, int] = {}
    for outlet in outlets():
        n = sum(any(_mentions(p, name) for name in outlet.names if len(name) > 3) for p in chrome)
        if n:
            counts[outlet.name] = n
    return max(counts, key=lambda k: (counts[k], len(k))) if counts else None


def looks_like_byline(paragraph: str) -> str | None:
    """The author names when the line is shaped like a byline ("By A B and C D", "A B"), else None."""
    line = paragraph.strip()
    if not line or len(line) > 100 or re.search(r"[.!?:;\"“”]$|\d|[()]", line):
        return None
    names = [n for n in re.split(r"\s*(?:,|&|\band\b|\|)\s*", _BY.sub("", line)) if n]
    if not names:
        return None
    for name in names:
        tokens = name.split()
        if not 2 <= len(tokens) <= 4 or not all(_NAME_TOKEN.match(t) for t in tokens):
            return None
    return _BY.sub("", line).strip()


def _headline_like(paragraph: str) -> bool:
    return 3 <= _words(paragraph) <= 30 and len(paragraph) <= 250 and not paragraph.rstrip().endswith(("?\"", ","))


def _letters(text: str) -> str:
    """Lower-case letters and digits only: headlines compare equal whatever their punctuation and spacing."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _same_text(a: str, b: str) -> bool:
    return _letters(a) == _letters(b)


def _strip_trailers(paragraph: str) -> tuple[str, list[Removed], str | None]:
    """Cut inline chrome from a paragraph; return the rest, what was cut, and a byline found in credits."""
    removed: list[Removed] = []
    byline = None
    for match in _INLINE_CHROME.finditer(paragraph):
        removed.append(Removed(match.group().strip(), "inline:chrome"))
    paragraph = _INLINE_CHROME.sub("", paragraph).strip()
    for match in _CITATION.finditer(paragraph):
        removed.append(Removed(match.group().strip(), "inline:citation"))
    paragraph = _CITATION.sub("", paragraph).strip()
    leader = _LEADERS.match(paragraph)
    if leader:
        removed.append(Removed(leader.group().strip(), "inline:marker"))
        paragraph = paragraph[leader.end():]
    paragraph = _cut_related_box(paragraph, removed)
    changed = True
    while changed and paragraph:
        changed = False
        for reason, pattern in _TRAILERS:
            match = pattern.search(paragraph)
            if match and match.start() > 0:
                cut = match.group().strip()
                removed.append(Removed(cut, reason))
                if reason == "trailer:credit" and byline is None:
                    credit = _CREDIT_NAME.search(cut)
                    byline = credit.group(1).strip() if credit else None
                elif reason == "trailer:signature" and byline is None:
                    byline = cut
                paragraph = paragraph[: match.start()].rstrip()
                changed = True
    return paragraph, removed, byline


def _cut_related_box(paragraph: str, removed: list[Removed]) -> str:
    """Cut a box of related headlines set in the middle of the story, keeping the story after it.

    The box counts as mid-story only when prose follows it: after the sentence the headlines run into, at least
    one more sentence of eight words or more and no "|" separators of a link list (a list at the foot of a page
    stays a trailer, cut to the end by `_TRAILERS`)."""
    box = _RELATED_BOX.search(paragraph)
    if box is None:
        return paragraph
    rest = paragraph[box.end():]
    ends = list(_PROSE_SENTENCE_END.finditer(rest))
    if not ends or "|" in rest:
        return paragraph
    later = _PROSE_SENTENCE_END.split(rest[ends[0].end():])
    if not any(len(s.split()) >= 8 and s.rstrip().endswith((".", "”", '"')) for s in later):
        return paragraph
    speaker = _SPEAKER_RESUMES.search(rest, 0, ends[0].start() + 1)
    resume = speaker.start() if speaker else ends[0].end()
    removed.append(Removed(paragraph[box.start():box.end() + resume].strip(), "inline:related"))
    return paragraph[:box.start()].rstrip() + " " + rest[resume:]


def clean_article(
    body: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> Cleaned:
    """Clean normalised page text. Values given (from a header block or a record) win over recovered ones."""
    paragraphs = split_paragraphs(body)
    repaired: list[Removed] = []  # markers, trailers and inline chrome cut from paragraphs
    joins = 0
    credit = None
    for n, paragraph in enumerate(paragraphs):
        paragraph, markers, count = repair_joins(paragraph)
        paragraph, cut, found = _strip_trailers(paragraph)  # before the lexicon: a glued trailer is not the paragraph
        paragraphs[n] = paragraph
        repaired.extend(markers + cut)
        joins += count
        credit = credit or found
    paragraphs = [_unmark_heading(p) for p in paragraphs if p.strip()]
    reasons: list[str | None] = [boilerplate_reason(p) for p in paragraphs]
    chrome = [p for p, r in zip(paragraphs, reasons) if r]
    outlet = outlet or _outlet_from_url(url) or _outlet_from_chrome(chrome)
    _remove_promotion(paragraphs, reasons, outlet)
    _remove_mastheads(paragraphs, reasons, outlet)
    _remove_related(paragraphs, reasons)
    _remove_end_matter(paragraphs, reasons)
    _remove_teasers(paragraphs, reasons, title)
    _remove_company_profile(paragraphs, reasons)
    _remove_sandwiched(paragraphs, reasons)

    stamped = None  # "Updated: 3 May 2023 10:02 GMT" lines are chrome, and give the date when nothing else does
    for i, reason in enumerate(reasons):
        if reason == "boilerplate:timestamp" and looks_like_dateline(paragraphs[i]):
            reasons[i] = "dateline"
            stamped = stamped or parse_date(paragraphs[i])

    kept = [i for i, r in enumerate(reasons) if r is None]
    title_index, standfirst, found_byline, found_date = _recover_header(paragraphs, reasons, kept, title)
    found_date = found_date or stamped
    found_byline = found_byline or credit
    removed = repaired + [Removed(paragraphs[i], r) for i, r in enumerate(reasons) if r]
    # the headline as the page shows it, when it is a variant of the given title (a site name dropped, reworded)
    shown = paragraphs[title_index].strip() if title_index is not None else None
    headline = shown if shown and not is_shouted(shown) else (title or shown)
    page_title = title.strip() if title and headline and not _same_text(title, headline) else None

    texts: list[str] = []
    wire_cut = None
    case_restored = 0
    for i in kept:
        if reasons[i] is not None:
            continue
        paragraph = paragraphs[i]
        if not texts and i != title_index:
            paragraph, date_cut = _strip_leading_date(paragraph)
            if date_cut:
                removed.append(Removed(date_cut, "dateline"))
                found_date = found_date or parse_date(date_cut)
        if len(texts) < 3 and not wire_cut:
            match = _WIRE_DATELINE.match(paragraph)
            if match and len(paragraph) - match.end() > 20:  # "DUBAI, Jan 5 (Reuters) - " opens wire copy
                wire_cut = match.group().strip()
                removed.append(Removed(wire_cut, "dateline"))
                paragraph = paragraph[match.end():]
        if is_shouted(paragraph):
            paragraph, case_restored = restore_case(paragraph), case_restored + 1
        if not texts and headline and paragraph:
            head, paragraph = _split_headline(paragraph, headline)
            if head:
                texts.append(head)
        if paragraph:
            texts.append(paragraph)

    if title and title.strip() and headline and not (texts and _title_inside(texts[0], headline)):
        texts.insert(0, restore_case(headline.strip()) if is_shouted(headline) else headline.strip())
    return Cleaned(
        text="\n\n".join(texts),
        title=headline.strip() if headline else None,
        page_title=page_title,
        standfirst=standfirst,
        byline=byline or found_byline,
        published=published or found_date,
        outlet=outlet,
        removed=tuple(removed),
        case_restored=case_restored,
        joins_repaired=joins,
    )


def _split_headline(paragraph: str, title: str) -> tuple[str | None, str]:
    """"Nine killed in Aleppo. Six civilians were…" (a record whose text opens with its headline) →
    the headline as a paragraph of its own, so it is not read as part of the first sentence."""
    words = re.findall(r"[A-Za-z0-9]+", title)
    if len(words) < 2:
        return None, paragraph
    pattern = r"\W*".join(re.escape(w) for w in words) + r"[\W]*?[.:!?]?(?=\s|$)"
    match = re.match(pattern, paragraph, re.I)
    if not match or len(paragraph) - match.end() < 20:
        return None, paragraph
    return paragraph[: match.end()].strip(), paragraph[match.end():].strip()


def _title_inside(first: str, title: str) -> bool:
    """The record's text already opens with its headline (perhaps after a date)."""
    return _letters(title) in _letters(first[: len(title) + 80])


def _remove_mastheads(paragraphs: list[str], reasons: list[str | None], outlet: str | None) -> None:
    """The site's name, alone or with its tagline ("GO | Garowe Online – Somali news"), outside the body."""
    names = {n.lower() for o in outlets() for n in o.names if len(n) > 3} | ({outlet.lower()} if outlet else set())
    for i, paragraph in enumerate(paragraphs):
        if reasons[i] or _words(paragraph) > 14 or _SENTENCE_END.search(paragraph):
            continue
        text = paragraph.strip().lower().removeprefix("the ")
        tagline = re.split(r"\s+[|–—-]\s+", paragraph.strip())
        known = any(part.lower().removeprefix("the ") in names for part in tagline)
        if text in names or (len(tagline) > 1 and (known or "|" in paragraph and re.search(r"\bnews\b", text))):
            reasons[i] = "boilerplate:masthead"


def _remove_promotion(paragraphs: list[str], reasons: list[str | None], outlet: str | None) -> None:
    names = {n for o in outlets() for n in o.names if len(n) > 3}
    if outlet:
        names.add(outlet)
    if len(paragraphs) < 3:
        return
    for i, paragraph in enumerate(paragraphs):
        if reasons[i] or _words(paragraph) > LONGEST_CHROME_PARAGRAPH or _REPORTING.search(paragraph):
            continue
        if (_reader_address(paragraph) >= 2 and any(_mentions(paragraph, n) for n in names)
                and (_words(paragraph) <= LONGEST_SHORT_PARAGRAPH or _site_speaks(paragraph))):
            reasons[i] = "boilerplate:promotion"


def _remove_related(paragraphs: list[str], reasons: list[str | None]) -> None:
    """Headlines listed under a "You may also like" / "Related" line go with it."""
    listing = False
    for i, paragraph in enumerate(paragraphs):
        if reasons[i] == "boilerplate:readmore":
            listing = True
        elif listing and reasons[i] is None and _headline_like(paragraph) and not _SENTENCE_END.search(paragraph):
            reasons[i] = "boilerplate:related"
        elif reasons[i] is None:
            listing = False


_WIKI_HEADING = re.compile(r"^\s*(={2,6})\s*([^=].*?)\s*\1\s*$")
_END_MATTER = re.compile(
    r"^\s*(?:={2,6}\s*)?(?:see also|references|notes|notes and references|references and notes|footnotes|citations|"
    r"sources|further reading|external links|bibliography|works cited|literature)\s*(?:={2,6})?\s*:?\s*$", re.I)


def _unmark_heading(paragraph: str) -> str:
    """"== Background ==" (a wiki section heading copied as text) → "Background"; end-matter headings keep their
    marks, so that _remove_end_matter knows them for sure."""
    match = _WIKI_HEADING.match(paragraph)
    if match and not _END_MATTER.match(paragraph):
        return match.group(2)
    return paragraph


def _remove_end_matter(paragraphs: list[str], reasons: list[str | None]) -> None:
    """A wiki page's end matter: from "== References ==" (or "See also", "External links", "Notes", "Further
    reading" …) to the end. A bare heading ("References" on its own line) counts only in the second half of the
    page and when nothing after it is a long paragraph of prose."""
    for i, paragraph in enumerate(paragraphs):
        if not _END_MATTER.match(paragraph):
            continue
        rest = range(i, len(paragraphs))
        marked = paragraph.lstrip().startswith("==")
        if marked or (2 * i >= len(paragraphs) and all(_words(paragraphs[j]) <= 60 for j in rest)):
            for j in rest:
                reasons[j] = reasons[j] or "boilerplate:end_matter"
            return


_PROFILE_CUE = re.compile(
    r"\b(?:is headquartered in|headquartered in [A-Z]|employs (?:around |about |approximately |more than |over |some )?"
    r"[\d,.]+(?: million| thousand)? (?:people|employees|staff)|shares? (?:are|is) (?:listed|traded) on|"
    r"(?:listed|traded) on the [A-Z][\w ]{1,40}(?:Exchange|Nasdaq|NYSE)|for more information,? (?:please )?visit)\b")


def _remove_company_profile(paragraphs: list[str], reasons: list[str | None]) -> None:
    """A press release's closing company profile ("Acme is a leading provider of … Acme is headquartered in Riverton
    and employs 450 staff"): the last kept paragraphs that open with the same name and give a company's
    particulars (headquarters, staff, stock listing)."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    if len(kept) < 4:
        return
    opener = re.compile(r"^((?:[A-Z][\w&'’.-]*\s){1,4})(?:is|has|was|operates|provides|offers)\b")
    run: list[int] = []
    name = None
    for i in reversed(kept):
        match = opener.match(paragraphs[i])
        if not match or (name and match.group(1) != name) or len(run) >= 3:
            break
        name = match.group(1)
        run.append(i)
    if run and len(run) < len(kept) - 2 and any(_PROFILE_CUE.search(paragraphs[i]) for i in run):
        for i in run:
            reasons[i] = "boilerplate:company_profile"


def _teaser_line(paragraph: str) -> bool:
    """A line shaped like a link to another story: a headline (up to 20 words, no sentence end, no list of
    places or dates) in Title Case ("Five Things To Know About The Vote"), with a section prefix
    ("Features | …") or with a tag ("… [VIDEO]")."""
    line = re.sub(r"^[-–•*·]\s+", "", paragraph.strip())
    if (_table_row(line) or not _headline_like(line) or _words(line) > 20 or re.search(r"[.!…\"”:;,]\s*$", line)
            or line.count(",") >= 2 or re.search(r"\s(?:--|–|—|@)\s", line) or re.match(r"\d{1,2}[/.:]\d|" + _MONTHS, line)):
        return False
    if " | " in line or re.search(r"\[[A-Z ]{2,20}\]\W*$", line):
        return True
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _remove_teasers(paragraphs: list[str], reasons: list[str | None], title: str | None) -> None:
    """Lists of links to other stories at the top or the foot of the article: three or more teaser lines in a
    row, after the headline or with nothing but chrome below them."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    if len(kept) < 5:
        return
    start = 1 if kept and (title is None or headline_variant(paragraphs[kept[0]], title)) else 0
    run = []
    for i in kept[start:]:
        if not _teaser_line(paragraphs[i]):
            break
        run.append(i)
    if len(run) >= 3 and len(run) < len(kept) - start:
        for i in run:
            reasons[i] = "boilerplate:related"
    run = []
    for i in reversed(kept[start:]):
        if not _teaser_line(paragraphs[i]):
            break
        run.append(i)
    if len(run) >= 3 and len(run) < len(kept) - start:
        for i in run:
            reasons[i] = "boilerplate:related"


def _remove_sandwiched(paragraphs: list[str], reasons: list[str | None]) -> None:
    changed = True
    while changed:
        changed = False
        for i in range(1, len(paragraphs) - 1):
            if reasons[i] is None and reasons[i - 1] and reasons[i + 1] and _reader_address(paragraphs[i]) >= 1:
                reasons[i] = "boilerplate:block"
                changed = True


def _recover_header(
    paragraphs: list[str], reasons: list[str | None], kept: list[int], title: str | None
) -> tuple[int | None, str | None, str | None, str | None]:
    """Find headline, standfirst, byline and dateline among the first kept paragraphs.

    Byline and dateline paragraphs are marked removed (their values go to metadata); headline and
    standfirst stay in the text. Short lines above the headline (a section label, a date, a reading time)
    are page furniture; the headline repeated further down (a share bar, a caption) goes too.
    """
    if not kept:
        return None, None, None, None
    title_index = _find_headline(paragraphs, reasons, kept, title)
    shown = [paragraphs[title_index]] if title_index is not None else []
    for headline in shown + ([title] if title else []):
        if _words(headline) < 4 or len(_letters(headline)) < 12:
            continue
        for i in kept:
            if i != title_index and reasons[i] is None and _same_text(paragraphs[i], headline):
                reasons[i] = "boilerplate:repeated_headline"
    if title_index is None or len(kept) < 3:
        return title_index, None, None, None
    byline = date = None
    dated = False  # a date line above already cut as a timestamp
    between: list[int] = []
    seen = 0
    for i in range(title_index + 1, len(paragraphs)):
        if reasons[i] == "dateline":
            dated = True
            continue
        if reasons[i] is not None:
            continue
        seen += 1
        if seen > HEADER_WINDOW:
            break
        paragraph = paragraphs[i]
        if date is None and looks_like_dateline(paragraph):
            date = parse_date(paragraph)
            reasons[i] = "dateline"
        elif byline is None and looks_like_byline(paragraph):
            byline = looks_like_byline(paragraph)
            reasons[i] = "byline"
        elif byline is None and date is None and _dated_byline(paragraph):
            date, byline = _dated_byline(paragraph)  # "9:10 AM EST 03/02/2021 by Jane Doe"
            reasons[i] = "dateline"
        elif byline is None and date is None and not dated:
            between.append(i)
        else:
            break
    standfirst = None
    if (byline or date or dated) and between and _words(paragraphs[between[0]]) >= 8:
        standfirst = paragraphs[between[0]]
    return title_index, standfirst, byline, date


def _dated_byline(paragraph: str) -> tuple[str, str] | None:
    """(ISO date, names) of a line that gives a date, then "by" and the author: "3 May 2023 10:02 by Jane Doe"."""
    match = re.match(r"^\s*(.{6,60}?)\s*(?:[|•·–—-]\s*)?\b[Bb]y\s+(.{3,80}?)\s*$", paragraph)
    if not match or not looks_like_dateline(match.group(1)):
        return None
    names = looks_like_byline(match.group(2))
    date = parse_date(match.group(1))
    return (date, names) if names and date else None


def _find_headline(paragraphs: list[str], reasons: list[str | None], kept: list[int], title: str | None) -> int | None:
    """The paragraph that shows the headline: the given title (or a variant of it) among the first kept
    paragraphs, below nothing but short furniture lines; without a title, a headline-shaped first paragraph."""
    if title is None:
        return kept[0] if len(kept) >= 3 and _headline_like(paragraphs[kept[0]]) else None
    for n, i in enumerate(kept[:HEADLINE_SEARCH]):
        if not headline_variant(paragraphs[i], title):
            continue
        above = kept[:n]
        if not all(_furniture_line(paragraphs[j]) for j in above):
            return None
        for j in above:
            reasons[j] = ("dateline" if looks_like_dateline(paragraphs[j]) else
                          "byline" if looks_like_byline(paragraphs[j]) else "boilerplate:above_headline")
        return i
    return None


def _furniture_line(paragraph: str) -> bool:
    """A short line that is no sentence: a section label, a date, a reading time, a breadcrumb."""
    return _words(paragraph) <= 12 and not re.search(r"[.!?…\"”]\s*$", paragraph)


def headline_variant(paragraph: str, title: str) -> bool:
    """The paragraph shows the page's title: the same words, the title without a site name added to it
    ("Rebels take town | Example News"), or a reworded variant sharing most of its words; never a sentence."""
    mine, theirs = _letters(paragraph), _letters(title)
    if mine == theirs:
        return True
    if _words(paragraph) > 40 or re.search(r"[.;,:]\s*$", paragraph) or theirs in mine:
        return False  # a sentence, or the title with more after it (split off by _split_headline)
    if len(mine) >= 12 and mine in theirs and 2 * len(mine) >= len(theirs):
        return True
    a, b = set(re.findall(r"\w+", paragraph.lower())), set(re.findall(r"\w+", title.lower()))
    shared = len(a & b)
    return min(len(a), len(b)) >= 3 and shared >= 0.75 * min(len(a), len(b)) and shared >= 0.5 * max(len(a), len(b))


def _strip_leading_date(paragraph: str) -> tuple[str, str | None]:
    """"Published March 3 2016 A car bomb exploded…" → the sentence, and the date cut from it."""
    match = _DATE_PREFIX.match(paragraph)
    if not match or parse_date(match.group()) is None:
        return paragraph, None
    return paragraph[match.end():], match.group().strip()
