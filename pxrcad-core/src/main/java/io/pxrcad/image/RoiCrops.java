package io.pxrcad.image;

/**
 * Cuts a region of interest out of a square model-input image and resizes it to the stage-2
 * input size (METHOD.md: ROI of side {@code roiSize} at {@code imageSize}, resized to
 * {@code roiInput}). Plain arrays: {@code S*S} floats in [0,1] in, {@code R*R} floats out.
 */
public final class RoiCrops {
    private RoiCrops() {}

    /**
     * @param gray  {@code size*size} floats, row-major
     * @param box   the ROI in input pixels; parts outside the image read as 0
     * @param out   side of the output square
     */
    public static float[] crop(float[] gray, int size, InputBox box, int out) {
        int x0 = (int) Math.floor(box.x0());
        int y0 = (int) Math.floor(box.y0());
        int w = Math.max(1, (int) Math.round(box.width()));
        int h = Math.max(1, (int) Math.round(box.height()));
        float[] roi = new float[w * h];
        for (int y = 0; y < h; y++) {
            int sy = y0 + y;
            if (sy < 0 || sy >= size) continue;
            for (int x = 0; x < w; x++) {
                int sx = x0 + x;
                if (sx >= 0 && sx < size) {
                    roi[y * w + x] = gray[sy * size + sx];
                }
            }
        }
        return w == out && h == out ? roi : Preprocessor.resize(roi, w, h, out, out);
    }
}
