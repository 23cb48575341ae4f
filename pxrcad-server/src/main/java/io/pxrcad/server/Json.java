package io.pxrcad.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON responses, written with the service's own Jackson mapper (Javalin's mapper is not configured). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Writes and flushes {@code body} at once (the status and headers must be set), rather than when the handler returns. */
    static void sendNow(Context ctx, JsonNode body) {
        try {
            byte[] bytes = MAPPER.writeValueAsBytes(body);
            ctx.res().setContentType("application/json");
            ctx.res().setContentLength(bytes.length);
            ctx.res().getOutputStream().write(bytes);
            ctx.res().flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away; logged by the exception handler
        }
    }

    static void send(Context ctx, JsonNode body) {
        try {
            ctx.contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }
}
