"""Texts that are translated at run time but written where lupdate cannot see them.

``video_preview.py`` passes its source names and waiting messages to ``self.tr()`` from a
table of plain strings; they are marked here, in the context ``tr()`` looks them up in, so the
catalogs carry them. Never imported: lupdate reads this file.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

VIDEO_PREVIEW_TEXTS = (
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "Off"),
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "Camera"),
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "Screen"),
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "File"),
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "Starting the camera…"),
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "Starting screen capture…"),
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "Opening the video file…"),
    QT_TRANSLATE_NOOP("VideoPreviewWidget", "Waiting for the first frame…"),
)
