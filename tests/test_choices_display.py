"""get_FOO_display reads a dictionary built once, and still translates."""

from django.utils import translation

from scans.models import Signaal


def test_it_gives_the_label_in_the_language_of_the_moment():
    signaal = Signaal(soort=Signaal.Soort.values[0], rubricering="openbaar")
    labels = {}
    for language in ("en", "nl"):
        with translation.override(language):
            labels[language] = signaal.get_soort_display()
            assert labels[language] == str(Signaal.Soort.choices[0][1])
    assert signaal.get_rubricering_display()


def test_an_unknown_value_shows_as_itself():
    assert Signaal(soort="no-such-kind").get_soort_display() == "no-such-kind"
