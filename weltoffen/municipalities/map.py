"""SVG maps of Germany from the BKG outlines of the 16 Länder and the 400 Kreise, drawn on the server.

The outlines are projected (equirectangular, scaled by the cosine of the central
latitude, which is accurate enough at this scale) and simplified with
Ramer–Douglas–Peucker, so the inline SVG stays a few dozen kilobytes. Computed once
per process.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LAENDER_FILE = Path(__file__).resolve().parent / "data" / "laender.geojson"
KREISE_FILE = Path(__file__).resolve().parent / "data" / "kreise.geojson"
WIDTH = 560
LON_MIN, LON_MAX, LAT_MIN, LAT_MAX = 5.8, 15.1, 47.2, 55.1
COS_LAT = math.cos(math.radians(51.2))
SCALE = WIDTH / ((LON_MAX - LON_MIN) * COS_LAT)
HEIGHT = round((LAT_MAX - LAT_MIN) * SCALE)
TOLERANCE = 0.9  # pixels
KREIS_TOLERANCE = 1.5
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


def ring_path(ring, tolerance: float = TOLERANCE) -> str:
    points = [project(lon, lat) for lon, lat in ring]
    if ring_area(points) < MIN_RING_AREA:
        return ""
    # Split closed rings so simplification keeps at least a triangle.
    half = len(points) // 2
    points = simplify(points[: half + 1], tolerance)[:-1] + simplify(points[half:], tolerance)
    if len(points) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


def land_paths() -> list[dict]:
    """[{"ags", "name", "d"}] for the 16 Länder."""
    return outline_paths(LAENDER_FILE, TOLERANCE)


def kreis_paths() -> list[dict]:
    """[{"ags", "name", "d"}] for the 400 Kreise and kreisfreie Städte (five-digit AGS)."""
    # Coarser: 400 small outlines at the Länder's precision would weigh about 190 kB.
    return outline_paths(KREISE_FILE, KREIS_TOLERANCE)


@cache
def outline_paths(path: Path, tolerance: float) -> list[dict]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    paths = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        d = "".join(ring_path(ring, tolerance) for polygon in polygons for ring in polygon)
        properties = feature["properties"]
        paths.append({"ags": properties.get("ags"), "name": properties.get("name") or properties.get("gen"), "d": d})
    return paths


def point(latitude, longitude) -> tuple[float, float]:
    x, y = project(float(longitude), float(latitude))
    return round(x, 1), round(y, 1)


# Numbered markers: big enough that the number is still about 12 px on a 320 px screen,
# where the map is drawn at roughly half its size.
MARKER_RADIUS = 18
MARKER_GAP = 4  # between two markers, so their white rims do not touch
MARKER_DISTANCE = 2 * MARKER_RADIUS + MARKER_GAP


def separate(
    points: list[tuple[float, float]],
    *,
    distance: float = MARKER_DISTANCE,
    width: float = WIDTH,
    height: float = HEIGHT,
) -> list[tuple[float, float]]:
    """Marker positions, in the same order, no two closer than `distance`, all inside the map.

    Markers are placed one after the other. A marker that fits where it is stays there;
    otherwise it takes the first free place on rings of radius distance, 2 × distance, …
    around its point, trying first the side facing away from the markers in its way. The
    result depends only on the input, so the page looks the same on every request.
    """
    margin = distance / 2
    placed: list[tuple[float, float]] = []
    for x, y in points:
        placed.append(
            _free_place(x, y, placed, distance=distance, box=(margin, margin, width - margin, height - margin))
        )
    return placed


def _free_place(x, y, placed, *, distance, box) -> tuple[float, float]:
    left, top, right, bottom = box

    def fits(cx, cy):
        inside = left <= cx <= right and top <= cy <= bottom
        return inside and all(math.hypot(cx - px, cy - py) >= distance for px, py in placed)

    if fits(x, y):
        return x, y
    blockers = [(px, py) for px, py in placed if math.hypot(x - px, y - py) < distance]
    if blockers:
        centre_x = sum(px for px, _ in blockers) / len(blockers)
        centre_y = sum(py for _, py in blockers) / len(blockers)
        away = math.atan2(y - centre_y, x - centre_x)
    else:  # only the map's edge is in the way: move towards the middle
        away = math.atan2((top + bottom) / 2 - y, (left + right) / 2 - x)
    # Each ring has six places more than the one inside it, about one marker apart; a ring
    # is full only if at least a third as many markers block it, so 2n + 2 rings always
    # leave room for n markers away from the map's edge.
    for ring in range(1, 2 * len(placed) + 3):
        count = 6 * ring
        angles = sorted(
            (away + 2 * math.pi * step / count for step in range(count)),
            key=lambda angle: (abs(math.remainder(angle - away, 2 * math.pi)), angle),
        )
        for angle in angles:
            # Rounded before the check, so the SVG's one decimal cannot bring two markers closer.
            cx, cy = round(x + ring * distance * math.cos(angle), 1), round(y + ring * distance * math.sin(angle), 1)
            if fits(cx, cy):
                return cx, cy
    raise ValueError("The map has no room for this many markers.")


@dataclass(frozen=True)
class Marker:
    """A numbered marker at (x, y); (place_x, place_y) is where the municipality lies."""

    number: int
    x: float
    y: float
    place_x: float
    place_y: float

    @property
    def moved(self) -> bool:
        return (self.x, self.y) != (self.place_x, self.place_y)


def numbered_markers(places: list[tuple]) -> list[Marker]:
    """places: (latitude, longitude) in list order → markers numbered 1, 2, … apart from each other.

    The earlier places keep their spot and the later ones move aside, so order the most
    important first.
    """
    points = [point(latitude, longitude) for latitude, longitude in places]
    return [
        Marker(number, x, y, place_x, place_y)
        for number, ((place_x, place_y), (x, y)) in enumerate(zip(points, separate(points), strict=True), start=1)
    ]
