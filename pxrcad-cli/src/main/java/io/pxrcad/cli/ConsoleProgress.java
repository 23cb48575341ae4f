package io.pxrcad.cli;

import io.pxrcad.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shows the loops core reports (the batches of an epoch, the images of a prediction): on a
 * terminal a {@code progressbar} bar with count, rate and ETA. Otherwise (logs, CI, redirected
 * output) a bar per batch would flood the log, so a loop that runs longer than
 * {@link #QUIET_SECONDS} writes one line per 10% of its steps, e.g.
 * {@code stage 1 epoch 3/100: 40/125 (32%), 2.10 it/s, ETA 0:40, loss 0.5312}, and, when the
 * loop asks for one, a summary line at its end (an epoch has its own line from core instead).
 */
final class ConsoleProgress implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);

    /** Without a terminal, loops shorter than this write no intermediate line. */
    static final double QUIET_SECONDS = 60;

    private final boolean console;
    private final Consumer<String> lines;
    private final LongSupplier nanoTime;

    /** With {@code console} false, lines go to {@code lines}, timed by {@code nanoTime}. */
    ConsoleProgress(boolean console, Consumer<String> lines, LongSupplier nanoTime) {
        this.console = console;
        this.lines = lines;
        this.nanoTime = nanoTime;
    }

    /** A bar when {@code System.console() != null}, else SLF4J INFO lines. */
    static ConsoleProgress logged() {
        return new ConsoleProgress(System.console() != null, LOG::info, System::nanoTime);
    }

    /** A bar when {@code System.console() != null}, else lines to {@code lines} (a command's own stderr). */
    static ConsoleProgress printed(Consumer<String> lines) {
        return new ConsoleProgress(System.console() != null, lines, System::nanoTime);
    }

    @Override
    public Loop started(String name, long total, boolean summary) {
        return new Loop(name, total, summary);
    }

    /** One loop on the screen or in the log. */
    final class Loop implements Task {
        private final String task;
        private final long total;
        private final boolean summary;
        private final ProgressBar bar;
        private final long startNanos;
        private long done;
        private long nextTenth = 1;
        private String message = "";
        private boolean closed;

        private Loop(String task, long total, boolean summary) {
            if (total < 0) {
                throw new IllegalArgumentException("expected total >= 0 but got " + total);
            }
            this.task = task;
            this.total = total;
            this.summary = summary;
            this.startNanos = nanoTime.getAsLong();
            this.bar = console
                    ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                            .showSpeed().setUnit(" it", 1).build()
                    : null;
        }

        @Override
        public synchronized void advanced(String note) {
            if (closed) {
                throw new IllegalStateException("progress of '" + task + "' is closed");
            }
            done++;
            message = note == null ? "" : note;
            if (bar != null) {
                bar.setExtraMessage(message);
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
        synchronized long done() { return done; }

        private String line() {
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

        @Override
        public synchronized void close() {
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

    /** {@code h:mm:ss} or {@code m:ss}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
