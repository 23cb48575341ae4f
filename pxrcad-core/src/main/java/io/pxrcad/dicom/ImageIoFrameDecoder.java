package io.pxrcad.dicom;

import io.pxrcad.image.ImageLimits;
import io.pxrcad.image.ImageTooLargeException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes one JPEG (PS3.5 A.4.1) or JPEG 2000 (A.4.4, through jai-imageio-jpeg2000) frame to
 * stored values. Huffman sequential DCT (8/12-bit) and lossless JPEG go to pxrcad's own
 * {@link JpegDecoder} (the JDK codec behind TwelveMonkeys refuses 12-bit, and TwelveMonkeys'
 * lossless decoder is 2-3x slower); other JPEG processes (e.g. progressive) go to
 * TwelveMonkeys imageio-jpeg. It reads the {@link Raster}, not a {@code BufferedImage}, so the
 * samples stay in the file's photometric space (no YCbCr to RGB conversion), as the
 * stored-value convention requires. The codestream's size is checked against the header
 * before any pixel is allocated, and every codec failure becomes an
 * {@link InvalidDicomException}. A JPEG 2000 codestream's tile-part structure is checked and,
 * where its markers settle it, repaired first ({@link J2kCodestream}).
 */
final class ImageIoFrameDecoder {
    private ImageIoFrameDecoder() {}

    static int[] decode(ImagePixelModule px, TransferSyntax ts, byte[] frame) {
        if (ts.codec() == TransferSyntax.Codec.JPEG && JpegDecoder.handles(frame)) {
            int[] out = JpegDecoder.decode(frame, px.columns(), px.rows(), px.samplesPerPixel());
            for (int i = 0; i < out.length; i++) out[i] = px.stored(out[i], 0);
            return out;
        }
        return viaImageIo(px, ts, frame);
    }

    /** Decodes through the ImageIO plug-in only (also used to cross-check {@link JpegDecoder}). */
    static int[] viaImageIo(ImagePixelModule px, TransferSyntax ts, byte[] codestream) {
        // JJ2000 reads inconsistent tile-part fields without complaint and returns wrong pixels
        byte[] frame = ts.codec() == TransferSyntax.Codec.JPEG_2000 ? J2kCodestream.checked(codestream) : codestream;
        ImageReader reader = reader(ts);
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(iis, true, true);
            int w = reader.getWidth(0), h = reader.getHeight(0);
            ImageLimits.check(ts.name() + " codestream", w, h);
            if (w != px.columns() || h != px.rows()) {
                throw new InvalidDicomException(ts.name() + " codestream is " + w + "x" + h + " but the header says "
                        + px.columns() + "x" + px.rows() + " (columns x rows)");
            }
            Raster r = reader.readRaster(0, null);
            if (r.getWidth() != px.columns() || r.getHeight() != px.rows() || r.getNumBands() != px.samplesPerPixel()) {
                throw new InvalidDicomException(ts.name() + " frame decodes to " + r.getWidth() + "x" + r.getHeight() + "x"
                        + r.getNumBands() + " but the header says " + px.columns() + "x" + px.rows() + "x"
                        + px.samplesPerPixel());
            }
            int[] out = r.getPixels(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), (int[]) null);
            for (int i = 0; i < out.length; i++) out[i] = px.stored(out[i], 0);
            return out;
        } catch (InvalidDicomException | ImageTooLargeException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError | ThreadDeath e) {
            // codecs throw anything on corrupt data (AIOOBE, IllegalState, NegativeArraySize, ...; JJ2000
            // even a ThreadDeath on a truncated stream when J2kCodestream has not refused it first)
            throw new InvalidDicomException("cannot decode " + ts.name() + " frame (" + frame.length + " bytes): " + e, e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(TransferSyntax ts) {
        boolean j2k = ts.codec() == TransferSyntax.Codec.JPEG_2000;
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(j2k ? "jpeg2000" : "jpeg");
        while (it.hasNext()) {
            ImageReader r = it.next();
            String cls = r.getClass().getName();
            if (j2k ? cls.equals("com.github.jaiimageio.jpeg2000.impl.J2KImageReader")
                    : cls.startsWith("com.twelvemonkeys.")) {
                return r;
            }
            r.dispose();
        }
        throw ts.unsupportedError("no " + (j2k ? "jai-imageio JPEG 2000" : "TwelveMonkeys JPEG") + " reader on the classpath");
    }
}
