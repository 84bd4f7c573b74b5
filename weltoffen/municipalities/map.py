"""An SVG map of Germany from the BKG outlines of the 16 Länder, drawn on the server.

The outlines are projected (equirectangular, scaled by the cosine of the central
latitude, which is accurate enough at this scale) and simplified with
Ramer–Douglas–Peucker, so the inline SVG stays a few dozen kilobytes. Computed once
per process.
"""

import json
import math
from functools import cache
from pathlib import Path

LAENDER_FILE = Path(__file__).resolve().parent / "data" / "laender.geojson"
WIDTH = 560
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = 5.8, 15.1, 47.2, 55.1
COS_LAT = math.cos(math.radians(51.2))
SCALE = WIDTH / ((LON_MAX - LON_MIN) * COS_LAT)
HEIGHT = round((LAT_MAX - LAT_MIN) * SCALE)
TOLERANCE = 0.9  # pixels
MIN_RING_AREA = 4.0  # square pixels; smaller islands vanish at this size


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - LON_MIN) * COS_LAT * SCALE, (LAT_MAX - lat) * SCALE


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    start, end = points[0], points[-1]
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy) or 1e-9
    index, distance = 0, 0.0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        d = abs(dy * x - dx * y + end[0] * start[1] - end[1] * start[0]) / length
        if d > distance:
            index, distance = i, d
    if distance <= tolerance:
        return [start, end]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def ring_area(points) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def ring_path(ring) -> str:
    points = [project(lon, lat) for lon, lat in ring]
    if ring_area(points) < MIN_RING_AREA:
        return ""
    # Split closed rings so simplification keeps at least a triangle.
    half = len(points) // 2
    points = simplify(points[: half + 1], TOLERANCE)[:-1] + simplify(points[half:], TOLERANCE)
    if len(points) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


@cache
def land_paths() -> list[dict]:
    """[{"ags", "name", "d"}] for the 16 Länder."""
    collection = json.loads(LAENDER_FILE.read_text(encoding="utf-8"))
    paths = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        d = "".join(ring_path(ring) for polygon in polygons for ring in polygon)
        properties = feature["properties"]
        paths.append({"ags": properties.get("ags"), "name": properties.get("name") or properties.get("gen"), "d": d})
    return paths


def point(latitude, longitude) -> tuple[float, float]:
    x, y = project(float(longitude), float(latitude))
    return round(x, 1), round(y, 1)
