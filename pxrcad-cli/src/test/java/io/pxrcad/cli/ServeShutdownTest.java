package io.pxrcad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pxrcad serve} as a real process stopped with SIGTERM while it is scoring: the uploads it
 * took are all answered, then it exits.
 */
class ServeShutdownTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sigtermFinishesTheAcceptedUploadsThenExits() throws Exception {
        Path cohort = dir.resolve("cohort");
        MainTest.Result s = MainTest.run("synth", "--out", cohort.toString(), "--count", "16", "--size", "64",
                "--difficulty", "0", "--seed", "5");
        assertThat(s.code()).as(s.err()).isZero();
        Files.writeString(dir.resolve("run.yaml"), "epochs: 1\n");
        MainTest.Result t = MainTest.run("train", "--manifest", cohort.resolve("manifest.csv").toString(), "--out",
                dir.resolve("run").toString(), "--preset", "tiny", "--config", dir.resolve("run.yaml").toString(), "--device", "cpu");
        assertThat(t.code()).as(t.err()).isZero();
        // large radiographs: decoding and drawing each takes long enough to be caught in the middle
        Path large = dir.resolve("large");
        assertThat(MainTest.run("synth", "--out", large.toString(), "--count", "1", "--size", "1536", "--seed", "6").code()).isZero();
        byte[] image;
        try (Stream<Path> files = Files.list(large.resolve("images"))) {
            image = Files.readAllBytes(files.filter(f -> f.toString().endsWith(".png")).findFirst().orElseThrow());
        }

        Process server = new ProcessBuilder(ResumeAfterKillTest.javaCommand(new String[] {"serve", "--model",
                dir.resolve("run/model").toString(), "--port", "0", "--workers", "1", "--queue", "4", "--device", "cpu"}))
                .redirectError(dir.resolve("serve.log").toFile()).start();
        try {
            String url = firstLine(server);
            assertThat(url).as("the URL printed when ready (log: %s)", log()).matches("http://127\\.0\\.0\\.1:\\d+/api/v1");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/predictions"))
                        .timeout(Duration.ofSeconds(120)).header("Content-Type", "image/png")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            // the signal comes while uploads wait in the queue (one worker, room for all five)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int waiting = 0;
            while ((waiting = queueDepth(client, url)) < 2 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(waiting).as("uploads waiting at the signal; metrics:%n%s%nlog:%n%s", metrics(client, url), log())
                    .isGreaterThanOrEqualTo(2);

            server.destroy(); // SIGTERM
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                HttpResponse<String> r;
                try {
                    r = a.get(120, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("no answer (" + e.getCause() + "); server log:\n" + log(), e);
                }
                assertThat(r.statusCode()).as("%s\nserver log:\n%s", r.body(), log()).isEqualTo(201);
                assertThat(r.body()).contains("\"probability\"");
            }
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("exited after answering").isTrue();
            assertThat(server.exitValue()).isEqualTo(143); // 128 + SIGTERM: stopped by the signal, hooks run
            assertThat(log()).doesNotContain("Exception");
        } finally {
            server.destroyForcibly();
        }
    }

    private static String firstLine(Process p) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        });
        return line.get(120, TimeUnit.SECONDS);
    }

    private static final Pattern QUEUE = Pattern.compile("(?m)^pxrcad_queue_depth (\\d+)$");

    private static int queueDepth(HttpClient client, String url) throws Exception {
        Matcher m = QUEUE.matcher(metrics(client, url));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String metrics(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String log() throws java.io.IOException {
        return Files.readString(dir.resolve("serve.log"));
    }
}
