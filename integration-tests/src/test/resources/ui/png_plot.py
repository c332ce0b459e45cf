# A stand-in for matplotlib's pyplot whose figure is a 120x60 PNG, orange below a diagonal, blue above:
# what `%matplot plot` turns into an image/png output, without matplotlib.
import struct, zlib
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
pixels = b''.join(b'\x00' + b''.join(bytes((226, 90, 28)) if x < 2 * y else bytes((9, 105, 218))
                                     for x in range(120)) for y in range(60))
png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 120, 60, 8, 2, 0, 0, 0))
       + chunk(b'IDAT', zlib.compress(pixels)) + chunk(b'IEND', b''))
class Plot:
    def gcf(self):
        return self
    def savefig(self, out, format):
        out.write(png)
plot = Plot()
