package io.pxrcad.mining;

import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cache of the training images' stage-1 maps (computed once after stage 1, METHOD.md), so
 * that a resumed stage 2 reads them instead of running stage 1 again. One file, written
 * atomically: the ASCII magic {@code PXRMAPS1}, the map count (int32), then per map its height,
 * width (int32) and {@code h*w} float32 values, row-major; all big-endian.
 * The list order is the training images' order.
 */
public final class MapCache {
    private static final byte[] MAGIC = "PXRMAPS1".getBytes(StandardCharsets.US_ASCII);

    private MapCache() {}

    public static void write(Path file, List<ProbabilityMap> maps) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.write(MAGIC);
            out.writeInt(maps.size());
            for (ProbabilityMap m : maps) {
                out.writeInt(m.height());
                out.writeInt(m.width());
                for (float v : m.values()) {
                    out.writeFloat(v);
                }
            }
            out.flush();
        });
    }

    /** @throws DataException when the file is not a complete map cache */
    public static List<ProbabilityMap> read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DataException("expected a map cache starting with PXRMAPS1 in " + file);
            }
            int count = in.readInt();
            if (count < 0) {
                throw new DataException("expected a map count >= 0 but was " + count + " in " + file);
            }
            List<ProbabilityMap> maps = new ArrayList<>(Math.min(count, 1 << 16));
            for (int k = 0; k < count; k++) {
                int h = in.readInt();
                int w = in.readInt();
                if (h <= 0 || w <= 0 || (long) h * w > 1 << 24) {
                    throw new DataException("map " + k + " has an implausible size " + h + "x" + w + " in " + file);
                }
                float[] v = new float[h * w];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                try {
                    maps.add(new ProbabilityMap(h, w, v));
                } catch (IllegalArgumentException e) {
                    throw new DataException("map " + k + " in " + file + " is invalid: " + e.getMessage(), e);
                }
            }
            if (in.read() != -1) {
                throw new DataException("unexpected bytes after " + count + " maps in " + file);
            }
            return maps;
        } catch (EOFException e) {
            throw new DataException("map cache " + file + " is truncated", e);
        }
    }
}
