"""The long select writes the same markup as Django's own select."""

from html.parser import HTMLParser

from django import forms

from core.widgets import LongSelect


class _Form(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "Alle"), ("a", "Één & twee"), ("b", '<b>"x"</b>')]
    )
    long = forms.ChoiceField(
        choices=[("", "Alle"), ("a", "Één & twee"), ("b", '<b>"x"</b>')],
        widget=LongSelect,
    )
    grouped = forms.ChoiceField(
        choices=[("Wijk <1>", [("c", "C"), ("d", "D")]), ("e", "E")],
        widget=LongSelect,
    )
    grouped_plain = forms.ChoiceField(
        choices=[("Wijk <1>", [("c", "C"), ("d", "D")]), ("e", "E")]
    )


class _Parsed(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.items = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, sorted(attrs, key=lambda a: a[0])))

    def handle_data(self, data):
        if data.strip():
            self.items.append(("text", data.strip()))


def _normal(html: str) -> list:
    return _Parsed(html).items


def test_the_markup_equals_djangos_select_escaped_and_selected():
    form = _Form({"plain": "b", "long": "b", "grouped": "d", "grouped_plain": "d"})
    plain = str(form["plain"]).replace("plain", "long")
    assert _normal(form["long"]) == _normal(plain)
    grouped = str(form["grouped_plain"]).replace("grouped_plain", "grouped")
    assert _normal(form["grouped"]) == _normal(grouped)
    assert "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in str(form["long"])
    assert '<option value="b" selected>' in str(form["long"])


def test_an_unbound_form_marks_the_empty_choice_as_django_does():
    form = _Form(initial={"grouped": "e", "grouped_plain": "e"})
    assert _normal(form["long"]) == _normal(str(form["plain"]).replace("plain", "long"))
    grouped = str(form["grouped_plain"]).replace("grouped_plain", "grouped")
    assert _normal(form["grouped"]) == _normal(grouped)
    assert '<option value="" selected>Alle</option>' in str(form["long"])
    assert '<option value="e" selected>E</option>' in str(form["grouped"])
