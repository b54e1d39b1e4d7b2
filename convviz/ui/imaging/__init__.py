"""Images as input: reading files into scenes, and the window's image actions."""
