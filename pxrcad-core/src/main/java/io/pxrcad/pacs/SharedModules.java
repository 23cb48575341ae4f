package io.pxrcad.pacs;

import io.pxrcad.dicom.DatasetBuilder;
import io.pxrcad.dicom.DicomFile;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The modules the Secondary Capture and the SR share: Patient (PS3.3 C.7.1.1) and General Study
 * (C.7.2.1) copied from the source byte for byte (with its Specific Character Set), or left empty
 * (Type 2) for a source of another format; General Series basics; General Equipment (C.7.5.1);
 * SOP Common (C.12.1) with the Contributing Equipment Sequence naming the algorithm
 * ({@code (109103, DCM, "Processing Algorithm")}); references to the source.
 */
final class SharedModules {
    static final String DISCLAIMER = "research software, not for diagnosis";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private SharedModules() {}

    /** Patient and General Study: the source's values, so a PACS files the result with the source. */
    static void patientAndStudy(DatasetBuilder ds, SourceImage source, ResultUids uids) {
        DicomFile f = source.file();
        ds.string(0x0020000D, "UI", uids.study());
        if (f == null) {
            for (int[] t : new int[][] {{0x00100010}, {0x00100020}, {0x00100030}, {0x00100040}, {0x00080020}, {0x00080030},
                    {0x00080090}, {0x00200010}, {0x00080050}}) {
                ds.bytes(t[0], vr(t[0]), new byte[0]);
            }
            return;
        }
        if (f.string(0x0008, 0x0005) != null) ds.copy(f, 0x00080005, "CS");
        for (int t : new int[] {0x00100010, 0x00100020, 0x00100030, 0x00100040, 0x00080020, 0x00080030, 0x00080090,
                0x00200010, 0x00080050}) {
            ds.copy(f, t, vr(t));
        }
        // Type 3: copied only where the source has them
        for (int t : new int[] {0x00100021, 0x00081030}) {
            if (f.string(t >>> 16, t & 0xFFFF) != null) ds.copy(f, t, vr(t));
        }
    }

    private static String vr(int tag) {
        return switch (tag) {
            case 0x00100010, 0x00080090 -> "PN";
            case 0x00100020, 0x00100021, 0x00081030 -> "LO";
            case 0x00100030, 0x00080020 -> "DA";
            case 0x00080030 -> "TM";
            case 0x00100040 -> "CS";
            case 0x00200010, 0x00080050 -> "SH";
            default -> throw new IllegalArgumentException("no VR for " + Integer.toHexString(tag));
        };
    }

    /** Modality, series UID, number and description (General Series C.7.3.1, SR Document Series C.17.1). */
    static void series(DatasetBuilder ds, String modality, String seriesUid, int number, String what) {
        ds.string(0x00080060, "CS", modality);
        ds.string(0x0020000E, "UI", seriesUid);
        ds.string(0x00200011, "IS", Integer.toString(number));
        ds.string(0x0008103E, "LO", "pxrcad " + what + " - " + DISCLAIMER);
    }

    /** General Equipment, SOP Common and the dates: content and instance creation at {@code created} (UTC). */
    static void equipmentAndSop(DatasetBuilder ds, String sopClass, String instance, Algorithm a, Instant created) {
        ds.string(0x00080016, "UI", sopClass);
        ds.string(0x00080018, "UI", instance);
        ds.string(0x00080012, "DA", DATE.format(created));
        ds.string(0x00080013, "TM", TIME.format(created));
        ds.string(0x00080023, "DA", DATE.format(created));
        ds.string(0x00080033, "TM", TIME.format(created));
        ds.string(0x00080201, "SH", "+0000");
        ds.string(0x00080070, "LO", "PXRCAD");
        ds.string(0x00081090, "LO", a.name());
        ds.string(0x00181020, "LO", softwareVersions(a));
        ds.string(0x00200013, "IS", "1");
        DatasetBuilder contributor = new DatasetBuilder()
                .sequence(0x0040A170, Code.dcm("109103", "Processing Algorithm").item())
                .string(0x00080070, "LO", "PXRCAD")
                .string(0x00081090, "LO", a.name())
                .string(0x00181020, "LO", softwareVersions(a))
                .string(0x0018A002, "DT", DATE.format(created) + TIME.format(created) + "+0000")
                .string(0x0018A003, "ST", a.name() + " " + a.softwareVersion() + ", model " + a.model() + ": " + DISCLAIMER);
        ds.sequence(0x0018A001, contributor);
    }

    /** {@code pxrcad 0.1.0\two-stage 0123456789abcdef}: the software, then the model. */
    private static String softwareVersions(Algorithm a) {
        return a.name() + " " + a.softwareVersion() + "\\" + a.model();
    }

    /** An item naming one instance (SOP Instance Reference Macro, PS3.3 Table 10-11). */
    static DatasetBuilder instance(String sopClass, String sopInstance) {
        return new DatasetBuilder().string(0x00081150, "UI", sopClass).string(0x00081155, "UI", sopInstance);
    }

    /** The Hierarchical SOP Instance Reference Macro (PS3.3 Table C.17-3) of one instance. */
    static DatasetBuilder evidence(String study, String series, String sopClass, String sopInstance) {
        return new DatasetBuilder().string(0x0020000D, "UI", study)
                .sequence(0x00081115, new DatasetBuilder().string(0x0020000E, "UI", series)
                        .sequence(0x00081199, instance(sopClass, sopInstance)));
    }
}
