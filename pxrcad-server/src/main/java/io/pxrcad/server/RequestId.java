package io.pxrcad.server;

import io.javalin.http.Context;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id a request is logged under, returned in {@code X-Request-Id}: the client's own when it
 * sent a plain one (so that a gateway's id follows the request), else a new one. It is never
 * derived from the upload's content, so that no DICOM identifier reaches a log.
 */
final class RequestId {
    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "pxrcad.requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestId() {}

    /** Gives the request its id and answers with it. */
    static void assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given
                : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** The request's id ({@code -} before {@link #assign}). */
    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
