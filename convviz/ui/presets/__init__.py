"""The Presets panel: built-in scenes and kernel presets, samples, the user's own presets."""
