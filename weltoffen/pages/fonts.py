"""The web fonts of the site: KERN's Fira Sans, cut down to the characters German and
English pages need.

The npm package ships every weight with its full character set (about 135 kB each);
a first visit loaded three of them, about 400 kB. Subset to Latin with the extended-A
block (names such as "Łódź" or "Çelik") and the punctuation and signs the texts use,
a weight is about 21 kB. Characters outside the subset fall back to the next font of
the stack, because each face declares its `unicode-range`.

Built by `manage.py build_fonts` in `make setup`; the PDFs embed the full fonts, which
WeasyPrint subsets per document itself.
"""

import io
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

# (file in the npm package, CSS weight, CSS style): the weights the stylesheets use.
FACES = (
    ("Regular", 400, "normal"),
    ("Italic", 400, "italic"),
    ("Medium", 500, "normal"),
    ("SemiBold", 600, "normal"),
    ("Bold", 700, "normal"),
)
# Latin-1 and Latin Extended-A, Romanian commas, general punctuation („ “ – — … •),
# Σ of the method's formula, ≈ ≤ ≥ −, arrows, € and ™.
UNICODE_RANGE = (
    "U+0000-017F, U+0218-021B, U+03A3, U+2000-206F, U+20AC, U+2122, U+2190-2193, U+2212, U+2248, U+2264-2265"
)
# Kerning, ligatures and tabular figures (the score tables align their numbers).
LAYOUT_FEATURES = ["kern", "liga", "calt", "tnum", "lnum", "case"]
STYLESHEET = "fonts.css"


def file_name(weight: int, style: str) -> str:
    return f"FiraSans-{weight}{'-italic' if style == 'italic' else ''}.woff2"


def subset_face(source: Path) -> bytes:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = LAYOUT_FEATURES
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODE_RANGE.replace("U+", "")))
    subsetter.subset(font)
    output = io.BytesIO()
    font.flavor = "woff2"
    font.save(output)
    return output.getvalue()


def stylesheet() -> str:
    return "\n".join(
        "@font-face {\n"
        '  font-family: "Fira Sans";\n'
        f'  src: url("{file_name(weight, style)}") format("woff2");\n'
        f"  font-weight: {weight};\n"
        f"  font-style: {style};\n"
        "  font-display: swap;\n"
        f"  unicode-range: {UNICODE_RANGE};\n"
        "}\n"
        for _name, weight, style in FACES
    )


def build(source_dir: Path, target_dir: Path) -> list[Path]:
    """Write the subset faces and their stylesheet into `target_dir`; returns the files written."""
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, weight, style in FACES:
        target = target_dir / file_name(weight, style)
        target.write_bytes(subset_face(source_dir / f"FiraSans-{name}.woff2"))
        written.append(target)
    sheet = target_dir / STYLESHEET
    sheet.write_text(stylesheet(), encoding="utf-8")
    return [*written, sheet]
