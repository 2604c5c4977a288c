"""Social cards: drawing, colours, glyphs, and the cache of cards already drawn."""
