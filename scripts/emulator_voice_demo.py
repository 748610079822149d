"""A two-turn voice conversation with the Live API emulator, through the real google-genai SDK.

    python -m live_desktop.emulator            # terminal 1: prints {"base_url": ..., "cert": ...}
    python scripts/emulator_voice_demo.py --base-url https://127.0.0.1:PORT --cert PEM

Each turn speaks a sentence (espeak-ng when installed, else a speech-like synthetic signal),
streams it as 16 kHz PCM in 20 ms chunks exactly as the app does, lets the emulator's VAD end the
utterance, and prints what came back; the replies are saved as 24 kHz WAV files to listen to.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import ssl
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np
import soxr
from google import genai
from google.genai import types

SENTENCES = ("Hello Gemini, can you hear me?", "Tell me something about the sea.")
RATE_IN, RATE_OUT = 16_000, 24_000


def speak(text: str) -> bytes:
    """16 kHz mono int16 PCM of ``text``: espeak-ng if present, else a speech-like signal."""
    if shutil.which("espeak-ng"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "say.wav"
            subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
            with wave.open(str(path)) as wav:
                rate = wav.getframerate()
                pcm = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
        return soxr.resample(pcm, rate, RATE_IN).astype("<i2").tobytes()
    seconds = 0.08 * len(text.split()) + 0.6
    t = np.arange(int(RATE_IN * seconds)) / RATE_IN
    phase = 2 * np.pi * np.cumsum(140 + 20 * np.sin(2 * np.pi * 0.7 * t)) / RATE_IN
    voice = sum(np.sin(k * phase) / k for k in range(1, 10)) * (0.6 + 0.4 * np.sin(8 * np.pi * t))
    return (voice / np.max(np.abs(voice)) * 0.5 * 32767).astype("<i2").tobytes()


async def converse(base_url: str, cert: str, out_dir: Path) -> int:
    client = genai.Client(
        api_key="demo-key",
        http_options=types.HttpOptions(
            base_url=base_url,
            api_version="v1beta",
            async_client_args={"ssl": ssl.create_default_context(cafile=cert)},
        ),
    )
    config = types.LiveConnectConfig(
        response_modalities=[types.Modality.AUDIO],
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
    )
    async with client.aio.live.connect(model="gemini-3.8-live", config=config) as session:
        print(f"connected, session {session.session_id}")
        for number, sentence in enumerate(SENTENCES, start=1):
            pcm = speak(sentence) + bytes(RATE_IN * 2)  # a second of silence ends the turn
            step = RATE_IN // 50 * 2  # 20 ms
            for i in range(0, len(pcm), step):
                await session.send_realtime_input(
                    audio=types.Blob(data=pcm[i : i + step], mime_type="audio/pcm;rate=16000")
                )
            heard, said, reply = "", "", bytearray()
            async for message in session.receive():
                content = message.server_content
                if content is None:
                    continue
                if content.input_transcription and content.input_transcription.text:
                    heard += content.input_transcription.text
                if content.output_transcription and content.output_transcription.text:
                    said += content.output_transcription.text
                for part in content.model_turn.parts if content.model_turn else []:
                    if part.inline_data and part.inline_data.data:
                        reply += part.inline_data.data
            path = out_dir / f"reply-{number}.wav"
            with wave.open(str(path), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(RATE_OUT)
                wav.writeframes(bytes(reply))
            print(
                f"turn {number}: sent {len(pcm) / 2 / RATE_IN:.1f} s | heard {heard!r} | "
                f"reply {len(reply) / 2 / RATE_OUT:.1f} s of audio -> {path} | said {said!r}"
            )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--cert", required=True, help="the PEM the emulator printed")
    parser.add_argument("--out", default=".", help="where to write reply-N.wav")
    args = parser.parse_args()
    return asyncio.run(converse(args.base_url, args.cert, Path(args.out)))


if __name__ == "__main__":
    sys.exit(main())
