package io.pxrcad.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.DataException;
import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomDecoder;
import io.pxrcad.dicom.DicomInfo;
import io.pxrcad.image.ImageReaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pxrcad info FILE...}: format, size, bit depth and intensity range of each image; for
 * DICOM also the header facts ({@code --pixel-md5}: the MD5 of the decoded stored values). A
 * file that cannot be read is reported on stderr and skipped; the exit code is then 1.
 */
@Command(name = "info", description = "Print format, size, bit depth and intensity range of images.")
final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = "Image files (PNG, JPEG, TIFF, ...).")
    List<Path> files;

    @CommandLine.Option(names = "--json", description = "One JSON object per line and file.")
    boolean json;

    @CommandLine.Option(names = "--pixel-md5", description = "DICOM: add the MD5 of the decoded stored pixel values "
            + "(all frames, little-endian samples of Bits Allocated; the convention of gdcminfo --md5sum).")
    boolean pixelMd5;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper mapper = new ObjectMapper();
        if (!json) out.printf("%-6s %11s %4s %12s %12s  %s%n", "FORMAT", "SIZE", "BITS", "MIN", "MAX", "FILE");
        boolean failed = false;
        for (Path f : files) {
            Radiograph r;
            Map<String, Object> dicom = null;
            try {
                if (ImageReaders.decoderFor(f) instanceof DicomDecoder) {
                    // one read for the pixels and the facts: a second parse would log each warning again
                    DicomInfo.Described d = DicomInfo.read(f, pixelMd5);
                    r = d.radiograph();
                    dicom = d.facts();
                } else {
                    r = ImageReaders.read(f);
                }
            } catch (DataException e) {
                out.flush();
                err.println("pxrcad: " + e.getMessage());
                err.flush();
                failed = true;
                continue;
            }
            float[] range = r.range();
            if (dicom != null) dicom.keySet().removeAll(List.of("file", "format"));
            if (json) {
                ObjectNode o = mapper.createObjectNode();
                o.put("file", f.toString()).put("format", r.format()).put("width", r.width()).put("height", r.height())
                        .put("bitDepth", r.bitDepth()).put("min", range[0]).put("max", range[1]);
                if (dicom != null) o.set("dicom", mapper.valueToTree(dicom));
                out.println(mapper.writeValueAsString(o));
            } else {
                out.printf(Locale.ROOT, "%-6s %11s %4d %12s %12s  %s%n", r.format(), r.width() + "x" + r.height(),
                        r.bitDepth(), num(range[0]), num(range[1]), f);
                if (dicom != null) out.println(DicomInfo.text(dicom).indent(2).stripTrailing());
            }
            out.flush();
        }
        return failed ? Main.EXIT_DATA : 0;
    }

    private static String num(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
