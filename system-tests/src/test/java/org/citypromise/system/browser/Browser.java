package org.citypromise.system.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A real headless Chromium ({@link DebianChromium}) with a fresh profile, set up as {@link BrowserSettings}
 * says: pages, keyboard, screenshots and accessibility checks. Screenshots and accessibility reports go to
 * {@code target/screenshots/<test>/<page>-<lang>-<size>.(png|axe.json)}.
 */
public final class Browser implements AutoCloseable {

    static final Path OUTPUT = Path.of(System.getProperty("citypromise.screenshots", "target/screenshots"));

    private final BrowserSettings settings;
    private final DebianChromium.Profile profile;
    private final ChromeDriver driver;

    private Browser(BrowserSettings settings, DebianChromium.Profile profile, ChromeDriver driver) {
        this.settings = settings;
        this.profile = profile;
        this.driver = driver;
    }

    public static Browser start(BrowserSettings settings) {
        DebianChromium.Profile profile = DebianChromium.newProfile();
        ChromeDriver driver;
        try {
            driver = DebianChromium.launch(settings, profile.directory());
        } catch (RuntimeException e) {
            profile.delete();
            throw e;
        }
        Browser browser = new Browser(settings, profile, driver);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            browser.allowPageScripts(settings.javaScript());
            return browser;
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    public BrowserSettings settings() {
        return settings;
    }

    /** The Selenium driver, for what this class does not wrap (finding elements, typing, windows). */
    public WebDriver driver() {
        return driver;
    }

    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Sends keys to whatever has the focus, as a keyboard would (Tab, Enter, Space, text). */
    public Browser press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /**
     * Moves the focus with Tab, as a keyboard-only user does, until it reaches {@code target}; fails if it
     * is not reached within {@code maxPresses} (not focusable, or out of the tab order).
     */
    public WebElement tabTo(By target, int maxPresses) {
        WebElement wanted = driver.findElement(target);
        for (int presses = 0; presses < maxPresses; presses++) {
            press(Keys.TAB);
            if (focused().equals(wanted)) {
                return wanted;
            }
        }
        throw new AssertionError(target + " not reached with " + maxPresses + " Tab presses on " + driver.getCurrentUrl()
                + "; the focus is on " + describe(focused()));
    }

    private static String describe(WebElement element) {
        String id = element.getDomAttribute("id");
        return "<" + element.getTagName() + (id == null ? "" : " id=\"" + id + "\"") + "> " + element.getText();
    }

    /**
     * The whole page (not only the viewport) as a PNG, written to
     * {@code target/screenshots/<test>/<page>-<lang>-<size>.png}.
     */
    public Path screenshot(String test, String page) {
        return screenshot(test, page, settings.languageLabel());
    }

    /**
     * As {@link #screenshot(String, String)}, for a page in another language than the browser asks for (a page
     * whose address names its language): {@code <page>-<language>-<size>.png}.
     */
    public Path screenshot(String test, String page, String language) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        double width = Math.max(((Number) content.get("width")).doubleValue(), settings.size().width());
        // Chromium paints at most 16384 device pixels in one go (8000 CSS pixels at the phone's ratio 2):
        // a longer page is cut there.
        double height = Math.min(Math.max(((Number) content.get("height")).doubleValue(), settings.size().height()), 8000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        return write(outputFile(test, page, language, "png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /**
     * axe-core's WCAG 2.1 A/AA rules on the page shown now; the full JSON report is written beside the
     * screenshots as {@code <page>-<lang>-<size>.axe.json}.
     */
    public AccessibilityReport checkAccessibility(String test, String page) {
        return checkAccessibility(test, page, settings.languageLabel());
    }

    /** As {@link #checkAccessibility(String, String)}, for a page in another language than the browser asks for. */
    public AccessibilityReport checkAccessibility(String test, String page, String language) {
        // axe-core is JavaScript: on a page shown without, scripts are allowed only while it runs (the
        // page's own scripts, skipped while it loaded, stay skipped, so axe sees the page as users did).
        allowPageScripts(true);
        try {
            return AccessibilityCheck.run(driver, outputFile(test, page, language, "axe.json"));
        } finally {
            allowPageScripts(settings.javaScript());
        }
    }

    /**
     * Opens a new window (as a second device of the same user would) showing {@code url}, switches to
     * it and sets it up like the first; returns the handle of the window it came from.
     */
    public String openNewWindow(String url) {
        String previous = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.WINDOW);
        allowPageScripts(settings.javaScript());
        driver.get(url);
        return previous;
    }

    /*
     * JavaScript off through DevTools rather than Chrome's content setting: both stop <script> and
     * event handlers and show <noscript>, but the content setting also stops the timers of injected
     * scripts, so axe-core could never finish on such a page. The switch holds for the window across
     * navigations (also to another site); new windows get it from openNewWindow.
     */
    private void allowPageScripts(boolean allowed) {
        if (!settings.javaScript()) {
            driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !allowed));
        }
    }

    Path outputFile(String test, String page, String extension) {
        return outputFile(test, page, settings.languageLabel(), extension);
    }

    private Path outputFile(String test, String page, String language, String extension) {
        return OUTPUT.resolve(test).resolve(page + "-" + language + "-" + settings.size().label() + "." + extension);
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            profile.delete();
        }
    }
}
