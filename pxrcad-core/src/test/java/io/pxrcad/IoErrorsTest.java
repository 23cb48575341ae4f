package io.pxrcad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IoErrorsTest {
    @Test
    void messagesNameTheFileAndTheProblemNeverAJavaClass(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> IoErrors.readUtf8("scores file", missing)).isInstanceOf(DataException.class)
                .hasMessage("cannot read scores file " + missing + ": no such file or folder");
        assertThatThrownBy(() -> IoErrors.readUtf8("scores file", dir)).isInstanceOf(DataException.class)
                .hasMessage("expected scores file " + dir + " to be a file but it is a folder");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'a', ',', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> IoErrors.readUtf8("scores file", latin1))
                .hasMessage("scores file " + latin1 + " is not UTF-8 text");
        assertThat(IoErrors.readUtf8("scores file", writeText(dir.resolve("ok.csv")))).isEqualTo("é\n");
    }

    private static Path writeText(Path f) throws Exception {
        Files.writeString(f, "é\n");
        return f;
    }
}
