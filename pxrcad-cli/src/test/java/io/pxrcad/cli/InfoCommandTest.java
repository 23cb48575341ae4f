package io.pxrcad.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomWriter;
import io.pxrcad.image.PngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {
    @TempDir
    Path dir;

    private Path png16() throws Exception {
        Path f = dir.resolve("a.png");
        PngWriter.write16(f, new Radiograph(3, 2, new float[] {5, 100, 200, 300, 4000, 65535}, 16, "PHANTOM"));
        return f;
    }

    @Test
    void tableRowPerImage() throws Exception {
        Path f = png16();
        MainTest.Result r = MainTest.run("info", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("PNG").contains("3x2").contains("16").contains("5").contains("65535").contains(f.toString());
    }

    @Test
    void jsonPerImage() throws Exception {
        Path f = png16();
        MainTest.Result r = MainTest.run("info", "--json", f.toString());
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out().strip());
        assertThat(j.get("format").asText()).isEqualTo("PNG");
        assertThat(j.get("width").asInt()).isEqualTo(3);
        assertThat(j.get("height").asInt()).isEqualTo(2);
        assertThat(j.get("bitDepth").asInt()).isEqualTo(16);
        assertThat(j.get("min").asDouble()).isEqualTo(5);
        assertThat(j.get("max").asDouble()).isEqualTo(65535);
    }

    @Test
    void badFilesAreReportedOneLineEachAndTheRestContinue() throws Exception {
        Path good = png16();
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        Path missing = dir.resolve("missing.png");
        MainTest.Result r = MainTest.run("info", missing.toString(), text.toString(), good.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err().lines().toList()).containsExactly(
                "pxrcad: no such file: " + missing,
                "pxrcad: unsupported image " + text + ": expected [DICOM, PNG/JPEG/TIFF] but it looks like text");
        assertThat(r.out()).contains(good.toString());
    }

    @Test
    void eachDicomWarningIsPrintedOnce() throws Exception {
        byte[] dcm = DicomWriter.encode(new Radiograph(4, 3, new float[12], 8, "T"),
                DicomWriter.Options.secondaryCapture());
        byte[] withTail = Arrays.copyOf(dcm, dcm.length + 3);
        withTail[dcm.length] = 'x'; // three stray bytes after the last element: the reader warns and goes on
        Path f = Files.write(dir.resolve("tail.dcm"), withTail);
        // the warnings are log events (printed on stderr by the CLI's logback); count them at the source
        var logger = (Logger) LoggerFactory.getLogger("io.pxrcad");
        var events = new ListAppender<ILoggingEvent>();
        events.start();
        logger.addAppender(events);
        // the reader's own logger at WARN, whatever other commands run in this JVM set (bench decode quiets io.pxrcad.dicom)
        var reader = (Logger) LoggerFactory.getLogger("io.pxrcad.dicom.DatasetParser");
        var level = reader.getLevel();
        reader.setLevel(Level.WARN);
        try {
            for (String[] args : new String[][] {{"info", f.toString()}, {"info", "--json", "--pixel-md5", f.toString()}}) {
                events.list.clear();
                MainTest.Result r = MainTest.run(args);
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(r.out()).contains("DICOM");
                assertThat(events.list.stream().map(ILoggingEvent::getFormattedMessage).toList())
                        .as(String.join(" ", args))
                        .containsOnlyOnce("3 trailing byte(s) after the last element ignored")
                        .doesNotHaveDuplicates();
            }
        } finally {
            reader.setLevel(level);
            logger.detachAppender(events);
        }
    }

    @Test
    void anImageThatDeclaresTooManyPixelsIsOneLineAndExit1() throws Exception {
        Path f = png16();
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b, 16, 8).putInt(40000).putInt(40000); // IHDR width and height
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17); // "IHDR" and its 13 data bytes
        ByteBuffer.wrap(b, 29, 4).putInt((int) crc.getValue());
        Path bomb = Files.write(dir.resolve("bomb.png"), b);
        long t0 = System.nanoTime();
        MainTest.Result r = MainTest.run("info", bomb.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err().lines().toList()).containsExactly("pxrcad: image " + bomb
                + " declares 40000 x 40000 pixels (1600 megapixels), over the limit of 50 megapixels (-Dpxrcad.maxPixels)");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
    }

    @Test
    void noFileIsAUsageError() {
        MainTest.Result r = MainTest.run("info");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("pxrcad: ").doesNotContain("Exception");
    }
}
