package io.pxrcad.pacs;

import io.pxrcad.dicom.DatasetBuilder;
import io.pxrcad.dicom.DicomFile;
import io.pxrcad.infer.Detection;
import io.pxrcad.report.HeatmapOverlay;

import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;

/**
 * The annotated copy of a radiograph as a Secondary Capture Image (PS3.3 A.8.1): the picture of
 * {@link HeatmapOverlay#annotated} (heatmap, ROI box, probability, band and type, and the
 * disclaimer) as 8-bit RGB, Burned In Annotation YES, Image Type DERIVED\SECONDARY, with the
 * source in its Source Image Sequence (purpose (121322, DCM, "Source image for image processing
 * operation")).
 */
final class SecondaryCapture {
    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";
    static final int SERIES_NUMBER = 9902;
    /** The longest side of the picture: a PACS viewer zooms, 2048 px keeps a radiograph's detail. */
    static final int MAX_SIDE = 2048;

    private SecondaryCapture() {}

    /** The picture written as the SC's pixels. */
    static BufferedImage picture(Detection d, SourceImage source, Algorithm a) {
        return HeatmapOverlay.annotated(source.image(), d, List.of(HeatmapOverlay.caption(d), "model " + a.model()),
                "pxrcad: " + SharedModules.DISCLAIMER, MAX_SIDE);
    }

    /**
     * General Series Body Part Examined (Type 3) and Laterality (Type 2C: for a paired body part)
     * from the source: its Laterality, else an R or L Image Laterality; empty only where the body
     * part is unknown (dciodvfy then cannot tell whether it is paired), absent for a known body part
     * without one (a pelvis is unpaired).
     */
    private static void bodyPartAndLaterality(DatasetBuilder ds, SourceImage source) {
        DicomFile f = source.file();
        String bodyPart = f == null ? null : f.string(0x0018, 0x0015);
        if (bodyPart != null) ds.copy(f, 0x00180015, "CS");
        String laterality = f == null ? null : f.string(0x0020, 0x0060);
        String imageLaterality = f == null ? null : f.string(0x0020, 0x0062);
        if (laterality == null && ("R".equals(imageLaterality) || "L".equals(imageLaterality))) laterality = imageLaterality;
        if (laterality != null) ds.string(0x00200060, "CS", laterality);
        else if (bodyPart == null) ds.string(0x00200060, "CS", "");
    }

    static byte[] encode(BufferedImage picture, SourceImage source, ResultUids uids, Algorithm a, Instant created) {
        DatasetBuilder ds = new DatasetBuilder();
        SharedModules.patientAndStudy(ds, source, uids);
        SharedModules.series(ds, "OT", uids.scSeries(), SERIES_NUMBER, "overlay");
        bodyPartAndLaterality(ds, source);
        SharedModules.equipmentAndSop(ds, SOP_CLASS, uids.sc(), a, created);
        // SC Equipment (C.8.6.1): made on a workstation from another image
        ds.string(0x00080064, "CS", "WSD");
        // General Image (C.7.6.1)
        ds.string(0x00080008, "CS", "DERIVED\\SECONDARY");
        ds.string(0x00082111, "ST", "heatmap and region of the fracture finding burned in by " + a.name() + " model " + a.model());
        if (source.isDicom()) {
            var h = source.file().header();
            ds.sequence(0x00082112, SharedModules.instance(h.sopClassUid(), h.sopInstanceUid())
                    .sequence(0x0040A170, Code.dcm("121322", "Source image for image processing operation").item()));
            ds.copy(source.file(), 0x00200020, "CS");
        } else {
            ds.string(0x00200020, "CS", "");
        }
        ds.string(0x00280301, "CS", "YES");
        // Image Pixel (C.7.6.3): 8-bit RGB, colour-by-pixel
        int w = picture.getWidth(), h = picture.getHeight();
        ds.us(0x00280002, 3);
        ds.string(0x00280004, "CS", "RGB");
        ds.us(0x00280006, 0);
        ds.us(0x00280010, h);
        ds.us(0x00280011, w);
        ds.us(0x00280100, 8);
        ds.us(0x00280101, 8);
        ds.us(0x00280102, 7);
        ds.us(0x00280103, 0);
        byte[] rgb = new byte[w * h * 3];
        int k = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = picture.getRGB(x, y);
                rgb[k++] = (byte) (p >>> 16);
                rgb[k++] = (byte) (p >>> 8);
                rgb[k++] = (byte) p;
            }
        }
        ds.bytes(0x7FE00010, "OB", rgb);
        return ds.part10(SOP_CLASS, uids.sc());
    }
}
