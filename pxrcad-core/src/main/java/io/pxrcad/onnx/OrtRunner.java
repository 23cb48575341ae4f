package io.pxrcad.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.infer.InferenceEngine;
import io.pxrcad.infer.NetworkRunner;
import io.pxrcad.infer.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link NetworkRunner} on ONNX Runtime (CPU), the only class that knows it. The network is
 * exported from the artifact in memory at load ({@link OnnxExport#export}: nothing is written
 * beside the model, and the graph always matches the weights the artifact verified), run with
 * all graph optimisations on one process-wide pool of {@link #threads()} intra-op threads that
 * every session shares (per-session pools would put both stages' threads, and a service's
 * detectors', on the same cores, each spinning while another works), and warmed up with one
 * batch-1 pass so that the first request does not pay for ONNX Runtime's lazy set-up.
 * {@code OrtSession.run} is thread-safe, so one runner serves many threads. {@link #INT8} runs the
 * int8 (QDQ) export instead ({@link Int8Export}, calibrated once per artifact at load).
 */
public final class OrtRunner implements NetworkRunner {
    /** Loads networks of an artifact into ONNX Runtime in float32; device {@code auto} or {@code cpu}. */
    public static final InferenceEngine ENGINE = new Engine(Precision.FP32);

    /** As {@link #ENGINE} with int8 networks ({@link Int8Export}: calibrated on phantoms at load). */
    public static final InferenceEngine INT8 = new Engine(Precision.INT8);

    /**
     * Each thread's input buffer, kept between calls. ONNX Runtime reads only direct buffers: given
     * an array it allocates a new direct buffer per call (11 MB for one 961-pixel image), which
     * the JVM frees only at a later garbage collection, so resident memory grew with every request.
     */
    private static final ThreadLocal<FloatBuffer> INPUT = ThreadLocal.withInitial(() -> direct(0));

    private final OrtSession session;

    /** The engine of {@code precision}. */
    public static InferenceEngine engine(Precision precision) {
        return precision == Precision.INT8 ? INT8 : ENGINE;
    }

    private record Engine(Precision precision) implements InferenceEngine {
        @Override
        public NetworkRunner open(ModelArtifact artifact, String network, String device) {
            requireCpu(device);
            byte[] model = precision == Precision.INT8 ? Int8Export.cached(artifact).get(network)
                    : OnnxExport.export(artifact, network);
            if (model == null) throw new ModelArtifactException("no network " + network + " in " + artifact.dir());
            return of(model, OnnxExport.inputSide(artifact, network), "network " + network + " of " + artifact.dir());
        }

        @Override
        public String describe(String device) {
            return "ONNX Runtime " + Shared.ENV.getVersion() + ", cpu, " + precision.id() + ", " + threads() + " intra-op threads"
                    + (Shared.GLOBAL_POOL ? " (one pool for all sessions)" : "");
        }
    }

    /** A session of a serialised model whose input is {@code (N,3,side,side)}; {@code what} names it in errors. */
    static OrtRunner of(byte[] model, int side, String what) {
        return new OrtRunner(model, side, what, false);
    }

    /**
     * As {@link #of} without ONNX Runtime's memory arena and memory pattern: for a session used a
     * few times and closed (calibration), whose arena would otherwise keep its peak for the life
     * of the process.
     */
    static OrtRunner shortLived(byte[] model, int side, String what) {
        return new OrtRunner(model, side, what, true);
    }

    private OrtRunner(byte[] model, int side, String what, boolean shortLived) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (shortLived) {
                options.setCPUArenaAllocator(false);
                options.setMemoryPatternOptimization(false);
            }
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            if (Shared.GLOBAL_POOL) {
                options.disablePerSessionThreads();
            } else {
                options.setIntraOpNumThreads(threads());
                options.setInterOpNumThreads(1);
            }
            session = Shared.ENV.createSession(model, options);
        } catch (OrtException e) {
            throw new ModelArtifactException("cannot open " + what + " in ONNX Runtime: " + e.getMessage(), e);
        }
        try {
            forward(Tensor.of(new float[3 * side * side], 1, 3, side, side));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The process's ONNX Runtime environment, made on first use with the shared thread pool. */
    private static final class Shared {
        static final boolean GLOBAL_POOL;
        static final OrtEnvironment ENV;

        static {
            OrtEnvironment env;
            boolean global;
            try (OrtEnvironment.ThreadingOptions t = new OrtEnvironment.ThreadingOptions()) {
                t.setGlobalIntraOpNumThreads(threads());
                t.setGlobalInterOpNumThreads(1);
                env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "pxrcad", t);
                global = true;
            } catch (OrtException | IllegalStateException e) {
                // another library in this JVM made the environment first: per-session pools then
                env = OrtEnvironment.getEnvironment();
                global = false;
            }
            ENV = env;
            GLOBAL_POOL = global;
        }
    }

    /** Intra-op threads: {@code -Dpxrcad.onnx.threads=N}, else one per available processor. */
    public static int threads() {
        String p = System.getProperty("pxrcad.onnx.threads");
        if (p != null) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n >= 1) return n;
            } catch (NumberFormatException ignored) {
                // fall through to the default
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    static void requireCpu(String device) {
        String d = device == null ? "auto" : device.trim().toLowerCase(Locale.ROOT);
        if (!d.equals("auto") && !d.equals("cpu")) {
            throw new IllegalArgumentException("expected device auto or cpu for the onnx engine (CPU only) but was '" + device + "'");
        }
    }

    @Override
    public List<Tensor> forward(Tensor x) {
        int[] s = x.shape();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) shape[i] = s[i];
        FloatBuffer buffer = INPUT.get();
        if (buffer.capacity() < x.data().length) {
            buffer = direct(x.data().length);
            INPUT.set(buffer);
        }
        buffer.clear();
        buffer.put(x.data()).flip();
        try (OnnxTensor in = OnnxTensor.createTensor(Shared.ENV, buffer, shape);
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, in))) {
            List<Tensor> out = new ArrayList<>(result.size());
            for (Map.Entry<String, OnnxValue> e : result) {
                OnnxTensor t = (OnnxTensor) e.getValue();
                long[] os = t.getInfo().getShape();
                int[] dims = new int[os.length];
                for (int i = 0; i < os.length; i++) dims[i] = Math.toIntExact(os[i]);
                FloatBuffer b = t.getFloatBuffer();
                float[] v = new float[b.remaining()];
                b.get(v);
                out.add(new Tensor(v, dims));
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of shape " + java.util.Arrays.toString(s) + ": "
                    + e.getMessage(), e);
        }
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES)).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close an ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
