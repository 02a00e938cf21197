"""Stop early, with the Debian packages to install, when WeasyPrint cannot load."""

import sys

DEBIAN_PACKAGES = (
    "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 "
    "libfontconfig1 fonts-dejavu-core"
)


def main() -> int:
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        print(
            "WeasyPrint kan een systeembibliotheek niet laden:\n"
            f"  {exc}\n"
            "Installeer de benodigde Debian-pakketten:\n"
            f"  sudo apt-get install -y {DEBIAN_PACKAGES}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
