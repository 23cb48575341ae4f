package io.pxrcad.spark;

import io.pxrcad.ProgressListener;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

import java.util.HashMap;
import java.util.Map;

/**
 * Reports the files the scoring tasks have dealt with to a {@link ProgressListener.Task}, from
 * the tasks' {@link PartitionScorer} accumulator: running tasks' values come with the executors'
 * heartbeats ({@code spark.executor.heartbeatInterval}, 10 s by default), finished tasks' with
 * their end. A failed task's files are taken back, since its retry deals with them again.
 */
final class BatchProgress extends SparkListener {
    private final long accumulatorId;
    private final ProgressListener.Task task;
    private final Map<Long, Long> byTask = new HashMap<>();
    private long reported;

    BatchProgress(long accumulatorId, ProgressListener.Task task) {
        this.accumulatorId = accumulatorId;
        this.task = task;
    }

    @Override
    public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t
                : CollectionConverters.asJava(update.accumUpdates())) {
            Long files = files(t._4());
            if (files != null) byTask.merge((Long) t._1(), files, Math::max);
        }
        report();
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        long id = end.taskInfo().taskId();
        Long files = end.taskInfo().successful() ? files(end.taskInfo().accumulables()) : null;
        if (files == null) byTask.remove(id);
        else byTask.put(id, files);
        report();
    }

    private Long files(scala.collection.Seq<AccumulableInfo> infos) {
        for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
            if (info.id() == accumulatorId && info.update().isDefined()) return ((Number) info.update().get()).longValue();
        }
        return null;
    }

    /**
     * The job ended: {@code files} is the accumulator's value on the driver, exact, while task ends
     * may still wait in the listener bus.
     */
    synchronized void finished(long files) {
        advanceTo(files);
    }

    private void report() {
        advanceTo(byTask.values().stream().mapToLong(Long::longValue).sum());
    }

    private void advanceTo(long done) {
        // progress only moves forward: a retried task's files were already shown once
        for (; reported < done; reported++) task.advanced("");
    }
}
