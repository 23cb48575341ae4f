package io.pxrcad.pacs;

import io.pxrcad.DataException;
import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.infer.Detection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Follows an Orthanc server's change feed and answers each stable study's radiographs with their
 * results: for every {@code StableStudy} change, the study's DX and CR instances (so never our own
 * SR and OT outputs) are fetched, scored, and their secondary capture (in scope) and then SR are
 * stored back with {@code POST /instances}. An instance whose SR Orthanc already holds is not
 * scored again (the UIDs are derived, see {@link DicomResults}), so a restart after a kill, or the
 * study turning stable again after our own stores, stores nothing twice; the SR is stored last,
 * so its presence means both are there. The last change handled is kept in a state file
 * ({@link FollowState}). An instance pxrcad cannot read is reported by its SOP Instance UID and
 * skipped; Orthanc failing stops the current study, which is tried again later.
 */
public final class OrthancFollower {
    private static final Logger LOG = LoggerFactory.getLogger(OrthancFollower.class);
    private static final Set<String> RADIOGRAPHS = Set.of("DX", "CR");
    private static final int PAGE = 100;

    /** What happened to each radiograph; called on the follower's thread. */
    public interface Listener {
        void stored(String sopInstanceUid, Detection detection, boolean secondaryCapture);

        void alreadyDone(String sopInstanceUid);

        void skipped(String sopInstanceUid, String reason);
    }

    /** Counts of one {@link #drain()}. */
    public record Summary(long lastChange, int studies, int stored, int alreadyDone, int skipped) {}

    private final OrthancClient orthanc;
    private final Function<Radiograph, Detection> scorer;
    private final Algorithm algorithm;
    private final FollowState state;
    private final Listener listener;
    private int studies, stored, alreadyDone, skipped;

    /**
     * @param scorer    the model, e.g. {@code detector::detect} of a {@link io.pxrcad.infer.FractureDetector}
     * @param stateFile where the last handled change is kept
     */
    public OrthancFollower(OrthancClient orthanc, Function<Radiograph, Detection> scorer, Algorithm algorithm, Path stateFile,
                           Listener listener) {
        this.orthanc = Objects.requireNonNull(orthanc, "orthanc");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.state = new FollowState(stateFile, orthanc.base());
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Handles every change the feed holds now, then returns. */
    public Summary drain() {
        return drain(() -> false);
    }

    /**
     * Handles every change the feed holds now, then returns; or returns before the next study
     * once {@code stop} says so (the state then names the last study handled, so that a restart
     * continues with the next).
     */
    public Summary drain(BooleanSupplier stop) {
        long last = state.load();
        while (true) {
            OrthancClient.Changes page = orthanc.changes(last, PAGE);
            for (OrthancClient.Change c : page.changes()) {
                if (stop.getAsBoolean()) {
                    state.save(last);
                    return new Summary(last, studies, stored, alreadyDone, skipped);
                }
                if (c.type().equals("StableStudy")) {
                    study(c.resourceId());
                    state.save(c.seq());
                }
                last = c.seq();
            }
            if (page.changes().isEmpty()) last = Math.max(last, page.last());
            state.save(last);
            if (page.done() || page.changes().isEmpty()) return new Summary(last, studies, stored, alreadyDone, skipped);
        }
    }

    /**
     * Drains the feed every {@code poll} until {@code stop} says so; an unreachable Orthanc is
     * logged and tried again at the next poll.
     */
    public void follow(Duration poll, BooleanSupplier stop) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            try {
                drain(stop);
            } catch (OrthancException e) {
                LOG.warn("{}; trying again in {} s", e.getMessage(), poll.toSeconds());
            }
            // in short naps, so that a stop is seen within a tenth of a second
            long until = System.nanoTime() + poll.toNanos();
            while (!stop.getAsBoolean() && System.nanoTime() < until) {
                Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
            }
        }
    }

    private void study(String studyId) {
        studies++;
        for (OrthancClient.Series s : orthanc.seriesOfStudy(studyId)) {
            if (!RADIOGRAPHS.contains(s.modality())) continue;
            for (OrthancClient.Instance i : orthanc.instancesOfSeries(s.id())) instance(i);
        }
    }

    private void instance(OrthancClient.Instance i) {
        String uid = i.sopInstanceUid();
        if (!uid.isEmpty() && orthanc.hasInstance(DicomResults.srUid(uid, algorithm))) {
            alreadyDone++;
            listener.alreadyDone(uid);
            return;
        }
        byte[] bytes = orthanc.file(i.id());
        DicomResults.Results results;
        Detection d;
        try {
            DicomFile f = DicomFile.parse(bytes);
            Radiograph image = f.radiograph();
            d = scorer.apply(image);
            results = DicomResults.write(d, SourceImage.of(f, image), algorithm);
        } catch (OrthancException e) {
            throw e;
        } catch (DataException e) {
            skipped++;
            LOG.debug("skipped instance {}: {}", uid, e.getMessage());
            listener.skipped(uid.isEmpty() ? "(no SOP Instance UID, Orthanc ID " + i.id() + ")" : uid, e.getMessage());
            return;
        }
        if (results.hasSecondaryCapture()) orthanc.store(results.sc());
        orthanc.store(results.sr());
        stored++;
        listener.stored(uid, d, results.hasSecondaryCapture());
    }
}
