package io.pxrcad.server;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A real headless Chromium for the viewer's test, driven by the system's chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}, which {@code scripts/setup} installs). Both are
 * named explicitly, so Selenium never tries to download a browser or a driver.
 */
final class HeadlessChromium {
    private HeadlessChromium() {}

    /** Why the browser test cannot run here, or empty when it can. */
    static Optional<String> missing() {
        if (browser().isEmpty()) return Optional.of("no chromium on PATH (scripts/setup installs it: apt-get install chromium)");
        if (driver().isEmpty()) return Optional.of("no chromedriver on PATH (scripts/setup installs it: apt-get install chromium-driver)");
        return Optional.empty();
    }

    /** A browser whose window is {@code width x height}; the caller quits it. */
    static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--force-device-scale-factor=1", "--hide-scrollbars",
                "--no-first-run", "--disable-extensions", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(20))
                .build();
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(20));
        return d;
    }

    private static Optional<Path> browser() {
        return onPath("chromium", "chromium-browser", "google-chrome");
    }

    private static Optional<Path> driver() {
        return onPath("chromedriver");
    }

    private static Optional<Path> onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
