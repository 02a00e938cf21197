"""docs/benchmarks.md: each benchmark writes its own section between markers."""

from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_section(name: str, heading: str, section: str) -> None:
    """Replace what lies between `<!-- bench:NAME:start/end -->`, or append it."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    if start not in text:
        text = text.rstrip() + f"\n\n## {heading}\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    DOC.write_text(f"{head}{start}\n{section}\n{end}{tail}")
