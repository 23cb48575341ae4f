package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** Writes the one error form of the API: {@code {"error":{"code":413,"type":"payload_too_large","message":"..."}}}. */
final class ErrorJson {
    private ErrorJson() {}

    static void write(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() != null) ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        write(ctx, e.status(), e.type(), e.getMessage());
    }

    static void write(Context ctx, int status, String type, String message) {
        ctx.status(status);
        Json.send(ctx, body(status, type, message));
    }

    /** Writes and flushes the answer at once, before the handler returns. */
    static void writeNow(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() != null) ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        ctx.status(e.status());
        Json.sendNow(ctx, body(e.status(), e.type(), e.getMessage()));
    }

    private static JsonNode body(int status, String type, String message) {
        var root = Json.MAPPER.createObjectNode();
        root.putObject("error").put("code", status).put("type", type).put("message", message);
        return root;
    }
}
