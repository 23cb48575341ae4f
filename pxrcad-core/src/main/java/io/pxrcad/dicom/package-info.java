/**
 * DICOM input and output: a focused Part 10 reader (no complete Java DICOM toolkit is on
 * Maven Central) and a small writer.
 *
 * <p>Data flow: {@code Part10Reader} (PS3.10 7.1: preamble, File Meta, transfer syntax;
 * deflate; files without meta) &rarr; {@code DatasetParser} (PS3.5 7: implicit/explicit VR,
 * byte order, undefined lengths, sequences, encapsulated fragments) &rarr; {@link
 * io.pxrcad.dicom.DicomFile} &rarr; stored values per frame ({@code NativePixels}, {@code
 * RleDecoder} PS3.5 G, {@code JpegDecoder} and {@code ImageIoFrameDecoder} PS3.5 A.4, the
 * latter after {@code J2kCodestream} has checked a JPEG 2000 stream's tile-parts, {@code
 * EncapsulatedFrames}) &rarr; {@code GrayscalePipeline}: {@code
 * PhotometricInterpretation} (PS3.3 C.7.6.3.1.2), {@code ModalityLut} (C.11.1), {@code VoiLut}
 * and {@link io.pxrcad.dicom.WindowFunction} (C.11.2), MONOCHROME1 inversion &rarr; a {@link
 * io.pxrcad.Radiograph}.
 *
 * <p>Public API: {@link io.pxrcad.dicom.DicomDecoder} (found through {@code java.util.ServiceLoader}, asked first in {@code
 * ImageReaders.DECODERS}), {@link io.pxrcad.dicom.DicomFile} (header facts, stored frames,
 * pixel MD5), {@link io.pxrcad.dicom.DicomHeader}, {@link io.pxrcad.dicom.DicomInfo}, {@link
 * io.pxrcad.dicom.DicomWriter} and {@link io.pxrcad.dicom.DatasetBuilder} (any dataset, for
 * {@code io.pxrcad.pacs}'s SR and secondary capture), {@link io.pxrcad.dicom.DicomFuzzer}, {@link
 * io.pxrcad.dicom.DicomLimits}. Errors: {@link io.pxrcad.dicom.InvalidDicomException} for
 * anything truncated, corrupt or over a limit of {@code DicomLimits}; {@link
 * io.pxrcad.image.ImageTooLargeException} for a frame over the pixel limit that all formats
 * share ({@link io.pxrcad.image.ImageLimits}, {@code -Dpxrcad.maxPixels}); {@link
 * io.pxrcad.dicom.UnsupportedTransferSyntaxException} (e.g. JPEG-LS) naming the syntax. Logs
 * and messages never carry patient identifiers.
 */
package io.pxrcad.dicom;
