package io.pxrcad.data;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.image.PngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {
    @TempDir
    Path dir;

    private void image(String name, int w, int h) throws IOException {
        PngWriter.write8(dir.resolve(name), new Radiograph(w, h, new float[w * h], 8, "PHANTOM"));
    }

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void loadsAValidManifestInAnyColumnOrder() throws IOException {
        image("a.png", 100, 80);
        Files.createDirectories(dir.resolve("sub"));
        image("sub/b, c.png", 50, 50);
        image("n.png", 10, 10);
        Path f = csv("label,image,boxes,patient,type\r\n"
                + "1,a.png,\"10,10,20,30;0,0,100,80\",p1,hip\r\n"
                + "1,\"sub/b, c.png\",,p2,\r\n"
                + "0,n.png,,p1,\r\n");
        Manifest m = Manifest.load(f);
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.hasSplit()).isFalse();
        assertThat(m.sha256()).hasSize(64);
        ManifestEntry a = m.entries().get(0);
        assertThat(a.image()).isEqualTo("a.png");
        assertThat(a.type()).contains(FractureType.HIP);
        assertThat(a.boxes()).containsExactly(new PixelBox(10, 10, 20, 30), new PixelBox(0, 0, 100, 80));
        assertThat(m.entries().get(1).image()).isEqualTo("sub/b, c.png");
        assertThat(m.entries().get(1).type()).isEmpty();
        assertThat(m.positives()).hasSize(2);
        assertThat(m.negatives()).hasSize(1);
        assertThat(Files.exists(m.resolve(m.entries().get(1)))).isTrue();
    }

    @Test
    void everyUnreadableImageIsListedAtOnceAndCanBeSkipped() throws IOException {
        image("ok1.png", 20, 20);
        image("ok2.png", 20, 20);
        Files.write(dir.resolve("text.png"), "not an image".getBytes());
        Files.write(dir.resolve("empty.dcm"), new byte[0]);
        byte[] png = Files.readAllBytes(dir.resolve("ok1.png"));
        Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(png, 20)); // the header itself is cut
        Files.createDirectories(dir.resolve("folder.png"));
        Path f = csv("image,patient,label,type,boxes\n"
                + "ok1.png,p1,0,,\n"
                + "text.png,p2,0,,\n"
                + "empty.dcm,p3,1,hip,\n"
                + "ok2.png,p4,1,,\n"
                + "cut.png,p5,0,,\n"
                + "folder.png,p6,0,,\n");
        String n = f.toString();
        assertThatThrownBy(() -> Manifest.load(f)).isInstanceOf(ManifestException.class)
                .satisfies(e -> assertThat(((ManifestException) e).problems()).satisfiesExactly(
                        p -> assertThat(p).startsWith(n + ":3: ").contains("text.png"),
                        p -> assertThat(p).startsWith(n + ":4: ").contains("empty.dcm"),
                        p -> assertThat(p).startsWith(n + ":6: ").contains("cut.png"),
                        p -> assertThat(p).startsWith(n + ":7: ").contains("folder.png is a folder")));

        ReadableManifest r = Manifest.loadReadable(f);
        assertThat(r.manifest().entries()).extracting(ManifestEntry::image).containsExactly("ok1.png", "ok2.png");
        assertThat(r.skipped()).hasSize(4).allMatch(s -> s.startsWith(n + ":"));
    }

    @Test
    void aFolderGivenAsTheManifestSaysSo() throws IOException {
        Files.writeString(dir.resolve("manifest.csv"), "image,patient,label,type,boxes\n");
        assertThatThrownBy(() -> Manifest.load(dir)).isInstanceOf(ManifestException.class)
                .hasMessage("expected a manifest CSV file but " + dir + " is a folder (did you mean "
                        + dir.resolve("manifest.csv") + "?)");
    }

    @Test
    void writerOutputLoadsBackIdentically() throws IOException {
        image("a.png", 100, 80);
        image("b\"q.png", 30, 30);
        image("c.png", 30, 30);
        List<ManifestEntry> entries = List.of(
                new ManifestEntry("a.png", "p,1", 1, Optional.of(FractureType.PELVIC),
                        List.of(new PixelBox(1.5, 2, 30, 40), new PixelBox(50, 50, 99, 79)), Optional.of(Split.TRAIN)),
                new ManifestEntry("b\"q.png", "p2", 0, Optional.empty(), List.of(), Optional.of(Split.VAL)),
                new ManifestEntry("c.png", "p3", 1, Optional.empty(), List.of(), Optional.of(Split.TEST)));
        Path f = dir.resolve("w.csv");
        ManifestWriter.write(f, entries);
        Manifest m = Manifest.load(f);
        assertThat(m.entries()).isEqualTo(entries);
        assertThat(m.hasSplit()).isTrue();
        assertThat(m.entries(Split.VAL)).containsExactly(entries.get(1));
    }

    @Test
    void reportsEveryProblemWithItsLine() throws IOException {
        image("a.png", 100, 80);
        image("b.png", 100, 80);
        Path f = csv("image,patient,label,type,boxes\n"
                + "missing.png,p1,0,,\n"          // 2: missing file
                + "a.png,p1,2,,\n"                // 3: label
                + "b.png,p2,0,hip,\n"             // 4: type on a negative
                + "a.png,p3,1,femur,\n"           // 5: unknown type (and duplicate of line 3)
                + "b.png,p4,1,hip,\"1,2,3\"\n"    // 6: malformed box, duplicate
                + "x.png,p5,1\n"                  // 7: column count
                + "c.png,p6,1,pelvic,\"5,5,150,50\"\n"); // 8: c.png missing
        assertThatThrownBy(() -> Manifest.load(f)).isInstanceOf(ManifestException.class)
                .satisfies(ex -> {
                    List<String> p = ((ManifestException) ex).problems();
                    String n = f.toString();
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":2: ") && s.contains("no such image file"));
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":3: ") && s.contains("expected label 0 or 1 but was '2'"));
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":4: ") && s.contains("negative image (label 0) cannot have type"));
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":5: ") && s.contains("expected type hip, pelvic or empty but was 'femur'"));
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":5: ") && s.contains("duplicate image") && s.contains("line 3"));
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":6: ") && s.contains("expected box x0,y0,x1,y1"));
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":7: ") && s.contains("expected 5 columns but found 3"));
                    assertThat(p).anyMatch(s -> s.startsWith(n + ":8: ") && s.contains("no such image file"));
                    assertThat(ex.getMessage()).startsWith("invalid manifest " + n + ": " + p.size() + " problems\n");
                    assertThat(ex.getMessage().split("\n")).hasSize(p.size() + 1);
                });
    }

    @Test
    void boxOutsideTheImage() throws IOException {
        image("a.png", 100, 80);
        Path f = csv("image,patient,label,type,boxes\na.png,p1,1,hip,\"10,10,20,20;90,70,101,80\"\n");
        assertThatThrownBy(() -> Manifest.load(f)).isInstanceOf(ManifestException.class)
                .hasMessageContaining(f + ":2: box 90,70,101,80 lies outside the 100x80 image")
                .satisfies(ex -> assertThat(((ManifestException) ex).problems()).hasSize(1));
    }

    @Test
    void headerProblems() throws IOException {
        Path f = csv("image,patient,label,kind,boxes,extra\n");
        assertThatThrownBy(() -> Manifest.load(f)).isInstanceOf(ManifestException.class)
                .satisfies(ex -> assertThat(((ManifestException) ex).problems()).containsExactlyInAnyOrder(
                        f + ":1: unknown column 'kind': expected image,patient,label,type,boxes[,split]",
                        f + ":1: unknown column 'extra': expected image,patient,label,type,boxes[,split]",
                        f + ":1: missing required column 'type'"));
    }

    @Test
    void emptyManifests() throws IOException {
        Path empty = csv("");
        assertThatThrownBy(() -> Manifest.load(empty)).isInstanceOf(ManifestException.class).hasMessageContaining("empty manifest");
        Path headerOnly = csv("image,patient,label,type,boxes\n");
        assertThatThrownBy(() -> Manifest.load(headerOnly)).isInstanceOf(ManifestException.class)
                .hasMessageContaining(headerOnly + ":1: empty manifest");
        assertThatThrownBy(() -> Manifest.load(dir.resolve("none.csv"))).isInstanceOf(ManifestException.class)
                .hasMessageContaining("no such manifest");
    }

    @Test
    void badSplitValue() throws IOException {
        image("a.png", 10, 10);
        Path f = csv("image,patient,label,type,boxes,split\na.png,p,0,,,training\n");
        assertThatThrownBy(() -> Manifest.load(f)).hasMessageContaining(f + ":2: expected split train, val or test but was 'training'");
    }
}
