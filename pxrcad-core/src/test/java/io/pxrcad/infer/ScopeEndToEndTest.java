package io.pxrcad.infer;

import io.pxrcad.ProgressListener;
import io.pxrcad.AcquisitionInfo;
import io.pxrcad.Radiograph;
import io.pxrcad.data.KFoldSplitter;
import io.pxrcad.data.Manifest;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.data.ManifestWriter;
import io.pxrcad.data.Split;
import io.pxrcad.image.ImageReaders;
import io.pxrcad.image.PngWriter;
import io.pxrcad.artifact.FeatureStatistics;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.train.Preset;
import io.pxrcad.train.TwoStageTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The out-of-scope check end to end: a tiny two-stage model trained on 128-px phantoms keeps its
 * feature statistics in the artifact, keeps held-out phantoms (other patients, another cohort
 * seed) in scope, and puts real chest, hand, extremity, MR and CT images out of scope, both from
 * their DICOM header and, with the header stripped (the same pixels as a 16-bit PNG), from the
 * image features alone; a blank image is out of scope with its own reason.
 */
class ScopeEndToEndTest {
    static final Path DICOM = Path.of(System.getProperty("pxrcad.root", "."), "testdata", "dicom").toAbsolutePath().normalize();
    static final Path PELVIS = DICOM.resolveSibling("radiographs");
    /** Non-pelvic real images: what they are, and the header reason each must get. */
    static final Map<String, String> OTHERS = new LinkedHashMap<>();

    static {
        OTHERS.put("xray/RSNA_chest_CR_JPEGbaseline.dcm", "body part CHEST (expected pelvis or hip)");
        OTHERS.put("xray/CR-MONO1-10-chest.dcm", "body part CHEST (expected pelvis or hip)");
        OTHERS.put("xray/RG1_J2KI.dcm", "body part CHEST (expected pelvis or hip)");
        OTHERS.put("xray/NM_Kakadu44_SOTmarkerincons.dcm", "body part HAND (expected pelvis or hip)");
        OTHERS.put("xray/RG3_JPLL.dcm", "body part EXTREMITY (expected pelvis or hip)");
        OTHERS.put("syntax/MR_small.dcm", "modality MR (expected CR, DX or RF)");
        OTHERS.put("syntax/CT_small.dcm", "modality CT (expected CR, DX or RF)");
    }

    @TempDir
    static Path dir;
    static ModelArtifact model;
    static List<Radiograph> heldOut;

    @BeforeAll
    static void train() throws Exception {
        long start = System.nanoTime();
        PhantomConfig phantoms = PhantomConfig.defaults().withSize(128).withSeed(21).withDifficulty(0);
        List<ManifestEntry> cohort = KFoldSplitter.holdOut(
                CohortWriter.write(phantoms, dir.resolve("data"), 100, 2, ProgressListener.NONE), 0.2, 1);
        ManifestWriter.write(dir.resolve("data/manifest.csv"), cohort);
        Manifest manifest = Manifest.load(dir.resolve("data/manifest.csv"));
        List<ManifestEntry> train = manifest.entries().stream().filter(e -> e.split().orElseThrow() == Split.TRAIN).toList();
        List<ManifestEntry> val = manifest.entries().stream().filter(e -> e.split().orElseThrow() == Split.VAL).toList();
        TwoStageTraining.Plan plan = TwoStageTraining.Plan.of(Preset.TINY).withDevice("cpu");
        plan = plan.withConfig(plan.config().withEpochs(EPOCHS));
        model = TwoStageTraining.run(manifest, train, val, plan, dir.resolve("run"), false, ProgressListener.NONE).artifact();
        Path held = dir.resolve("held-out");
        heldOut = new ArrayList<>();
        for (ManifestEntry e : CohortWriter.write(phantoms.withSeed(22), held, HELD_OUT, 2, ProgressListener.NONE)) {
            heldOut.add(ImageReaders.read(held.resolve(e.image())));
        }
        System.err.printf(Locale.ROOT, "scope: trained on %d, validated on %d phantoms in %.0f s%n", train.size(), val.size(),
                (System.nanoTime() - start) / 1e9);
    }

