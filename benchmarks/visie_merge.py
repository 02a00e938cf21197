"""How long the visie's three-way merge and diff take on the largest section.

    .venv/bin/python -m benchmarks.visie_merge

A section may hold 200 KB of Markdown (`MAX_TEXT_BYTES`): some 800 paragraphs
of three sentences. The merge runs inside the section's row lock, so it must
stay far below a second even when everything changed. Prints one line per
case; nothing is written to the database.
"""

import os
import random
import time


def _text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtaanpak.settings")
    import django

    django.setup()
    from visie.models.document import MAX_TEXT_BYTES
    from visie.text import diff, three_way_merge

    rng = random.Random(1)
    words = [
        "de",
        "het",
        "een",
        "buurt",
        "wijk",
        "jeugd",
        "school",
        "plein",
        "samen",
        "veilig",
        "mooi",
        "politie",
        "woonkracht",
        "welzijn",
        "gemeente",
        "bewoners",
    ]

    def paragraph(n: int) -> str:
        return " ".join(
            " ".join(rng.choice(words) for _ in range(12)) + f" {n}-{k}."
            for k in range(3)
        )

    paragraphs = [paragraph(n) for n in range(2000)]
    while len(_text(paragraphs).encode()) > MAX_TEXT_BYTES:
        paragraphs.pop()
    base = _text(paragraphs)
    middle = len(paragraphs) // 2
    theirs = "Nieuw bovenaan.\n\n" + base.replace(
        paragraphs[middle], paragraphs[middle] + " Extra zin."
    )
    yours = base + "\n\nNieuw onderaan."
    clash = theirs.replace("Extra zin.", "Andere zin.")
    rewritten = _text([paragraph(n + 5000) for n in range(len(paragraphs))])
    other = _text([paragraph(n + 9000) for n in range(len(paragraphs))])
    cases = [
        ("merge, edits at both ends and in the middle", base, theirs, yours),
        ("merge, one conflict", base, theirs, clash),
        ("merge, both rewrote everything", base, rewritten, other),
    ]
    print(f"{len(base.encode())} bytes, {len(paragraphs)} paragraphs")
    for label, b, t, y in cases:
        start = time.perf_counter()
        result = three_way_merge(b, t, y)
        took = time.perf_counter() - start
        print(f"{label}: {took * 1000:.0f} ms, {len(result.conflicts)} conflict(s)")
    for label, old, new in [
        ("diff, a paragraph added", base, yours),
        ("diff, everything rewritten", base, rewritten),
    ]:
        start = time.perf_counter()
        diff(old, new)
        print(f"{label}: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
