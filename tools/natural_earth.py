"""Regenerate briefgen/data/countries.json from the Natural Earth 1:110m country outlines.

The outlines come from a package registry, never from the web: the geopandas 0.14.4 wheel on
PyPI ships Natural Earth's `ne_110m_admin_0_countries` as `naturalearth_lowres`. Run

    python tools/natural_earth.py            # downloads the wheel with pip into a temp folder
    python tools/natural_earth.py WHEEL.whl  # or converts a wheel you already have

and commit the changed JSON. Natural Earth data is in the public domain.
"""

from __future__ import annotations

import itertools
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parent.parent / "briefgen" / "data" / "countries.json"
PRECISION = 2  # decimal degrees: about 1 km, far finer than the 1:110m outlines


def fetch_wheel(folder: Path) -> Path:
    """Download the geopandas wheel with pip, without its dependencies."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", WHEEL, "-d", str(folder)],
        check=True,
        timeout=300,
    )
    return next(folder.glob("geopandas-*.whl"))


def read_polygons(shp: bytes) -> list[list[list[tuple[float, float]]]]:
    """Read every record of a polygon shapefile as a list of rings."""
    records = []
    offset = 100
    while offset < len(shp):
        _, length = struct.unpack(">ii", shp[offset : offset + 8])
        body = shp[offset + 8 : offset + 8 + length * 2]
        offset += 8 + length * 2
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type != 5:
            records.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44 : 44 + 4 * n_parts]))
        start = 44 + 4 * n_parts
        flat = struct.unpack(f"<{2 * n_points}d", body[start : start + 16 * n_points])
        points = list(zip(flat[::2], flat[1::2], strict=True))
        bounds = [*parts, n_points]
        records.append([points[a:b] for a, b in itertools.pairwise(bounds)])
    return records


def read_names(dbf: bytes, field: str) -> list[str]:
    """Read one text field of every record of a dBase file."""
    n_records, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields: list[tuple[str, int, int]] = []
    pos, at = 32, 1  # each record starts with a deletion flag byte
    while dbf[pos] != 0x0D:
        name = dbf[pos : pos + 11].split(b"\0")[0].decode()
        size = dbf[pos + 16]
        fields.append((name, at, size))
        at += size
        pos += 32
    _, start, size = next(f for f in fields if f[0] == field)
    out = []
    for i in range(n_records):
        rec = dbf[header_len + i * record_len : header_len + (i + 1) * record_len]
        out.append(rec[start : start + size].decode("utf-8", "replace").strip())
    return out


def simplify(ring: list[tuple[float, float]]) -> list[list[float]]:
    """Round a ring's points and drop the ones that round onto their neighbour."""
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, PRECISION), round(y, PRECISION)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def convert(wheel: Path) -> dict[str, object]:
    """Turn the wheel's shapefile into {source, countries: [{name, iso3, rings}]}."""
    with zipfile.ZipFile(wheel) as archive:
        shp = archive.read(MEMBER + ".shp")
        dbf = archive.read(MEMBER + ".dbf")
    names = read_names(dbf, "name")
    codes = read_names(dbf, "iso_a3")
    countries = []
    for name, code, rings in zip(names, codes, read_polygons(shp), strict=True):
        kept = [r for r in (simplify(ring) for ring in rings) if len(r) >= 4]
        countries.append({"name": name, "iso3": code, "rings": kept})
    countries.sort(key=lambda c: str(c["name"]))
    return {
        "source": "Natural Earth 1:110m admin 0 countries (public domain), "
        f"as shipped in the {WHEEL} wheel on PyPI",
        "countries": countries,
    }


def main(argv: list[str]) -> None:
    """Convert the given wheel, or one downloaded now, into briefgen/data/countries.json."""
    with tempfile.TemporaryDirectory() as tmp:
        wheel = Path(argv[0]) if argv else fetch_wheel(Path(tmp))
        data = convert(wheel)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(text):,} bytes, {len(data['countries'])} countries)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main(sys.argv[1:])
