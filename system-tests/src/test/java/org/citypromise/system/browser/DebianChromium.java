package org.citypromise.system.browser;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How the tests start Debian's Chromium through Debian's chromedriver: nothing downloaded, flags that keep
 * it quiet and offline, the screen and language of {@link BrowserSettings}.
 * <p>
 * Chromium missing is a failure, never a skip: {@code deploy/local/ensure-chromium} installs it, and the
 * Maven build of system-tests runs that before the tests.
 */
final class DebianChromium {

    static final Path CHROMIUM = Path.of(System.getProperty("citypromise.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("citypromise.chromedriver", "/usr/bin/chromedriver"));

    /** Chrome on Android, as a phone's browser introduces itself (pages may adapt to it). */
    static final String PHONE_USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";

    /** A fresh, empty user data directory: no cookies, cache or settings from another test. */
    record Profile(Path directory) {

        void delete() {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // A leftover profile in the temp directory harms nothing.
            }
        }
    }

    private DebianChromium() {
    }

    static Profile newProfile() {
        try {
            return new Profile(Files.createTempDirectory("citypromise-chromium-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChromeDriver launch(BrowserSettings settings, Path profile) {
        for (Path executable : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is missing: the browser tests need Debian's chromium "
                        + "and chromium-driver; run deploy/local/ensure-chromium (the Maven build of system-tests does)");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options(settings, profile));
    }

    private static ChromeOptions options(BrowserSettings settings, Path profile) {
        ScreenSize size = settings.size();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags that keep Chromium quiet, offline and reproducible on CI (shared/notes/environment.md).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=" + size.width() + "," + size.height(), "--lang=" + settings.languageLabel());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", settings.language()));
        // The viewport itself is the size (a headless window of 1280×800 shows only 1280×657 of page).
        Map<String, Object> metrics = Map.of("width", size.width(), "height", size.height(),
                "pixelRatio", size.mobile() ? 2.0 : 1.0, "mobile", size.mobile(), "touch", size.mobile());
        options.setExperimentalOption("mobileEmulation", size.mobile()
                ? Map.of("deviceMetrics", metrics, "userAgent", PHONE_USER_AGENT)
                : Map.of("deviceMetrics", metrics));
        return options;
    }
}
