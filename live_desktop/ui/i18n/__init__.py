"""The interface language: which catalog to use, and installing it in the running app.

The catalogs are Qt Linguist files next to this module: ``live_desktop_<code>.ts`` (the source,
committed) and ``live_desktop_<code>.qm`` (compiled by ``make translations``, not committed).
English needs no catalog: it is the text in the source code.

The language comes from, in order: the ``LIVE_DESKTOP_LANG`` environment variable, the
``ui.language`` setting (View > Language), the system's preferred languages. A compiled catalog
that is missing or older than its ``.ts`` is not a reason for an English interface: the ``.ts``
is then read directly (and a log line says to run ``make translations``).

Qt main thread only (translators belong to the application object).
"""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

__all__ = [
    "CATALOG_DIR",
    "ENGLISH",
    "ENV_VAR",
    "LANGUAGE_NAMES",
    "SHIPPED",
    "TsTranslator",
    "apply_language",
    "catalog_files",
    "current_language",
    "resolve_language",
]

CATALOG_DIR = Path(__file__).resolve().parent
CATALOG_PREFIX = "live_desktop_"
ENV_VAR = "LIVE_DESKTOP_LANG"
ENGLISH = "en"
#: Languages with a catalog, by code.
SHIPPED = ("pt_BR", "zh_CN")
#: Each language in its own words: what the language menu and the settings show, never
#: translated (a person looks for their own language's name).
LANGUAGE_NAMES: Mapping[str, str] = {
    ENGLISH: "English",
    "pt_BR": "Português (Brasil)",
    "zh_CN": "简体中文",
}

_installed: list[QTranslator] = []
_current = ENGLISH


def catalog_files(code: str) -> tuple[Path, Path]:
    """(compiled .qm, source .ts) of a shipped language."""
    stem = CATALOG_DIR / f"{CATALOG_PREFIX}{code}"
    return stem.with_suffix(".qm"), stem.with_suffix(".ts")


def _match(names: Iterable[str]) -> str | None:
    """The first of ``names`` (locale names, most preferred first) we have a catalog for, or
    English; None if none of them is a language we know."""
    traditional = False
    for name in names:
        locale = QLocale(name.strip().replace("-", "_"))
        language = locale.language()
        if language == QLocale.Language.English:
            return ENGLISH
        if language == QLocale.Language.Portuguese:
            return "pt_BR"  # the one Portuguese we have is closer than English for pt_PT too
        if language == QLocale.Language.Chinese:
            # Traditional script (zh_TW, zh_HK) is not what the zh_CN catalog is written in,
            # nor is the bare "zh" a Traditional locale lists after itself.
            traditional = traditional or locale.script() == QLocale.Script.TraditionalChineseScript
            if not traditional:
                return "zh_CN"
    return None


def resolve_language(
    setting: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    system: QLocale | None = None,
) -> str:
    """The language to show: ``"en"`` or one of :data:`SHIPPED`.

    ``LIVE_DESKTOP_LANG`` wins, then ``setting`` (the ``ui.language`` setting; None or empty:
    follow the system), then the system's preferred languages in order. A language we have
    no catalog for is English.
    """
    env = environ if environ is not None else os.environ
    requested = (env.get(ENV_VAR) or "").strip() or (setting or "").strip()
    if requested:
        return _match([requested]) or ENGLISH
    locale = system if system is not None else QLocale.system()
    return _match(locale.uiLanguages()) or _match([locale.name()]) or ENGLISH


def current_language() -> str:
    """What :func:`apply_language` installed last (``"en"`` before it ran)."""
    return _current


class TsTranslator(QTranslator):
    """Translates from a ``.ts`` file directly: the fallback when no compiled catalog is there.

    Finished, current messages only, as ``lrelease`` would compile them.
    """

    def __init__(self, path: Path, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.messages: dict[tuple[str, str], list[str]] = {}
        root = ET.parse(path).getroot()
        self.language = root.get("language", "")
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in (
                    "unfinished",
                    "obsolete",
                    "vanished",
                ):
                    continue
                forms = [f.text or "" for f in translation.iter("numerusform")]
                if not forms:
                    forms = [translation.text or ""]
                if any(forms):
                    self.messages[(name, message.findtext("source") or "")] = forms

    def translate(  # type: ignore[override]
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        forms = self.messages.get((context, source_text))
        if not forms:
            return ""
        if n < 0 or len(forms) == 1:
            return forms[0].replace("%n", str(n)) if n >= 0 else forms[0]
        # Portuguese (Brazil): 0 and 1 are singular. Chinese has a single form.
        return forms[0 if n <= 1 else min(1, len(forms) - 1)].replace("%n", str(n))

    def isEmpty(self) -> bool:
        return not self.messages


def _app_catalog(code: str) -> QTranslator | None:
    qm, ts = catalog_files(code)
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
        log.warning("Could not load the compiled catalog %s", qm)
    if ts.is_file():
        try:
            fallback = TsTranslator(ts)
        except (OSError, ET.ParseError) as exc:
            log.warning("Could not read the catalog %s: %s", ts, exc)
        else:
            log.info(
                "The compiled catalog %s is missing or older than %s; reading the .ts file "
                "instead (run `make translations` to compile it)",
                qm.name,
                ts.name,
            )
            return fallback
    log.warning("No catalog for %s in %s: the interface stays in English", code, CATALOG_DIR)
    return None


def _qt_catalog(code: str) -> QTranslator | None:
    """Qt's own texts (standard buttons such as OK and Cancel), if this Qt ships them."""
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if translator.load(f"qtbase_{code}", directory):
        return translator
    log.info(
        "Qt has no qtbase_%s catalog in %s; its standard buttons stay in English", code, directory
    )
    return None


def apply_language(app: QCoreApplication, code: str) -> str:
    """Show ``code`` (``"en"`` or one of :data:`SHIPPED`) from now on; returns what is shown.

    Removes the catalogs installed before. Installing sends every widget a LanguageChange
    event: windows with a ``retranslate_ui`` redo their texts at once.
    """
    global _current
    if code != ENGLISH and code not in SHIPPED:
        log.warning("No catalog for the language %r; using English", code)
        code = ENGLISH
    if code == _current and (_installed or code == ENGLISH):
        return code
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    shown = ENGLISH
    if code != ENGLISH:
        ours = _app_catalog(code)
        if ours is not None:
            # Installed last is asked first: our catalog, then Qt's.
            for translator in (_qt_catalog(code), ours):
                if translator is not None:
                    app.installTranslator(translator)
                    _installed.append(translator)
            shown = code
    _current = shown
    log.info("Interface language: %s", LANGUAGE_NAMES.get(shown, shown))
    return shown
