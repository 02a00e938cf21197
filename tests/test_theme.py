"""The theme's colours: every text on its background reads at 4.5:1 (WCAG AA).

static/css/theme.css holds the portal's design tokens. A text colour and its
background are a pair of tokens, "--x-color" and "--x-background-color"; this
test finds every pair, resolves var() within the file and computes the WCAG
2.1 contrast ratio. A new pair (a new band, a new tag) is checked without a
new test; a value the test cannot read fails it, so none slips past.
"""

import re

import pytest

from buurtaanpak.messages import BASE

THEME = BASE / "static" / "css" / "theme.css"
MINIMUM = 4.5
#: Text on the page's own background, where the token is not a pair.
ON_THE_PAGE = [
    "--utrecht-link-color",
    "--utrecht-heading-color",
    "--utrecht-document-color",
    "--utrecht-form-field-error-message-color",
    "--utrecht-form-field-description-color",
]
PAGE_BACKGROUND = "--utrecht-document-background-color"


def tokens() -> dict[str, str]:
    text = re.sub(r"/\*.*?\*/", "", THEME.read_text(), flags=re.DOTALL)
    return dict(re.findall(r"(--[a-z0-9-]+)\s*:\s*([^;]+);", text))


def resolve(name: str, values: dict[str, str], depth: int = 0) -> str:
    value = values[name].strip()
    match = re.fullmatch(r"var\((--[a-z0-9-]+)\)", value)
    if match and depth < 10:
        return resolve(match.group(1), values, depth + 1)
    return value


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", digits), f"not #rrggbb: {hex_colour}"
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def pairs() -> list[tuple[str, str]]:
    values = tokens()
    found = [
        (name[: -len("background-color")] + "color", name)
        for name in values
        if name.endswith("-background-color")
        and name[: -len("background-color")] + "color" in values
    ]
    return found + [(text, PAGE_BACKGROUND) for text in ON_THE_PAGE]


def _opaque(value: str) -> bool:
    return value not in ("transparent", "none")


def test_the_contrast_formula_matches_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#e17000", "#ffffff") < MINIMUM  # the old .flag colour


def test_the_band_colours_are_pairs_in_the_theme():
    names = {text for text, _background in pairs()}
    for band in ("gunstig", "gemiddeld", "ongunstig", "zeer-ongunstig"):
        assert f"--buurtaanpak-band-{band}-color" in names


@pytest.mark.parametrize("text,background", pairs(), ids=lambda n: n.strip("-"))
def test_every_text_colour_reads_on_its_background(text, background):
    values = tokens()
    fg, bg = resolve(text, values), resolve(background, values)
    if not _opaque(bg):
        bg = resolve(PAGE_BACKGROUND, values)
    ratio = contrast(fg, bg)
    assert ratio >= MINIMUM, f"{text} {fg} on {background} {bg}: {ratio:.2f}:1"
