"""Read a stored report back the way a reader's PDF viewer would."""

import io

import pypdf


def reader(rapport) -> pypdf.PdfReader:
    with rapport.file.open("rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read()))


def text_of(rapport) -> str:
    return "\n".join(page.extract_text() or "" for page in reader(rapport).pages)
