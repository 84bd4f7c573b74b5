"""Abstract illustrations for demo content, drawn with Pillow: no stock photos, no downloads."""

import io
import math
import random

from PIL import Image, ImageDraw

PALETTES = {
    "blau": ("#0b3d91", "#5b8ee6", "#dce8fb"),
    "gruen": ("#007155", "#4fb38f", "#d9f2e8"),
    "orange": ("#b35900", "#f0a04b", "#fdeedd"),
    "violett": ("#5a2d91", "#a07ad6", "#ece3f8"),
    "petrol": ("#006b8c", "#4cb3cf", "#d8f1f7"),
}
SIZE = (1200, 675)


def draw(motif: str, colour: str, seed: str) -> bytes:
    """A PNG of the motif in the colour; the same seed always gives the same picture."""
    dark, light, background = PALETTES.get(colour, PALETTES["blau"])
    rng = random.Random(seed)  # noqa: S311 - shapes of a picture, not a secret
    image = Image.new("RGB", SIZE, background)
    canvas = ImageDraw.Draw(image)
    width, height = SIZE
    shapes = {
        "dialog": lambda: speech_bubbles(canvas, rng, dark, light),
        "sprechblasen": lambda: speech_bubbles(canvas, rng, dark, light, count=5),
        "netz": lambda: network(canvas, rng, dark, light),
        "puzzle": lambda: network(canvas, rng, dark, light, nodes=6),
    }
    shapes.get(motif, lambda: circles(canvas, rng, dark, light))()
    canvas.rectangle([0, height - 24, width, height], fill=dark)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def speech_bubbles(canvas, rng, dark, light, count=2):
    for index in range(count):
        x = 180 + index * (800 // count) + rng.randint(-40, 40)
        y = 140 + rng.randint(0, 200)
        w, h = rng.randint(320, 460), rng.randint(200, 280)
        colour = dark if index % 2 == 0 else light
        canvas.rounded_rectangle([x, y, x + w, y + h], radius=60, fill=colour)
        canvas.polygon([(x + 70, y + h - 10), (x + 40, y + h + 80), (x + 150, y + h - 10)], fill=colour)


def network(canvas, rng, dark, light, nodes=9):
    points = [(rng.randint(120, 1080), rng.randint(100, 560)) for _ in range(nodes)]
    for i, a in enumerate(points):
        for b in points[i + 1 : i + 3]:
            canvas.line([a, b], fill=light, width=10)
    for x, y in points:
        radius = rng.randint(28, 60)
        canvas.ellipse([x - radius, y - radius, x + radius, y + radius], fill=dark)


def circles(canvas, rng, dark, light):
    for index in range(7):
        angle = index / 7 * 2 * math.pi
        x, y = 600 + 250 * math.cos(angle), 320 + 190 * math.sin(angle)
        radius = rng.randint(70, 130)
        canvas.ellipse([x - radius, y - radius, x + radius, y + radius], outline=dark if index % 2 else light, width=18)
