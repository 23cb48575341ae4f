package io.pxrcad.data;

import io.pxrcad.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFolderGivesItsImagesRecursivelySortedWithoutTablesWeightsOrHiddenFiles() throws Exception {
        for (String f : new String[] {"b.png", "a/z.dcm", "a/y", "manifest.csv", "w.safetensors", "w.safetensors.json",
                ".hidden.png", "notes.TXT"}) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.writeString(dir.resolve(f), "x");
        }
        assertThat(ImageFiles.of(dir, "--images")).containsExactly(dir.resolve("a/y"), dir.resolve("a/z.dcm"), dir.resolve("b.png"));
        assertThat(ImageFiles.expand(List.of(dir.resolve("b.png"), dir.resolve("a"))))
                .containsExactly(dir.resolve("b.png"), dir.resolve("a/y"), dir.resolve("a/z.dcm"));
    }

    @Test
    void aCsvGivesItsImageColumnOnlyInFileOrder() throws Exception {
        Path csv = Files.writeString(dir.resolve("m.csv"),
                "patient,label,image,type,boxes\nP1,1,img/b.png,hip,\"1,2,3,4\"\nP2,0,a.png,,\nP1,1,img/b.png,hip,\n");
        assertThat(ImageFiles.of(csv, "--images")).containsExactly(dir.resolve("img/b.png"), dir.resolve("a.png"));
        Path table = Files.writeString(dir.resolve("t.csv"), "path,other\n/x/y.dcm,1\n");
        assertThat(ImageFiles.listed(table)).containsExactly(Path.of("/x/y.dcm"));
    }

    @Test
    void nothingToReadIsADataErrorNamingTheOption() throws Exception {
        assertThatThrownBy(() -> ImageFiles.of(dir.resolve("nope"), "--images")).isInstanceOf(DataException.class)
                .hasMessage("--images: no such folder or CSV file: " + dir.resolve("nope"));
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ImageFiles.of(dir.resolve("empty"), "--images")).isInstanceOf(DataException.class)
                .hasMessage("--images: no images found in " + dir.resolve("empty"));
        Path csv = Files.writeString(dir.resolve("bad.csv"), "patient,label\nP1,1\n");
        assertThatThrownBy(() -> ImageFiles.of(csv, "--images")).isInstanceOf(DataException.class)
                .hasMessageContaining("expected a column 'image' (or 'path') in " + csv + " but found patient, label");
    }
}
