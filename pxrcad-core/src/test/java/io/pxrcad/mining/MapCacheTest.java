package io.pxrcad.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pxrcad.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapCacheTest {

    @Test
    void roundTripsExactly(@TempDir Path dir) throws Exception {
        List<ProbabilityMap> maps = List.of(
                ProbabilityMap.of(new float[][] {{0f, 1f, Math.nextDown(0.5f)}, {0.25f, 1e-7f, 0.999f}}),
                new ProbabilityMap(1, 1, new float[] {0.3f}));
        Path f = dir.resolve("maps.bin");
        MapCache.write(f, maps);
        assertThat(MapCache.read(f)).isEqualTo(maps);
        MapCache.write(f, List.of());
        assertThat(MapCache.read(f)).isEmpty();
    }

    @Test
    void truncatedOrForeignFilesAreDataErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("maps.bin");
        MapCache.write(f, List.of(new ProbabilityMap(2, 2, new float[] {0.1f, 0.2f, 0.3f, 0.4f})));
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> MapCache.read(f)).isInstanceOf(DataException.class).hasMessageContaining("truncated");
        Files.writeString(f, "hello world, not maps");
        assertThatThrownBy(() -> MapCache.read(f)).isInstanceOf(DataException.class).hasMessageContaining("PXRMAPS1");
    }
}
