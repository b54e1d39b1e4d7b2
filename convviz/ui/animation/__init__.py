"""Stepping: the animator, what a step shows on the window (from the frame model), the playback controls."""
