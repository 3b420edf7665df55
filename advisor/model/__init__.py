"""Domain and persistence: never imports Qt."""
