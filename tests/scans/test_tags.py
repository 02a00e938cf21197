"""The index badge: the value as shown decides the band, per language."""

from django.utils import translation

from scans.templatetags.scans_tags import band_badge


def test_the_badge_shows_the_rounded_value_with_its_band_in_dutch():
    with translation.override("nl"):
        assert str(band_badge(92.04)) == (
            '<span class="band band--gemiddeld">92,0 · gemiddeld</span>'
        )
        assert "band--gunstig" in band_badge(109.96)  # shown as 110,0
        assert "110,0" in band_badge(109.96)


def test_the_badge_follows_the_language_and_shows_a_dash_without_a_value():
    with translation.override("en"):
        assert "92.0 · average" in band_badge(92.04)
    with translation.override("nl"):
        assert "92,0 · gemiddeld" in band_badge(92.04)
    for nothing in (None, "", "x", True):
        assert band_badge(nothing) == '<span class="muted">—</span>'
