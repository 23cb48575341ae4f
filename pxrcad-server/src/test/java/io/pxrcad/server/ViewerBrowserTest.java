package io.pxrcad.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.ProgressListener;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.phantom.CohortWriter;
import io.pxrcad.phantom.PhantomConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web viewer in a real headless Chromium ({@link HeadlessChromium}) against the real service
 * with a model trained in the test ({@link TinyModel}): a refused file shows the API's message;
 * a DICOM phantom with a fracture, chosen through the page's file input with the keyboard's
 * Tab, shows the probability the API stored for it, the heatmap and the ROI box in the band's
 * line; a second upload joins the session's list, and a click on the first shows it again; a CT
 * brings the out-of-scope banner with the API's reasons.
 * Screenshots at 1280 and 1920 px wide go to {@code target/viewer-screenshots} (docs/images/viewer.png
 * is the 1280 one, taken with {@code -Dpxrcad.viewer.model=DIR}, a model trained longer than the
 * test's, for a clearer map). Skipped, with the reason, where Chromium or chromedriver is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = Path.of("target", "viewer-screenshots");

    Path dir;
    Path fracture;
    Path other;
    PredictionServer server;
    Http http;
    ChromeDriver browser;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        if (HeadlessChromium.missing().isPresent()) return; // the test says so (an assumption here would hide the reason)
        dir = tmp;
        // a better trained model makes a better picture for the README; the test's own is TinyModel
        String better = System.getProperty("pxrcad.viewer.model");
        Path model = better == null || better.isBlank() ? TinyModel.shared() : Path.of(better);
        List<ManifestEntry> dicoms = CohortWriter.write(PhantomConfig.defaults().withSize(256).withSeed(22).withDifficulty(0),
                CohortWriter.Format.DICOM, tmp.resolve("dcm"), 6, 1, ProgressListener.NONE);
        fracture = tmp.resolve("dcm").resolve(dicoms.stream().filter(ManifestEntry::positive).findFirst().orElseThrow().image());
        other = TinyModel.phantoms(tmp.resolve("png"), CohortWriter.Format.PNG, 1, 128).get(0);
        server = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 1, 4, 8L << 20, 10), model, "cpu");
        assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
        http = new Http(server.port());
        browser = HeadlessChromium.start(1280, 900);
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) browser.quit();
        } finally {
            if (server != null) server.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void uploadShowsTheResultWithItsHeatmapAndRoi() throws IOException {
        assumeTrue(HeadlessChromium.missing().isEmpty(), () -> "viewer browser test skipped: " + HeadlessChromium.missing().get());
        viewport(1280, 900);
        browser.get("http://127.0.0.1:" + server.port() + "/");
        assertThat(browser.getTitle()).isEqualTo("pxrcad viewer");
        assertThat(browser.findElement(By.tagName("body")).getText()).containsIgnoringCase("research software, not for diagnosis");

        // the file input is the first stop of Tab, and shows that it has the focus
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("file");
        assertThat(focused.getCssValue("outline-style")).isNotEqualTo("none");

        // a file the service refuses: its message, readable, in the page
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, not an image", StandardCharsets.UTF_8);
        focused.sendKeys(text.toString());
        WebElement error = browser.findElement(By.id("error"));
        new WebDriverWait(browser, WAIT).until(d -> error.isDisplayed());
        assertThat(error.getText()).contains("notes.txt was not scored", "looks like text", "HTTP 415");
        assertThat(error.getAttribute("role")).isEqualTo("alert");

        // the DICOM phantom with a fracture: the API's probability, drawn map and box
        String first = upload(fracture);
        assertThat(error.isDisplayed()).isFalse();
        JsonNode d = Http.json(http.get("/api/v1/predictions/" + first)).get("detection");
        WebElement probability = browser.findElement(By.id("probability"));
        assertThat(Double.parseDouble(probability.getAttribute("data-value"))).isEqualTo(d.get("probability").asDouble());
        assertThat(Double.parseDouble(probability.getText())).isCloseTo(d.get("probability").asDouble(),
                org.assertj.core.data.Offset.offset(0.0005 + 1e-9));
        assertThat(browser.findElement(By.id("band")).getText()).isEqualTo(d.get("band").asText());
        assertThat(browser.findElement(By.id("result")).getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.findElement(By.id("scope")).isDisplayed()).isEqualTo(!d.get("inScope").asBoolean());
        String band = d.get("band").asText();
        WebElement canvas = browser.findElement(By.id("overlay"));
        assertThat(canvas.getAttribute("data-roi"))
                .isEqualTo(band.equals("fracture") ? "solid" : band.equals("suspicious") ? "dashed" : "dotted");
        long[] withMap = overlayPixels(d);
        assertThat(withMap[1]).as("opaque pixels on the ROI box's top edge").isGreaterThan(withMap[2] / 5);
        browser.findElement(By.id("show-heatmap")).click();
        long[] without = overlayPixels(d);
        assertThat(without[1]).as("the box stays without the map").isGreaterThan(without[2] / 5);
        assertThat(withMap[0]).as("coloured pixels with the map: more than the box's alone").isGreaterThan(without[0]);
        browser.findElement(By.id("show-heatmap")).click();
        assertThat(overlayPixels(d)[0]).isEqualTo(withMap[0]);

        screenshot("viewer-1280.png");
        viewport(1920, 1080);
        screenshot("viewer-1920.png");
        viewport(1280, 900);

        // a second upload joins the list; a click on the first shows it again
        String second = upload(other);
        assertThat(second).isNotEqualTo(first);
        List<WebElement> items = browser.findElements(By.cssSelector("#history button"));
        assertThat(items).extracting(b -> b.getAttribute("data-id")).containsExactly(second, first);
        items.get(1).click();
        new WebDriverWait(browser, WAIT).until(b -> first.equals(b.findElement(By.id("result")).getAttribute("data-id")));
        assertThat(Double.parseDouble(browser.findElement(By.id("probability")).getAttribute("data-value")))
                .isEqualTo(d.get("probability").asDouble());
        assertThat(browser.findElement(By.cssSelector("#history button[data-id='" + first + "']")).getAttribute("aria-current"))
                .isEqualTo("true");

        // an image the model was not made for (a CT): the banner with the API's reasons; it goes with the next result
        String ct = upload(RepoFiles.resolve("testdata/dicom/syntax/CT_small.dcm"));
        JsonNode c = Http.json(http.get("/api/v1/predictions/" + ct)).get("detection");
        assertThat(c.get("inScope").asBoolean()).isFalse();
        WebElement scope = browser.findElement(By.id("scope"));
        assertThat(scope.isDisplayed()).isTrue();
        assertThat(scope.getAttribute("role")).isEqualTo("alert");
        List<String> reasons = new ArrayList<>();
        c.get("scopeReasons").forEach(r -> reasons.add(r.asText()));
        assertThat(reasons).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#scope-reasons li"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(reasons);
        assertThat(browser.findElement(By.id("band")).getText()).isEqualTo("out-of-scope");
        assertThat(browser.findElement(By.id("overlay")).getAttribute("data-roi")).isEqualTo("dotted");
        browser.findElement(By.cssSelector("#history button[data-id='" + first + "']")).click();
        new WebDriverWait(browser, WAIT).until(b -> first.equals(b.findElement(By.id("result")).getAttribute("data-id")));
        assertThat(scope.isDisplayed()).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withATokenThePageAsksForItOnceAndThenShowsResults() throws Exception {
        assumeTrue(HeadlessChromium.missing().isEmpty(), () -> "viewer browser test skipped: " + HeadlessChromium.missing().get());
        String token = "viewer-token-7";
        try (PredictionServer guarded = PredictionServer.start(new ServerConfig("127.0.0.1", 0, 1, 4, 8L << 20, 10).withToken(token),
                TinyModel.shared(), "cpu")) {
            assertThat(guarded.awaitReady(Duration.ofSeconds(60))).isTrue();
            viewport(1280, 900);
            browser.get("http://127.0.0.1:" + guarded.port() + "/");
            browser.findElement(By.id("file")).sendKeys(other.toAbsolutePath().toString());
            Alert prompt = new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent());
            assertThat(prompt.getText()).contains("token");
            prompt.sendKeys(token);
            prompt.accept();
            WebElement result = browser.findElement(By.id("result"));
            new WebDriverWait(browser, WAIT).until(b -> !Objects.toString(result.getAttribute("data-id"), "").isEmpty());
            String id = result.getAttribute("data-id");
            // the pictures came too (fetched with the token): the canvas has the map
            assertThat(overlayPixels(Http.json(new Http(guarded.port()).get("/api/v1/predictions/" + id,
                    "Authorization", "Bearer " + token)).get("detection"))[0]).isPositive();
            assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        }
    }

    /** Chooses {@code file} in the page's file input and waits until its result is shown; its id. */
    private String upload(Path file) {
        WebElement result = browser.findElement(By.id("result"));
        String before = Objects.toString(result.getAttribute("data-id"), "");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        new WebDriverWait(browser, WAIT).until(b -> {
            String now = Objects.toString(result.getAttribute("data-id"), "");
            return !now.isEmpty() && !now.equals(before);
        });
        return result.getAttribute("data-id");
    }

    /**
     * The overlay canvas read back: {coloured pixels (not transparent), opaque pixels on the row
     * of the ROI box's top edge between its corners, that edge's length in pixels}.
     */
    private long[] overlayPixels(JsonNode d) {
        JsonNode roi = d.get("roi");
        Object r = browser.executeScript("""
                const c = document.getElementById('overlay');
                const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let coloured = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] > 0) coloured++;
                const sx = c.width / arguments[4], sy = c.height / arguments[5];
                const y = Math.min(c.height - 1, Math.round(arguments[1] * sy));
                const from = Math.round(arguments[0] * sx), to = Math.round(arguments[2] * sx);
                let edge = 0;
                for (let x = from; x < to; x++) if (px[(y * c.width + x) * 4 + 3] === 255) edge++;
                return [coloured, edge, to - from];
                """, roi.get("x0").asInt(), roi.get("y0").asInt(), roi.get("x1").asInt(), roi.get("y1").asInt(),
                d.get("width").asInt(), d.get("height").asInt());
        List<?> values = (List<?>) r;
        return values.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }

    /** Resizes the window so that the page's viewport is {@code width x height}, and checks the layout fits it. */
    private void viewport(int width, int height) {
        JavascriptExecutor js = browser;
        browser.manage().window().setSize(new Dimension(width, height));
        long w = ((Number) js.executeScript("return window.innerWidth")).longValue();
        long h = ((Number) js.executeScript("return window.innerHeight")).longValue();
        if (w != width || h != height) {
            browser.manage().window().setSize(new Dimension((int) (2L * width - w), (int) (2L * height - h)));
        }
        assertThat(((Number) js.executeScript("return window.innerWidth")).longValue()).isEqualTo(width);
        if (browser.getCurrentUrl().startsWith("http")) {
            // the resize handler redraws; no part of the page is wider than the window
            long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(scroll).as("page width at %d px", width).isLessThanOrEqualTo(width);
            WebElement frame = browser.findElement(By.id("frame"));
            if (frame.isDisplayed()) {
                // the whole radiograph is in the window, and not a thumbnail
                List<?> box = (List<?>) js.executeScript("const r = arguments[0].getBoundingClientRect();"
                        + "return [r.right, r.bottom, r.width, r.height];", frame);
                double[] r = box.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
                assertThat(r[0]).as("right edge of the picture at %d px", width).isLessThanOrEqualTo(width);
                assertThat(r[1]).as("bottom edge of the picture at %d px", width).isLessThanOrEqualTo(height);
                assertThat(Math.max(r[2], r[3])).as("size of the picture at %d px", width).isGreaterThan(height / 2.0);
            }
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path tmp = SCREENSHOTS.resolve(name + ".tmp");
        Files.write(tmp, browser.getScreenshotAs(OutputType.BYTES));
        Files.move(tmp, SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
