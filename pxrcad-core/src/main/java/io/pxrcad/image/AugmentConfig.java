package io.pxrcad.image;

/**
 * Ranges of the training augmentation (METHOD.md "Training schedule"; not specified by the
 * paper). Each parameter is drawn uniformly from {@code [-x, +x]}.
 *
 * @param rotationDeg maximum rotation in degrees (default 5)
 * @param scale       maximum relative zoom, e.g. 0.05 = +-5% (default 0.05)
 * @param translate   maximum shift as a share of the image side (default 0.03)
 * @param brightness  maximum additive brightness change on [0,1] intensities (default 0.10)
 * @param contrast    maximum relative contrast change around mid-grey (default 0.10)
 * @param horizontalFlip probability of a left-right mirror image (default 0: METHOD.md has none; a
 *                    frontal pelvis is nearly symmetric and a fracture is one on either side, so the
 *                    reduced presets use 0.5, which on 170 training phantoms raised the held-out AUC of
 *                    stage 1 from 0.83-0.86 to 0.93-0.94)
 */
public record AugmentConfig(double rotationDeg, double scale, double translate, double brightness, double contrast,
                            double horizontalFlip) {
    public AugmentConfig {
        check("rotationDeg", rotationDeg, 180);
        check("scale", scale, 0.5);
        check("translate", translate, 0.5);
        check("brightness", brightness, 1);
        check("contrast", contrast, 1);
        if (!(horizontalFlip >= 0 && horizontalFlip <= 1)) {
            throw new IllegalArgumentException("horizontalFlip must be in [0, 1] but was " + horizontalFlip);
        }
    }

    /** The affine and intensity ranges without a flip. */
    public AugmentConfig(double rotationDeg, double scale, double translate, double brightness, double contrast) {
        this(rotationDeg, scale, translate, brightness, contrast, 0);
    }

    /** The defaults: rotation 5 degrees, scale 5%, translation 3%, brightness and contrast 10%, no flip. */
    public AugmentConfig() {
        this(5, 0.05, 0.03, 0.10, 0.10, 0);
    }

    /** No augmentation (evaluation). */
    public static AugmentConfig none() {
        return new AugmentConfig(0, 0, 0, 0, 0, 0);
    }

    public AugmentConfig withHorizontalFlip(double p) {
        return new AugmentConfig(rotationDeg, scale, translate, brightness, contrast, p);
    }

    public boolean isNone() {
        return rotationDeg == 0 && scale == 0 && translate == 0 && brightness == 0 && contrast == 0 && horizontalFlip == 0;
    }

    /** No affine or intensity change (a flip may remain). */
    boolean isIdentityTransform() {
        return rotationDeg == 0 && scale == 0 && translate == 0 && brightness == 0 && contrast == 0;
    }

    private static void check(String name, double v, double max) {
        if (!(v >= 0 && v < max)) {
            throw new IllegalArgumentException(name + " must be in [0, " + max + ") but was " + v);
        }
    }
}
