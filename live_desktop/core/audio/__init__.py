"""Pure DSP for the audio engine."""
