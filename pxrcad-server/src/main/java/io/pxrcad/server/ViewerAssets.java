package io.pxrcad.server;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The web viewer at {@code /}: a page, its style sheet and its script, plain files in the jar
 * ({@code viewer/} next to this class), read once and served as they are. No build step, nothing
 * from a CDN: the viewer works offline, from the service alone, and talks only to the API of
 * the same origin (its Content-Security-Policy allows nothing else).
 */
final class ViewerAssets {
    static final String DIR = "viewer/";
    /** Path served -> resource and its media type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/viewer.css", new String[] {"viewer.css", "text/css; charset=utf-8"},
            "/viewer.js", new String[] {"viewer.js", "text/javascript; charset=utf-8"});
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob: data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ViewerAssets() {}

    static void register(RoutesConfig routes) {
        FILES.forEach((path, file) -> {
            byte[] bytes = read(file[0]);
            String type = file[1];
            routes.get(path, ctx -> ctx.contentType(type)
                    // no-cache: a browser revalidates, so a new version of the service never runs an old script
                    .header("Cache-Control", "no-cache")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Security-Policy", POLICY)
                    .result(bytes));
        });
    }

    /** True for the paths of the viewer's files (a route of its own in the metrics, not {@code unmatched}). */
    static boolean serves(String path) {
        return FILES.containsKey(path);
    }

    private static byte[] read(String name) {
        try (InputStream in = ViewerAssets.class.getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException("the service's jar lacks " + DIR + name + " (a broken build)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + DIR + name + ": " + e.getMessage(), e);
        }
    }
}