    static final int EPOCHS = 2;
    static final int HELD_OUT = 60;
    @Test
    void keepsHeldOutPhantomsAndPutsOtherImagesOutOfScope() throws Exception {
        FeatureStatistics stats = model.metadata().info().featureStatistics();
        assertThat(stats).as("feature statistics in model.json").isNotNull();
        assertThat(ModelArtifact.load(model.dir()).metadata().info().featureStatistics()).isEqualTo(stats);
        try (FractureDetector detector = FractureDetector.load(model.dir(), "cpu")) {
            List<Detection> phantoms = detector.detect(heldOut);
            int in = 0;
            double max = 0;
            for (Detection d : phantoms) {
                if (d.inScope()) in++;
                max = Math.max(max, d.featureDistance());
                assertThat(d.band() == Band.OUT_OF_SCOPE).isEqualTo(!d.inScope());
            }
            System.err.printf(Locale.ROOT, "scope: held-out phantoms in scope %d/%d (largest distance %.2f, threshold %.2f)%n",
                    in, phantoms.size(), max, stats.threshold());
            assertThat(in).as("held-out phantoms in scope").isGreaterThanOrEqualTo((int) Math.ceil(0.95 * phantoms.size()));
            for (Map.Entry<String, String> e : OTHERS.entrySet()) {
                Radiograph withHeader = ImageReaders.read(DICOM.resolve(e.getKey()));
                Path png = dir.resolve(Path.of(e.getKey()).getFileName() + ".png");
                PngWriter.write16(png, withHeader);
                Radiograph stripped = ImageReaders.read(png);
                assertThat(stripped.acquisition()).isEqualTo(AcquisitionInfo.UNKNOWN);
                Detection h = detector.detect(withHeader), p = detector.detect(stripped);
                System.err.printf(Locale.ROOT, "scope: %-40s with header: %s %s | as PNG: %s %s%n", e.getKey(),
                        h.inScope() ? "IN" : "OUT", h.scopeReasons(), p.inScope() ? "IN" : "OUT", p.scopeReasons());
                assertThat(h.scopeReasons()).as(e.getKey()).contains(e.getValue());
                assertThat(h.band()).isEqualTo(Band.OUT_OF_SCOPE);
                assertThat(p.inScope()).as(e.getKey() + " without its header").isFalse();
                assertThat(p.scopeReasons()).as(e.getKey() + " without its header")
                        .anyMatch(r -> r.startsWith("image features outside the training distribution"));
                assertThat(p.band()).isEqualTo(Band.OUT_OF_SCOPE);
                assertThat(p.probability()).isBetween(0.0, 1.0);
            }
            for (String f : List.of("ddh_pelvis_AP_331_DDH_1.jpg", "ddh_pelvis_AP_331_DDH_10.jpg")) {
                Detection d = detector.detect(ImageReaders.read(PELVIS.resolve(f)));
                System.err.printf(Locale.ROOT, "scope (informational): %-40s %s %s, distance %.2f%n", f,
                        d.inScope() ? "IN" : "OUT", d.scopeReasons(), d.featureDistance());
            }
            Detection hip = detector.detect(ImageReaders.read(DICOM.resolve("xray/RG2_JPLL.dcm")));
            System.err.printf(Locale.ROOT, "scope (informational): %-40s %s %s, distance %.2f%n", "xray/RG2_JPLL.dcm (hip CR)",
                    hip.inScope() ? "IN" : "OUT", hip.scopeReasons(), hip.featureDistance());
            Detection blank = detector.detect(new Radiograph(128, 128, new float[128 * 128], 8, "PNG"));
            System.err.printf(Locale.ROOT, "scope: blank %s%n", blank.scopeReasons());
            assertThat(blank.scopeReasons()).contains(ScopeCheck.BLANK);
            assertThat(blank.band()).isEqualTo(Band.OUT_OF_SCOPE);
        }
    }

    /** A model saved before the statistics existed: the same scores, scope from the header and the blank check only. */
    @Test
    void aModelWithoutStatisticsJudgesScopeFromTheHeaderOnly() throws Exception {
        Path legacy = dir.resolve("legacy-model");
        java.nio.file.Files.createDirectories(legacy);
        for (Path f : java.nio.file.Files.list(model.dir()).toList()) java.nio.file.Files.copy(f, legacy.resolve(f.getFileName()));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode meta =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(legacy.resolve("model.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) meta.get("info")).remove("featureStatistics");
        java.nio.file.Files.writeString(legacy.resolve("model.json"), json.writeValueAsString(meta));
        Radiograph chest = ImageReaders.read(DICOM.resolve("xray/RSNA_chest_CR_JPEGbaseline.dcm"));
        try (FractureDetector now = FractureDetector.load(model.dir(), "cpu");
             FractureDetector old = FractureDetector.load(legacy, "cpu")) {
            assertThat(old.artifact().metadata().info().featureStatistics()).isNull();
            List<Radiograph> images = List.of(heldOut.get(0), heldOut.get(1), chest, chest.withAcquisition(AcquisitionInfo.UNKNOWN));
            List<Detection> a = now.detect(images), b = old.detect(images);
            for (int i = 0; i < images.size(); i++) {
                assertThat(b.get(i).probability()).isEqualTo(a.get(i).probability());
                assertThat(b.get(i).map()).isEqualTo(a.get(i).map());
                assertThat(b.get(i).featureDistance()).isNull();
            }
            assertThat(b.get(0).inScope()).isTrue();
            assertThat(b.get(2).scopeReasons()).containsExactly("body part CHEST (expected pelvis or hip)");
            assertThat(b.get(3).inScope()).as("no header and no statistics: nothing says it is out of scope").isTrue();
            assertThat(a.get(3).inScope()).isFalse();
        }
    }
}
