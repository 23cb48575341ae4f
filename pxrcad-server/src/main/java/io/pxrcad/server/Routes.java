package io.pxrcad.server;

/** The API's paths, in one place for the router, the links in responses and the tests' reading of them. */
final class Routes {
    static final String BASE = "/api/v1";
    static final String PREDICTIONS = BASE + "/predictions";
    static final String MODEL = BASE + "/model";
    static final String HEALTH = BASE + "/health";
    static final String READY = BASE + "/ready";
    static final String METRICS = BASE + "/metrics";
    static final String OPENAPI = BASE + "/openapi.json";

    private Routes() {}

    static String prediction(String id) { return PREDICTIONS + "/" + id; }
}
