package io.pxrcad.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The token a client must present as {@code Authorization: Bearer <token>}; none admits everyone. */
final class BearerToken {
    private static final String SCHEME = "Bearer ";
    private final byte[] expected;

    private BearerToken(byte[] expected) {
        this.expected = expected;
    }

    /** @param token the token, or null when the service is open */
    static BearerToken of(String token) {
        return new BearerToken(token == null ? null : token.getBytes(StandardCharsets.US_ASCII));
    }

    /** True when the service is open or {@code authorization} carries the token. */
    boolean admits(String authorization) {
        if (expected == null) return true;
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) return false;
        byte[] given = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.US_ASCII);
        // compares in time independent of where the first difference lies, so that timing does not reveal the token
        return MessageDigest.isEqual(given, expected);
    }
}
