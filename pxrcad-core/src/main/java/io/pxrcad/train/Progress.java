package io.pxrcad.train;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Must be closed. Reports the progress of one loop (the batches of an epoch, the images of a
 * prediction): on a terminal a {@code progressbar} bar with count, rate and ETA. Otherwise (logs,
 * CI, redirected output) a bar per batch would flood the log, so a loop that runs longer than
 * {@link #QUIET_SECONDS} logs one SLF4J INFO line per 10% of its steps, e.g.
 * {@code stage 1 epoch 3/100: 40/125 (32%), 2.10 it/s, ETA 0:40, loss 0.5312}, and, when asked
 * for, a summary line on close (an epoch has its own line from the caller instead).
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    /** Without a terminal, loops shorter than this log no intermediate line. */
    static final double QUIET_SECONDS = 60;

    private final String task;
    private final long total;
    private final boolean summary;
    private final ProgressBar bar;
    private final Consumer<String> lines;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private long done;
    private long nextTenth = 1;
    private String message = "";
    private boolean closed;

    /**
     * A bar when {@code System.console() != null}, else log lines.
     *
     * @param task    what is being counted, e.g. {@code "stage 1 epoch 3/100"}
     * @param total   the number of steps (>= 0)
     * @param summary without a console, log a summary line on close
     */
    public static Progress start(String task, long total, boolean summary) {
        return new Progress(task, total, summary, System.console() != null, LOG::info, System::nanoTime);
    }

    /** With {@code console} false, lines go to {@code lines}, timed by {@code nanoTime} (tests). */
    Progress(String task, long total, boolean summary, boolean console, Consumer<String> lines, LongSupplier nanoTime) {
        if (total < 0) {
            throw new IllegalArgumentException("expected total >= 0 but got " + total);
        }
        this.task = task;
        this.total = total;
        this.summary = summary;
        this.lines = lines;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.bar = console
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .showSpeed().setUnit(" it", 1).build()
                : null;
    }

    /** One step done; {@code message} (e.g. {@code "loss 0.5312"}) is shown beside the count. */
    public void step(String message) {
        if (closed) {
            throw new IllegalStateException("progress of '" + task + "' is closed");
        }
        done++;
        this.message = message == null ? "" : message;
        if (bar != null) {
            bar.setExtraMessage(this.message);
            bar.stepTo(done);
        } else if (total > 0 && done * 10 >= nextTenth * total) {
            // one line per tenth crossed, and only once the loop has proved long
            nextTenth = done * 10 / total + 1;
            if (elapsedSeconds() >= QUIET_SECONDS) {
                lines.accept(line());
            }
        }
    }

    /** Steps done so far. */
    public long done() { return done; }

    String line() {
        double seconds = elapsedSeconds();
        double rate = seconds > 0 ? done / seconds : Double.NaN;
        StringBuilder sb = new StringBuilder(task).append(": ").append(done).append('/').append(total);
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, " (%d%%)", 100 * done / total));
        }
        sb.append(String.format(Locale.ROOT, ", %.2f it/s", rate));
        if (rate > 0 && done < total) {
            sb.append(", ETA ").append(clock((total - done) / rate));
        }
        if (!message.isEmpty()) {
            sb.append(", ").append(message);
        }
        return sb.toString();
    }

    private double elapsedSeconds() {
        return (nanoTime.getAsLong() - startNanos) / 1e9;
    }

    /** {@code h:mm:ss} or {@code m:ss}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.close();
        } else if (summary) {
            lines.accept(String.format(Locale.ROOT, "%s: done %d/%d in %s%s", task, done, total,
                    clock(elapsedSeconds()), message.isEmpty() ? "" : ", " + message));
        }
    }
}
