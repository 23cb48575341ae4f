package io.pxrcad.server;

import io.javalin.http.Context;

/** Writes the one error form of the API: {@code {"error":{"code":413,"type":"payload_too_large","message":"..."}}}. */
final class ErrorJson {
    private ErrorJson() {}

    static void write(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() != null) ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        write(ctx, e.status(), e.type(), e.getMessage());
    }

    static void write(Context ctx, int status, String type, String message) {
        var root = Json.MAPPER.createObjectNode();
        root.putObject("error").put("code", status).put("type", type).put("message", message);
        ctx.status(status);
        Json.send(ctx, root);
    }
}
