import builtins

from buurtaanpak import system_check


def test_a_missing_pango_stops_with_the_debian_packages_to_install(monkeypatch, capsys):
    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    assert system_check.main() == 1
    err = capsys.readouterr().err
    assert "libpango-1.0-0" in err
    assert "apt-get install" in err


def test_it_passes_when_weasyprint_loads():
    assert system_check.main() == 0
