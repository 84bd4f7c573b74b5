"""Every page type at 320, 390 and 1280 px: a screenshot into the test's folder, nothing
wider than the viewport, no table that scrolls sideways, and chart text of at least 12 px
that keeps clear of the gridlines. Layout does not depend on JavaScript (it only adds
behaviour), so these run with it on; the JS-off views are axe-checked in the page tests.
"""

import pytest

from .conftest import describe
from .test_team_journey import SINGLE_LINK, journey, signed_in, team_pages  # noqa: F401 - journey is a fixture

WIDTHS = (320, 390, 1280)
PUBLIC_PAGES = {
    "home": "/",
    "home (English)": "/en/",
    "selfcheck start": "/selbstcheck/",
    "field of action": "/selbstcheck/handlungsfelder/teilhabe/",
    "method": "/selbstcheck/methodik/",
    "municipality search": "/kommunen/?q=Berg",
    "municipality": "/kommunen/09174/",
    "Land": "/kommunen/09/",
    "model municipalities": "/modellkommunen/",
    "model municipalities (English)": "/en/modellkommunen/",
    "knowledge": "/wissen/",
    "practice examples": "/praxisbeispiele/",
    "events": "/veranstaltungen/",
    "site search": "/suche/?q=Beirat",
    "support": "/unterstuetzung/",
    "standard page": "/barrierefreiheit/",
    "barrier report": "/barriere-melden/",
    "not found": "/gibt-es-nicht/",
}
TEAM_PAGES = (
    "team result",
    "closed round",
    "open round",
    "progress",
    "links shown",
    "pre-filled overview",
    "own answers",
)

# Everything that sticks out of the viewport, tables whose content is wider than the
# table (sideways scrolling inside a wrapper), and scrolling wrappers themselves.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const name = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '');
  const visible = el => el.getClientRects().length > 0;
  const wide = [...document.querySelectorAll('main *')]
    .filter(el => visible(el) && el.getBoundingClientRect().right > width + 0.5 && !el.closest('.visually-hidden, .kern-sr-only, thead'))
    .map(name);
  const tables = [...document.querySelectorAll('table')].filter(visible)
    .filter(t => t.scrollWidth > t.clientWidth + 1 || (t.parentElement.scrollWidth > t.parentElement.clientWidth + 1))
    .map(name);
  return {scroll: document.documentElement.scrollWidth - window.innerWidth, wide: [...new Set(wide)].slice(0, 5), tables};
}"""

# Rendered size of every chart and map label: its font size times the SVG's scale.
CHART_TEXT = """() => [...document.querySelectorAll('main svg text')]
  .filter(t => t.textContent.trim() && t.getClientRects().length)
  .map(t => {
    const m = t.getScreenCTM();
    return {text: t.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b)};
  })"""

# Chart labels whose box crosses a gridline (a <line> of the same chart).
GRIDLINE_OVERLAP = """() => {
  const hits = [];
  for (const svg of document.querySelectorAll('main svg.chart')) {
    const lines = [...svg.querySelectorAll('line')].map(l => l.getBoundingClientRect());
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (lines.some(l => l.left < r.right - 1 && l.right > r.left + 1 && l.top < r.bottom - 1 && l.bottom > r.top + 1)) {
        hits.push(t.textContent.trim().slice(0, 30));
      }
    }
  }
  return hits;
}"""


def check_layout(page, name, width, tmp_path):
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= 0 and not found["wide"], f"{name} at {width} px sticks out: {found}"
    assert not found["tables"], f"{name} at {width} px has tables that scroll sideways: {found['tables']}"
    small = [label for label in page.evaluate(CHART_TEXT) if label["px"] < 11.95]
    assert not small, f"{name} at {width} px has chart text below 12 px: {small[:5]}"
    crossing = page.evaluate(GRIDLINE_OVERLAP)
    assert not crossing, f"{name} at {width} px has labels on gridlines: {crossing[:5]}"
    # For a look by eye; taken last, as a full-page shot briefly resizes the viewport.
    page.screenshot(path=tmp_path / f"{name.replace(' ', '-')}-{width}.png", full_page=True)


@pytest.fixture
def results_token(manage):
    return manage("shell", "-c", SINGLE_LINK).strip().splitlines()[-1]


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_fit_the_screen(page, tmp_path, name, width):
    page.set_viewport_size({"width": width, "height": 800})
    assert page.goto(PUBLIC_PAGES[name]).status in (200, 404)
    check_layout(page, name, width, tmp_path)


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_selfcheck_pages_fit_the_screen(page, tmp_path, results_token, width):
    page.set_viewport_size({"width": width, "height": 800})
    for name, suffix in {"overview": "", "field page": "felder/steuerung/", "results": "ergebnis/"}.items():
        assert page.goto(f"/selbstcheck/a/{results_token}/{suffix}").status == 200
        check_layout(page, name, width, tmp_path)


DIALOGUE = """
from weltoffen.dialogue import surveys
from weltoffen.plans import measures
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
assessment, token = answering.start_assessment(municipality=None, title="Dialogprobe")
changes = [(q, AnswerInput(str(n % 4), "")) for n, q in enumerate(assessment.version.questions.all())]
answering.save_answers(assessment=assessment, changes=changes)
survey = surveys.open_survey(assessment=assessment)
for number in range(12):
    answers = {q.key: str((number + i) % 4) for i, q in enumerate(survey.questions.questions)}
    group = ["politik", "zivilgesellschaft", "verwaltung"][number % 3]
    surveys.submit_response(survey=survey, submission=surveys.Submission(group, answers, {"steuerung": "Mehr Austausch"}))
