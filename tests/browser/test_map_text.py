"""A straatcluster whose name holds markup shows that name as plain text.

The finding: the map handed area names to Leaflet's bindTooltip as HTML, so
a name with <img>, <b> and a link to another site rendered as markup (the
Content-Security-Policy stops scripts, not a phishing link).
"""

from scans.models import Gebied
from tests.browser.conftest import a11y, login
from tests.browser.test_scans import demo_data  # noqa: F401 (fixture)
from tests.scans.factories import square

NAME = (
    '<img src="/static/img/favicon.svg" alt="x"><b>Vet</b>'
    '<a href="https://evil.example/">Log opnieuw in</a>'
)


def test_a_cluster_name_with_markup_is_shown_as_text_in_its_tooltip(
    page,
    live_server,
    medewerker,
    demo_data,  # noqa: F811
):
    buurt = Gebied.objects.filter(level=Gebied.Level.BUURT).first()
    cluster = Gebied.objects.create(
        code="SC-990",
        name=NAME,
        level=Gebied.Level.STRAATCLUSTER,
        parent=buurt.parent,
        # Apart from the other areas, so nothing lies on top of it.
        geometry=square(4.70, 51.84),
    )
    login(page, live_server, medewerker)
    a11y(page)
    page.goto(f"{live_server.url}/gebieden/")
    a11y(page)
    outline = page.locator('#kaart path[stroke-dasharray="6 4"]')
    outline.first.wait_for()
    for i in range(outline.count()):
        outline.nth(i).hover(force=True)
    tooltip = page.locator(".leaflet-tooltip", has_text=f"({cluster.code})")
    tooltip.wait_for()
    assert tooltip.inner_text() == f"{NAME} ({cluster.code})"
    assert tooltip.locator("img, b, a").count() == 0
