"""The packaging's cheap checks: the self-test's findings, the spec's Qt exclusions against the
code's imports, the hooks against what is installed, the icons, the Linux install script.

The bundle itself is built and smoke-tested by CI's own step (make dist, make dist-test), not
here: a build takes a minute and most of the machine.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
HOOKS = PACKAGING / "hooks"


def spec_constant(name: str) -> object:
    """A literal assigned at the top of the spec (``QT_USED = {...}``), without running it."""
    tree = ast.parse((PACKAGING / "live_desktop.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"live_desktop.spec assigns no {name}")


def test_self_test_loads_every_native_library_and_holds_a_spoken_turn(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIVE_DESKTOP_EMULATOR_DIR=str(tmp_path))
    for name in ("GEMINI_API_KEY", "GOOGLE_API_KEY", "SSL_CERT_FILE"):
        env.pop(name, None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    settings = tmp_path / "settings.json"
    proc = subprocess.run(
        [sys.executable, "-m", "live_desktop", "--self-test", "--settings", str(settings)],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, (proc.stdout, proc.stderr[-2000:])
    result = json.loads(lines[0])
    assert proc.returncode == 0 and result["ok"] is True, result
    native = result["native"]
    assert set(native) == {
        "portaudio",
        "opencv",
        "soxr",
        "echo_cancellation",
        "webrtcvad",
        "keyring",
    }
    assert all(found["ok"] for found in native.values()), native
    assert native["portaudio"]["version"].startswith("PortAudio")
    assert native["echo_cancellation"]["fast_path_modules"] is True
    assert "SecretService" in native["keyring"]["entry_points"]
    assert native["webrtcvad"]["speech"] is True  # the synthetic signal is speech to a VAD
    audio = result["audio_turn"]
    # The emulator echoes the utterance: one second in, one second of 24 kHz audio back.
    assert audio["heard"] == "[speech 1.0 s]"
    assert 0.9 <= audio["reply_audio_s"] <= 1.2
    assert audio["transcript"].startswith("[echo of 1.0 s of your speech]")
    assert result["frozen"] is False


def test_the_spec_excludes_no_qt_module_the_app_imports() -> None:
    used = spec_constant("QT_USED")
    assert isinstance(used, set)
    imported: dict[str, str] = {}
    for path in (ROOT / "live_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                modules = [f"PySide6.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] == "PySide6" and len(parts) > 1 and parts[1].startswith("Qt"):
                    imported.setdefault(parts[1], str(path.relative_to(ROOT)))
    assert {"QtCore", "QtGui", "QtWidgets"} <= set(imported)
    missing = {name: where for name, where in imported.items() if name not in used}
    assert not missing, (
        f"the bundle would exclude Qt modules the app imports: {missing}; add them to QT_USED "
        "in packaging/live_desktop.spec (and to the list in docs/packaging.md)"
    )


def test_every_hook_is_for_an_installed_module_and_compiles() -> None:
    hooks = sorted(HOOKS.glob("hook-*.py"))
    assert {h.name for h in hooks} >= {
        "hook-sounddevice.py",
        "hook-livekit.rtc.py",
        "hook-cv2.py",
        "hook-PySide6.QtGui.py",
        "hook-PySide6.QtCore.py",
    }
    for hook in hooks:
        compile(hook.read_text(encoding="utf-8"), str(hook), "exec")
        module = hook.stem.removeprefix("hook-")
        assert importlib.util.find_spec(module) is not None, f"{hook.name}: no module {module}"


def test_qt_has_its_own_translation_for_every_interface_language() -> None:
    from PySide6.QtCore import QLibraryInfo

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    codes = [
        ts.stem.removeprefix("live_desktop_")
        for ts in (ROOT / "live_desktop" / "ui" / "i18n").glob("live_desktop_*.ts")
    ]
    assert codes
    for code in codes:
        assert (qt_dir / f"qtbase_{code}.qm").is_file(), f"Qt has no qtbase_{code}.qm"


def test_the_portaudio_runtime_hook_falls_back_to_the_bundled_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctypes.util

    bundled = tmp_path / "libportaudio.so.2"
    bundled.write_bytes(b"\x7fELF")
    answers = {"portaudio": None, "asound": "libasound.so.2"}
    monkeypatch.setattr(ctypes.util, "find_library", answers.get)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    hook = HOOKS / "pyi_rth_portaudio.py"
    exec(compile(hook.read_text(encoding="utf-8"), str(hook), "exec"), {})
    assert ctypes.util.find_library("portaudio") == str(bundled)
    assert ctypes.util.find_library("asound") == "libasound.so.2"  # others: untouched
    bundled.unlink()
    assert ctypes.util.find_library("portaudio") is None  # nothing bundled: the system's answer


def test_icons_render_at_every_size(tmp_path: Path) -> None:
    from PIL import Image

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import render_icons
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    written = {path.name for path in render_icons.render(tmp_path)}
    for size in render_icons.PNG_SIZES:
        with Image.open(tmp_path / f"live-desktop-{size}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"
            # Drawn, not blank: the corners are transparent, the middle is not.
            assert png.getpixel((0, 0))[3] == 0 and png.getpixel((size // 2, size // 2))[3] > 200
    with Image.open(tmp_path / "live-desktop.ico") as ico:
        assert {(s, s) for s in render_icons.ICO_SIZES} <= set(ico.info["sizes"])
    with Image.open(tmp_path / "live-desktop.icns") as icns:
        assert (512, 512, 2) in icns.info["sizes"]  # 1024 px for Retina
    assert {"live-desktop.ico", "live-desktop.icns"} <= written


def test_the_desktop_entry_names_the_executable_and_the_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(PACKAGING / "linux" / "live-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == "live-desktop" and desktop["Icon"] == "live-desktop"
    assert desktop["Categories"].endswith(";")


def _fake_archive(root: Path) -> Path:
    unpacked = root / "live-desktop-0.0.0-linux-x86_64"
    (unpacked / "live-desktop" / "_internal").mkdir(parents=True)
    app = unpacked / "live-desktop" / "live-desktop"
    app.write_text("#!/bin/sh\necho fake\n")
    app.chmod(0o755)
    (unpacked / "icons").mkdir()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        (unpacked / "icons" / f"live-desktop-{size}.png").write_bytes(b"png")
    (unpacked / "icons" / "live-desktop.svg").write_text("<svg/>")
    for name in ("install.sh", "live-desktop.desktop"):
        (unpacked / name).write_bytes((PACKAGING / "linux" / name).read_bytes())
    (unpacked / "install.sh").chmod(0o755)
    return unpacked


def test_install_script_installs_for_the_user_and_uninstalls(tmp_path: Path) -> None:
    unpacked = _fake_archive(tmp_path / "archive")
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PREFIX=str(prefix))
    subprocess.run([str(unpacked / "install.sh")], env=env, check=True, capture_output=True)
    app = prefix / "opt" / "live-desktop" / "live-desktop"
    assert (
        subprocess.run(
            [str(prefix / "bin" / "live-desktop")], capture_output=True, text=True, check=True
        ).stdout
        == "fake\n"
    )
    desktop = (prefix / "share" / "applications" / "live-desktop.desktop").read_text()
    assert f'Exec="{app}"' in desktop.splitlines()
    assert (prefix / "share/icons/hicolor/512x512/apps/live-desktop.png").is_file()
    assert (prefix / "share/icons/hicolor/scalable/apps/live-desktop.svg").is_file()
    # An upgrade replaces the old files as a whole.
    (app.parent / "_internal" / "stale.so").write_text("old")
    subprocess.run([str(unpacked / "install.sh")], env=env, check=True, capture_output=True)
    assert not (app.parent / "_internal" / "stale.so").exists()
    subprocess.run(
        [str(unpacked / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True
    )
    assert not app.parent.exists() and not (prefix / "bin" / "live-desktop").exists()
    assert not (prefix / "share/icons/hicolor/512x512/apps/live-desktop.png").exists()


@pytest.mark.parametrize(
    ("original", "expected"),
    [(None, None), ("/opt/vendor/lib", "/opt/vendor/lib")],
)
def test_programs_the_bundle_starts_get_the_users_library_path(
    monkeypatch: pytest.MonkeyPatch, original: str | None, expected: str | None
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/live-desktop/_internal")
    if original is None:
        monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    else:
        monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", original)
    hook = HOOKS / "pyi_rth_environment.py"
    exec(compile(hook.read_text(encoding="utf-8"), str(hook), "exec"), {})
    assert os.environ.get("LD_LIBRARY_PATH") == expected
    assert "LD_LIBRARY_PATH_ORIG" not in os.environ
    child = subprocess.run(
        ["sh", "-c", 'echo "${LD_LIBRARY_PATH-unset}"'], capture_output=True, text=True, check=True
    )
    assert child.stdout.strip() == (expected or "unset")
