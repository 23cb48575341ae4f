package io.pxrcad.phantom;

import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Renders a synthetic cohort of frontal pelvic radiographs. Case {@code i} depends only on
 * the configuration and {@code i}, so cases can be rendered in any order and in parallel
 * (the generator is thread-safe) with byte-identical results.
 *
 * <p>A case is drawn as a projection: soft tissue and bowel gas, the bones (spine, sacrum,
 * hip bones, femora) with cortex and trabecular texture, fracture mimics, then the
 * patient's fracture(s) applied to the bone projection, and finally the detector (tone,
 * blur, noise, collimation, side marker). See {@code README.md}, "Synthetic phantoms".
 */
public final class PhantomGenerator {
    /** Canonical field of view in millimetres across the image at body size 1. */
    private static final double FIELD_MM = 380;

    private final PhantomConfig config;
    private final CohortPlan plan;

    public PhantomGenerator(PhantomConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.plan = new CohortPlan(config.seed(), config.secondImageShare());
    }

    public PhantomConfig config() { return config; }

    /** Renders case {@code i} (>= 0) of the cohort. */
    public Phantom render(int caseIndex) { return render(caseIndex, true, null); }

    /** The same phantom as {@link #render(int)} with its fracture(s) left out (label 0, no boxes); identical for negatives. */
    public Phantom renderWithoutFractures(int caseIndex) { return render(caseIndex, false, null); }

    /**
     * Detector pixel spacing in mm: the canonical field of view over the image size (patient
     * body size and a few percent of magnification then vary the anatomy's size in pixels).
     */
    public double pixelSpacingMm() { return FIELD_MM / config.size(); }

    /** Patient identifier of case {@code i}; a patient's two cases are consecutive. */
    public String patient(int caseIndex) { return String.format("P%06d", plan.patient(caseIndex)); }

    /** Renders case {@code i}; when {@code boneOut} is given, {@code boneOut[0]} receives the bone projection (mm, row-major). */
    Phantom render(int caseIndex, boolean withFractures, float[][] boneOut) {
        int p = plan.patient(caseIndex);
        long seed = config.seed();
        PatientCase patient = new PatientCase(Seeds.stream(seed, p, Seeds.PATIENT), config);
        SplittableRandom img = Seeds.stream(seed, caseIndex, Seeds.IMAGE);
        int n = config.size();
        Pose pose = pose(img, patient.bodySize, n);
        Skeleton sk = patient.skeleton;
        sk.rotateFemora(img);
        Detector detector = new Detector(img);
        Layer layer = new Layer(n, n);
        Raster raster = new Raster(pose, layer);
        float[] texture = ValueNoise.field(n, n, 2.2 * pose.scale, Seeds.stream(seed, caseIndex, Seeds.TEXTURE));

        float[] soft = new float[n * n];
        SoftTissue.paint(raster, soft, patient.habitus, img, texture);
        Mimics.soft(raster, soft, n, n, pose, img);

        float[] bone = new float[n * n];
        new SkeletonPainter(sk, raster).paint(bone);
        for (int i = 0; i < bone.length; i++) {
            if (bone[i] != 0) bone[i] *= 0.8f + 0.4f * texture[i];
        }
        Mimics.bone(bone, n, n, sk, pose, Seeds.stream(seed, p, Seeds.PATIENT_MIMICS));

        List<FractureSite> sites = new ArrayList<>();
        List<PixelBox> boxes = new ArrayList<>();
        if (withFractures) {
            for (FractureSpec f : patient.fractures) {
                PixelBox box = BreakRenderer.apply(bone, n, n, FracturePlacer.place(f, sk, pose, config.difficulty()));
                if (box != null) {
                    sites.add(f.site());
                    boxes.add(box);
                }
            }
        }
        if (boneOut != null) boneOut[0] = bone.clone();
        float[] pixels = detector.expose(soft, bone, n, n, Seeds.stream(seed, caseIndex, Seeds.NOISE));
        Radiograph image = Radiograph.wrap(n, n, pixels, 16, "PHANTOM");
        return new Phantom(caseIndex, patient(caseIndex), image,
                boxes.isEmpty() ? Optional.empty() : patient.type, sites, boxes);
    }

    /** Patient size, in-plane rotation, axial rotation, tilt and shift on the detector. */
    private static Pose pose(SplittableRandom img, double bodySize, int n) {
        double scale = n / FIELD_MM * bodySize * (0.97 + 0.06 * img.nextDouble());
        double rotation = Math.toRadians(8 * (img.nextDouble() - 0.5));
        double axial = Math.toRadians(10 * (img.nextDouble() - 0.5));
        double tilt = 0.93 + 0.14 * img.nextDouble();
        double cx = n / 2.0 + 24 * (img.nextDouble() - 0.5) * scale;
        double cy = n / 2.0 + (40 + 24 * (img.nextDouble() - 0.5)) * scale;
        return new Pose(scale, rotation, axial, tilt, cx, cy);
    }
}
