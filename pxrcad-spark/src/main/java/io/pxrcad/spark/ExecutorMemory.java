package io.pxrcad.spark;

import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import scala.jdk.javaapi.CollectionConverters;

import java.util.Map;
import java.util.TreeMap;

/**
 * The peak resident memory of each executor's process (JVM heap, libtorch and everything else
 * native) seen in the executors' heartbeats while a job ran. Spark measures it only with
 * {@code spark.executor.processTreeMetrics.enabled=true} (on Linux); otherwise nothing is seen.
 */
final class ExecutorMemory extends SparkListener {
    private final Map<String, Long> peakRss = new TreeMap<>();

    @Override
    public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (ExecutorMetrics m : CollectionConverters.asJava(update.executorUpdates()).values()) {
            long rss = m.getMetricValue("ProcessTreeJVMRSSMemory");
            if (rss > 0) peakRss.merge(update.execId(), rss, Math::max);
        }
    }

    /** Peak RSS in bytes by executor id ({@code driver} in local mode); empty when Spark did not measure it. */
    synchronized Map<String, Long> peakRss() {
        return Map.copyOf(peakRss);
    }
}
