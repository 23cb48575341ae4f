package io.pxrcad.server;

/**
 * A request the service answers with an error status and {@code {"error":{"code","type","message"}}}
 * ({@link ErrorJson}). The message is for the client: one line, never a class name or a patient
 * identifier.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final Integer retryAfterSeconds;

    ApiException(int status, String type, String message) {
        this(status, type, message, null);
    }

    private ApiException(int status, String type, String message, Integer retryAfterSeconds) {
        super(message, null, false, false); // a client error: no stack trace to collect
        this.status = status;
        this.type = type;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiException badRequest(String message) { return new ApiException(400, "invalid_image", message); }

    static ApiException tooLarge(String message) { return new ApiException(413, "payload_too_large", message); }

    static ApiException unsupported(String message) { return new ApiException(415, "unsupported_media_type", message); }

    static ApiException notFound(String message) { return new ApiException(404, "not_found", message); }

    static ApiException unauthorized(String message) { return new ApiException(401, "unauthorized", message); }

    /** 503 with {@code Retry-After}: the service is busy or still loading, the same request may succeed later. */
    static ApiException unavailable(String type, String message, int retryAfterSeconds) {
        return new ApiException(503, type, message, retryAfterSeconds);
    }

    int status() { return status; }

    String type() { return type; }

    /** Seconds for {@code Retry-After}, or null. */
    Integer retryAfterSeconds() { return retryAfterSeconds; }
}