measures.create_measure(assessment=assessment, field_key="steuerung", title="Leitbild mit dem Integrationsbeirat beschließen")
print(token)
"""


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_dialogue_pages_fit_the_screen(page, tmp_path, manage, width):
    token = manage("shell", "-c", DIALOGUE).strip().splitlines()[-1]
    page.set_viewport_size({"width": width, "height": 800})
    pages = {
        "survey results": f"/dialog/{token}/umfrage/",
        "comparison": f"/dialog/{token}/vergleich/",
        "workshop": f"/dialog/{token}/workshop/",
        "workshop field": f"/dialog/{token}/workshop/felder/steuerung/",
        "plan": f"/dialog/{token}/plan/",
    }
    for name, path in pages.items():
        assert page.goto(path).status == 200, path
        check_layout(page, name, width, tmp_path)


@pytest.mark.parametrize("javascript", ["js"], indirect=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_team_pages_fit_the_screen(page, tmp_path, journey, site_server, width):  # noqa: F811 - fixture
    signed_in(page, journey, site_server)
    page.set_viewport_size({"width": width, "height": 800})
    for name in TEAM_PAGES:
        assert page.goto(team_pages(journey)[name]).status == 200
        check_layout(page, name, width, tmp_path)


@pytest.mark.parametrize("language", ["", "/en"])
def test_on_a_phone_the_results_table_stacks_and_stays_accessible(page, axe, results_token, language):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{language}/selbstcheck/a/{results_token}/ergebnis/")
    table = page.locator("table.score-table")
    assert table.evaluate("t => getComputedStyle(t).display") == "block"
    first_cell = table.locator("tbody td").first
    label = first_cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert "Punktwert" in label or "Score" in label
    # Screen readers still meet a table with its column headers.
    assert table.locator("thead th").count() == 7
    violations = axe(page)
    assert violations == [], describe(violations)
    page.emulate_media(media="print")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("width", [320, 1280])
def test_the_model_municipality_map_has_numbered_focusable_markers_and_a_legend(page, axe, language, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{language}/modellkommunen/")
    markers = page.locator("svg.germany-map a")
    assert markers.count() == page.locator(".model-list__items li").count() == 19
    boxes = [markers.nth(i).locator(".germany-map__disc").bounding_box() for i in range(markers.count())]
    overlapping = [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 < a["width"]
    ]
    assert overlapping == []
    assert page.locator(".map-legend li").count() == 3
    # The first Tab stops after the page's own links come the markers; the focus ring shows.
    markers.first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    ring = markers.first.locator(".germany-map__focus")
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    assert ring.evaluate("c => getComputedStyle(c).stroke") != "none"
    assert float(ring.evaluate("c => getComputedStyle(c).strokeWidth").rstrip("px")) >= 4
    violations = axe(page)
    assert violations == [], describe(violations)
