package io.pxrcad.cli;

import java.lang.management.ManagementFactory;
import java.util.stream.Collectors;

/**
 * For {@code --master spark://...} from the command line: a standalone cluster's executors start
 * with this JVM's class path and the JVM options Spark and libtorch need, so that a cluster whose
 * workers see this installation at the same path (e.g. one started by
 * {@code scripts/spark-standalone.sh}) runs the job without a cluster jar. Settings given as
 * {@code -Dspark.executor...} system properties (PXRCAD_JAVA_OPTS) win.
 */
final class SparkExecutorSettings {
    private SparkExecutorSettings() {}

    static void useThisJvmFor(String master) {
        if (!master.startsWith("spark://")) return;
        setIfAbsent("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        setIfAbsent("spark.executor.extraJavaOptions", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dai.djl") || a.startsWith("-Djdk.reflect")
                        || a.startsWith("-Dio.netty") || a.equals("-XX:+IgnoreUnrecognizedVMOptions"))
                .collect(Collectors.joining(" ")));
        String isa = System.getenv("DNNL_MAX_CPU_ISA");
        if (isa != null) setIfAbsent("spark.executorEnv.DNNL_MAX_CPU_ISA", isa);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
