package io.pxrcad.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.pxrcad.Radiograph;
import io.pxrcad.infer.FractureDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The REST service over the inference seam (docs/ARCHITECTURE.md): one {@link FractureDetector}
 * behind a {@link ScoringPool}, answering under {@code /api/v1}:
 * {@code POST /predictions} (the image as the body), {@code GET /predictions/{id}} and its
 * {@code overlay.png}, {@code heatmap.png} and {@code image.png}, {@code GET /model}, {@code /health},
 * {@code /ready}, {@code /metrics} (Prometheus text, {@link ServiceMetrics}) and
 * {@code /openapi.json} ({@link OpenApiDocument}); and the web viewer at {@code /} ({@link ViewerAssets}). It listens as soon as it starts and loads the model in the background;
 * {@code /ready} and the model's endpoints answer 503 until the model is loaded and has scored
 * one warm-up image. Errors are {@code {"error":{"code","type","message"}}} ({@link ErrorJson}):
 * a 4xx for anything a client sends, never a stack trace. Must be closed: {@link #close} stops
 * taking uploads, finishes the accepted ones, then stops listening and closes the model.
 */
public final class PredictionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PredictionServer.class);
    private static final SecureRandom IDS = new SecureRandom();
    /** How long {@link #close} waits for accepted uploads. */
    private static final long DRAIN_MILLIS = 60_000;

    private final ServerConfig config;
    private final ScoringPool<Upload> pool;
    private final BearerToken token;
    private final PredictionStore store;
    private final ServiceMetrics metrics;
    private final byte[] openApi = OpenApiDocument.bytes();
    private final CountDownLatch settled = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile FractureDetector detector;
    private volatile ModelInfo model;
    private volatile RuntimeException loadFailure;
    private volatile boolean closing;
    private Javalin app;

    private PredictionServer(ServerConfig config) {
        this.config = config;
        this.metrics = new ServiceMetrics();
        this.pool = new ScoringPool<>(config.workers(), config.queue(), config.maxBatch(), config.maxWaitMillis(),
                batch -> UploadScoring.score(detector, model, batch), metrics::batch);
        metrics.queueDepth(pool::queued);
        this.store = new PredictionStore(config.keep());
        this.token = BearerToken.of(config.token());
    }

    /** Starts listening and loads the model at {@code modelDir} on {@code device} in the background. */
    public static PredictionServer start(ServerConfig config, Path modelDir, String device) {
        return start(config, () -> FractureDetector.load(modelDir, device));
    }

    /**
     * Starts listening and runs {@code loader} in the background; the server owns (and closes) the
     * detector it returns.
     */
    public static PredictionServer start(ServerConfig config, Supplier<FractureDetector> loader) {
        PredictionServer s = new PredictionServer(config);
        try {
            s.app = s.javalin().start(config.host(), config.port());
        } catch (RuntimeException e) {
            s.pool.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e), e);
        }
        Thread t = new Thread(() -> s.load(loader), "pxrcad-model-loader");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** The port it listens on (the free one chosen when the configuration said 0). */
    public int port() { return app.port(); }

    /** {@code http://host:port/api/v1}. */
    public String url() { return "http://" + config.host() + ":" + port() + Routes.BASE; }

    /** True once the model is loaded and warmed up. */
    public boolean ready() { return model != null; }

    /**
     * Waits until the model is loaded and warmed up.
     *
     * @return false when {@code timeout} passed first
     * @throws RuntimeException the loader's own failure (e.g. a {@code ModelArtifactException}) when it failed
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        if (!settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) return false;
        if (loadFailure != null) throw loadFailure;
        return true;
    }

    private void load(Supplier<FractureDetector> loader) {
        try {
            long t0 = System.nanoTime();
            FractureDetector d = loader.get();
            try {
                ModelInfo info = ModelInfo.of(d.artifact());
                Radiograph warmUp = warmUpImage(d.imageSize());
                d.detect(warmUp);
                // a full batch too: the networks' first pass at a new batch shape is the slow one
                if (config.maxBatch() > 1) d.detect(Collections.nCopies(config.maxBatch(), warmUp), config.maxBatch());
                detector = d;
                model = info;
                LOG.info("model {} version {} loaded and warmed up in {} ms", info.id(), info.version(),
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                d.close();
                throw e;
            }
        } catch (RuntimeException e) {
            loadFailure = e;
            LOG.error("the model failed to load: {}", e.getMessage());
        } finally {
            settled.countDown();
        }
    }

    /** A smooth gradient at the model's input size: runs every layer once so that the first upload is not the slow one. */
    private static Radiograph warmUpImage(int size) {
        float[] px = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) px[y * size + x] = 1000f * (x + y) / (2f * size);
        }
        return Radiograph.wrap(size, size, px, 16, "warm-up");
    }

    private Javalin javalin() {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = config.maxUploadBytes();
            cfg.requestLogger.http((ctx, ms) -> {
                LOG.info("request {}: {} {} {} in {} ms", RequestId.of(ctx), ctx.method(), ctx.path(), ctx.statusCode(),
                        Math.round(ms));
                metrics.request(ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms / 1000.0);
            });
            cfg.routes.before(RequestId::assign);
            cfg.routes.before(Routes.BASE + "/*", this::authorize);
            cfg.routes.get(Routes.HEALTH, ctx -> Json.send(ctx, Json.MAPPER.createObjectNode().put("status", "ok")));
            cfg.routes.get(Routes.READY, this::ready);
            cfg.routes.get(Routes.MODEL, ctx -> Json.send(ctx, requireModel().document()));
            cfg.routes.get(Routes.METRICS, ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.text()));
            cfg.routes.get(Routes.OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
            cfg.routes.post(Routes.PREDICTIONS, this::predict);
            cfg.routes.get(Routes.PREDICTIONS + "/{id}", ctx -> Json.send(ctx, stored(ctx).json()));
            cfg.routes.get(Routes.PREDICTIONS + "/{id}/overlay.png", ctx -> png(ctx, stored(ctx).pictures().overlayPng()));
            cfg.routes.get(Routes.PREDICTIONS + "/{id}/heatmap.png", ctx -> png(ctx, stored(ctx).pictures().heatmapPng()));
            cfg.routes.get(Routes.PREDICTIONS + "/{id}/image.png", ctx -> png(ctx, stored(ctx).pictures().imagePng()));
            ViewerAssets.register(cfg.routes);
            cfg.routes.exception(ApiException.class, (e, ctx) -> ErrorJson.write(ctx, e));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> ErrorJson.write(ctx, e.getStatus(),
                    typeOf(e.getStatus()), httpMessage(e.getStatus(), ctx)));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ErrorJson.write(ctx, 500, "internal", "internal error: the service failed, not the request (see its log)");
            });
            cfg.routes.error(404, "*", ctx -> {
                if (!isJsonError(ctx)) ErrorJson.write(ctx, 404, "not_found", httpMessage(404, ctx));
            });
            cfg.routes.error(405, "*", ctx -> {
                if (!isJsonError(ctx)) ErrorJson.write(ctx, 405, "method_not_allowed", httpMessage(405, ctx));
            });
        });
    }

    /** Every API request but liveness, readiness and the API's description carries the token, when there is one. */
    private void authorize(Context ctx) {
        String path = ctx.path();
        if (path.equals(Routes.HEALTH) || path.equals(Routes.READY) || path.equals(Routes.OPENAPI)) return;
        if (token.admits(ctx.header("Authorization"))) return;
        drain(ctx);
        ctx.header("WWW-Authenticate", "Bearer realm=\"pxrcad\"");
        throw ApiException.unauthorized("this service requires 'Authorization: Bearer <token>' (the token in the file given"
                + " to --token-file)");
    }

    private void ready(Context ctx) {
        ModelInfo m = model;
        if (m == null) throw notReady();
        Json.send(ctx, Json.MAPPER.createObjectNode().put("status", "ready").set("model", m.summary()));
    }

    private void predict(Context ctx) throws InterruptedException {
        ModelInfo m;
        try {
            m = requireModel();
        } catch (ApiException e) {
            drain(ctx);
            throw e;
        }
        inFlight.incrementAndGet();
        try {
            if (closing) {
                drain(ctx);
                throw ApiException.unavailable("shutting_down", "the service is shutting down", 5);
            }
            boolean dicomOutput = dicomOutput(ctx);
            // room first, body after, and the answer before the body is read: a refusal waits neither
            // for the upload nor for the CPU the workers hold
            if (!pool.reserve()) {
                refuseNow(ctx, ApiException.unavailable("overloaded", "every worker is busy and the queue of " + config.queue()
                        + " is full: try again shortly", 1));
                return;
            }
            Upload upload;
            try {
                upload = Upload.of(newId(), body(ctx), ctx.contentType(), dicomOutput);
            } catch (RuntimeException e) {
                pool.release();
                throw e;
            }
            pool.submit(upload);
            StoredPrediction p = result(upload);
            store.put(p);
            metrics.prediction(p.json().get("detection").get("band").asText());
            LOG.info("request {}: prediction {} scored ({})", RequestId.of(ctx), p.id(), p.json().get("timings"));
            ctx.status(201).header("Location", Routes.prediction(p.id()));
            // written and flushed here, so that close() knows this answer has left once the count drops
            if (p.dicom() != null) DicomMultipart.sendNow(ctx, p);
            else Json.sendNow(ctx, p.json());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** {@code ?output=json} (the default) or {@code dicom}: the answer as DICOM objects to store next to the study. */
    private boolean dicomOutput(Context ctx) {
        String output = ctx.queryParam("output");
        if (output == null || output.equals("json")) return false;
        if (output.equals("dicom")) return true;
        drain(ctx);
        throw new ApiException(400, "bad_request", "output must be json or dicom but was '" + output + "'");
    }

    private byte[] body(Context ctx) {
        long max = config.maxUploadBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            if (declared <= 2 * max) drain(ctx);
            throw tooLarge(declared);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
        if (bytes.length > max) {
            drain(ctx);
            throw tooLarge(-1);
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("the request body is empty: expected the image's bytes (DICOM, PNG, JPEG or TIFF)");
        }
        return bytes;
    }

    /**
     * Answers at once, then reads what is left of the body: a client that reads while it writes (most
     * do) has its answer without sending the rest.
     */
    private void refuseNow(Context ctx, ApiException e) {
        try {
            ErrorJson.writeNow(ctx, e);
        } catch (UncheckedIOException gone) {
            return; // the client went away
        }
        drain(ctx);
    }

    /**
     * Reads and drops what is left of a refused upload (up to twice the upload limit). A client
     * still writing its body when the answer comes would otherwise meet a closed connection and
     * never read the answer (413, 503); beyond that bound the connection is closed anyway.
     */
    private void drain(Context ctx) {
        long left = 2 * config.maxUploadBytes();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = ctx.req().getInputStream()) {
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) left -= n;
        } catch (IOException e) {
            // the client has gone: nobody is left to read the answer
        }
    }

    private ApiException tooLarge(long declared) {
        return ApiException.tooLarge("the upload " + (declared >= 0 ? "of " + declared + " bytes " : "")
                + "is over the limit of " + config.maxUploadBytes() + " bytes (--max-upload-mb)");
    }

    private static StoredPrediction result(Upload upload) throws InterruptedException {
        try {
            return upload.result().get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ApiException a) throw a;
            if (c instanceof RuntimeException r) throw r;
            throw new IllegalStateException("scoring failed", c); // an Error in a worker: the server's fault
        }
    }

    private StoredPrediction stored(Context ctx) {
        String id = ctx.pathParam("id");
        return store.get(id).orElseThrow(() -> ApiException.notFound("no prediction " + id
                + ": unknown, or evicted (the service keeps the last " + config.keep() + ")"));
    }

    private static void png(Context ctx, byte[] bytes) {
        ctx.contentType("image/png").result(bytes);
    }

    private ModelInfo requireModel() {
        ModelInfo m = model;
        if (m == null) throw notReady();
        return m;
    }

    private ApiException notReady() {
        if (loadFailure != null) {
            return ApiException.unavailable("model_unavailable", "the model failed to load (see the service's log)", 60);
        }
        return ApiException.unavailable("not_ready", "the model is still loading", 1);
    }

    private static String newId() {
        byte[] b = new byte[8];
        IDS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The matched route's pattern, or {@code unmatched} for a path the service does not have (one series for all of them). */
    private static String routeOf(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            String route = e == null ? null : e.path;
            return route == null || !(route.startsWith(Routes.BASE) || ViewerAssets.serves(route)) ? "unmatched" : route;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static boolean isJsonError(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json") && ctx.result() != null;
    }

    private static String typeOf(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }

    private static String httpMessage(int status, Context ctx) {
        return switch (status) {
            case 404 -> "no such resource: " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
            case 413 -> "the upload is over the limit of the service";
            default -> "the request cannot be served (HTTP " + status + ")";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * Stops taking uploads (503), waits for the accepted ones to be answered, stops listening and
     * closes the model.
     */
    @Override
    public void close() {
        closing = true;
        try {
            pool.drain(DRAIN_MILLIS);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.close();
            try {
                app.stop();
            } finally {
                // the loader may still be running: a detector it sets later is closed by nobody, but the JVM is ending
                FractureDetector d = detector;
                if (d != null) d.close();
            }
        }
    }
}
