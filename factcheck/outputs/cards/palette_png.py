"""Writing many 16-colour palette PNGs that differ only in a band of rows.

Compressing is most of what a social card costs, and on every card of one verdict the rows
above the claim and below the claimant are the same. A PNG's pixels are one zlib stream,
but a deflate stream may be made of pieces from separate compressors, as long as each
piece but the last ends on a byte boundary (a sync flush) and no piece refers back into
another. So a ``Template`` compresses the shared rows once, and each image compresses only
its own band; the stream's checksum (Adler-32) is carried across the pieces.

Pixels are palette indices (0-15) in an ``L`` image, packed four bits a pixel. A band canvas
is two pixels wider than the picture, with those two (index 0) at the left: packed, they
are the byte that starts every PNG row, its filter type 0 (none: filters do not help
palette indices), so the packed canvas is the PNG's row data as it stands.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
LEFT = 2  # the filter-type byte's two pixels before each row of a canvas
_ZLIB_HEADER = b"\x78\x9c"  # deflate, 32 kB window


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _rows(canvas: Image.Image) -> bytes:
    return canvas.tobytes("raw", "L;4")


def _widened(image: Image.Image, top: int, bottom: int) -> Image.Image:
    canvas = Image.new("L", (image.width + LEFT, bottom - top), 0)
    canvas.paste(image.crop((0, top, image.width, bottom)), (LEFT, 0))
    return canvas


def _deflate(data: bytes, level: int, last: bool) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate: no header, no checksum
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


@dataclass(frozen=True)
class Template:
    """A picture whose rows outside ``top:bottom`` many images share, compressed once."""

    width: int
    height: int
    top: int
    bottom: int
    palette: bytes  # 16 RGB triples
    band: Image.Image  # the shared picture's band, as a canvas
    head: bytes  # the rows above the band, compressed
    head_checksum: int
    tail_rows: bytes
    tail: bytes  # the rows below the band, compressed, ending the stream
    level: int  # for each image's band

    def canvas(self) -> Image.Image:
        """A copy of the band to draw on; ``place`` gives where a picture point lands on it."""
        return self.band.copy()

    def place(self, x: int, y: int) -> tuple[int, int]:
        return x + LEFT, y - self.top

    def encode(self, canvas: Image.Image, level: int | None = None) -> bytes:
        """The PNG of the picture with ``canvas`` as its band."""
        band = _rows(canvas)
        checksum = zlib.adler32(self.tail_rows, zlib.adler32(band, self.head_checksum))
        pixels = _ZLIB_HEADER + self.head + _deflate(band, level or self.level, last=False) + self.tail + struct.pack(">I", checksum)
        header = struct.pack(">IIBBBBB", self.width, self.height, 4, 3, 0, 0, 0)  # 4 bits, colour type 3: palette
        return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"PLTE", self.palette) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def template(image: Image.Image, palette: bytes, top: int, bottom: int, level: int = 6) -> Template:
    """A template from ``image`` (mode L, indices below 16) whose rows ``top:bottom`` vary.
    The shared rows are compressed as hard as zlib can, once; bands at ``level``."""
    if image.mode != "L" or len(palette) != 48:
        raise ValueError("a template needs an L image of palette indices and 16 palette colours")
    head_rows = _rows(_widened(image, 0, top))
    tail_rows = _rows(_widened(image, bottom, image.height))
    return Template(image.width, image.height, top, bottom, palette, _widened(image, top, bottom),
                    _deflate(head_rows, 9, last=False), zlib.adler32(head_rows), tail_rows,
                    _deflate(tail_rows, 9, last=True), level)
