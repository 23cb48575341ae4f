package io.pxrcad.server;

import io.javalin.http.Context;
import io.pxrcad.pacs.DicomResults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer to {@code POST /predictions?output=dicom}: the structured report and, for an image in
 * the model's scope, the secondary capture, as {@code multipart/related; type="application/dicom"}
 * (the form DICOMweb uses, so that a client can store the parts in its PACS as they are). The JSON
 * result stays at the {@code Location}.
 */
final class DicomMultipart {
    static final String TYPE = "multipart/related; type=\"application/dicom\"";

    private DicomMultipart() {}

    /** Writes and flushes the parts at once (the status and headers must be set). */
    static void sendNow(Context ctx, StoredPrediction p) {
        DicomResults.Results r = p.dicom();
        // the prediction's id is random: no boundary can occur inside the parts by chance beyond 2^-64
        String boundary = "pxrcad-" + p.id();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, r.sr(), r.srUid(), "structured report (TID 1500)");
        if (r.hasSecondaryCapture()) part(body, boundary, r.sc(), r.scUid(), "secondary capture");
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        try {
            ctx.res().setContentType(TYPE + "; boundary=" + boundary);
            ctx.res().setContentLength(body.size());
            ctx.res().getOutputStream().write(body.toByteArray());
            ctx.res().flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away
        }
    }

    private static void part(ByteArrayOutputStream out, String boundary, byte[] dicom, String sopInstanceUid, String what) {
        String head = "--" + boundary + "\r\nContent-Type: application/dicom\r\nContent-Description: " + what
                + "\r\nContent-ID: <" + sopInstanceUid + ">\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(dicom);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
