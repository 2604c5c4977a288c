"""Building: an atomic build (Pelican and Pagefind into a staging folder, then swapped in) and the live preview."""
