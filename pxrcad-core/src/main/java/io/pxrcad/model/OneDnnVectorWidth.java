package io.pxrcad.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The widest float vector oneDNN's convolution kernels use in this process: 16 floats when it may
 * use AVX-512, else 8. oneDNN takes AVX-512 when the CPU has it unless {@code DNNL_MAX_CPU_ISA}
 * (or {@code ONEDNN_MAX_CPU_ISA}) caps it lower. Where the CPU cannot be read the answer is 16,
 * a multiple of every narrower width.
 */
final class OneDnnVectorWidth {
    private static final Set<String> NARROW = Set.of("SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2");

    /** For this process (the variables and the CPU do not change while it runs). */
    static final int FLOATS = of(cap(), hasAvx512());

    private OneDnnVectorWidth() {}

    static int of(String isaCap, boolean cpuHasAvx512) {
        if (isaCap != null && NARROW.contains(isaCap.trim().toUpperCase(Locale.ROOT))) return 8;
        return cpuHasAvx512 ? 16 : 8;
    }

    private static String cap() {
        String v = System.getenv("ONEDNN_MAX_CPU_ISA");
        return v != null ? v : System.getenv("DNNL_MAX_CPU_ISA");
    }

    private static boolean hasAvx512() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) return true;
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> l.contains(" avx512f")).orElse(true);
        } catch (IOException | java.io.UncheckedIOException e) {
            return true;
        }
    }
}
