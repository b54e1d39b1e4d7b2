"""Recordings: the frame layout and renderer, presentation mode, export to video and images."""
