package org.citypromise.system.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The browser harness itself, against small pages served here: a real Chromium at both sizes, its
 * language, JavaScript switched off, screenshots, and axe-core finding (or not) what it must.
 */
class BrowserHarnessTest {

    private static final String TEST = "BrowserHarnessTest";

    private static final Map<String, String> PAGES = Map.of(
            "/clean", page("A page without barriers", """
                    <main><h1>Seoul's City Promise</h1><p lang="ko">서울의 기후 약속</p>
                    <img src="/pixel.svg" alt="Seoul's emissions since 2005, falling">
                    <form><label for="quantity">Quantity</label><input id="quantity" name="quantity">
                    <button type="submit">Estimate</button></form></main>"""),
            "/barriers", page("A page with two barriers", """
                    <main><h1>Seoul's City Promise</h1>
                    <img src="/pixel.svg">
                    <form><input name="quantity"><button type="submit">Estimate</button></form></main>"""),
            "/script", page("A page that a script changes", """
                    <main><h1 id="state">Without JavaScript</h1>
                    <noscript><p id="fallback">Shown without JavaScript</p></noscript></main>
                    <script>document.getElementById('state').textContent = 'With JavaScript';</script>"""));

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", BrowserHarnessTest::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void axeReportsTheSeriousViolationsOfAPageWithTheirRuleTargetsAndHelp() throws IOException {
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.DESKTOP))) {
            AccessibilityReport report = browser.open(base + "/barriers").checkAccessibility(TEST, "barriers");

            assertThat(report.seriousOrCritical()).extracting(Violation::ruleId).contains("image-alt", "label");
            Violation missingAlt = report.seriousOrCritical().stream()
                    .filter(violation -> violation.ruleId().equals("image-alt")).findFirst().orElseThrow();
            assertThat(missingAlt.impact()).isEqualTo("critical");
            assertThat(missingAlt.targets()).containsExactly("img");
            assertThat(missingAlt.helpUrl()).startsWith("https://dequeuniversity.com/rules/axe/");
            assertThat(report.summary()).contains("image-alt (critical)", "label (critical)", base + "/barriers");
            assertThat(report.jsonReport()).isEqualTo(Path.of("target/screenshots", TEST, "barriers-en-desktop.axe.json"));
            assertThat(Files.readString(report.jsonReport())).contains("\"violations\"", "image-alt", "\"passes\"");
        }
    }

    @Test
    void aPageWithoutBarriersPassesAxe() {
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.PHONE))) {
            AccessibilityReport report = browser.open(base + "/clean").checkAccessibility(TEST, "clean");

            assertThat(report.seriousOrCritical()).as(report::summary).isEmpty();
            assertThat(report.summary()).contains("no serious or critical");
        }
    }

    @ParameterizedTest
    @EnumSource(ScreenSize.class)
    void theBrowserShowsPagesAtTheScreenSizeAndSavesAWholePageScreenshot(ScreenSize size) throws IOException {
        try (Browser browser = Browser.start(BrowserSettings.of(size).inLanguage("ko"))) {
            browser.open(base + "/clean");
            JavascriptExecutor page = (JavascriptExecutor) browser.driver();

            assertThat(page.executeScript("return window.innerWidth")).isEqualTo((long) size.width());
            Path screenshot = browser.screenshot(TEST, "clean");

            assertThat(screenshot).isEqualTo(Path.of("target/screenshots", TEST, "clean-ko-" + size.label() + ".png"));
            BufferedImage image = ImageIO.read(screenshot.toFile());
            double pixelRatio = ((Number) page.executeScript("return window.devicePixelRatio")).doubleValue();
            assertThat(image.getWidth()).isEqualTo((int) Math.round(size.width() * pixelRatio));
            assertThat(image.getHeight()).isGreaterThanOrEqualTo((int) Math.round(size.height() * pixelRatio));
        }
    }

    @Test
    void aPhoneIntroducesItselfAsAMobileTouchDevice() {
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.PHONE))) {
            browser.open(base + "/clean");
            JavascriptExecutor page = (JavascriptExecutor) browser.driver();

            assertThat(page.executeScript("return navigator.userAgent")).asString().contains("Mobile");
            assertThat(page.executeScript("return navigator.maxTouchPoints")).isNotEqualTo(0L);
        }
    }

    @Test
    void theBrowserAsksForPagesInItsLanguage() {
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.PHONE).inLanguage("ko"))) {
            browser.open(base + "/language");

            assertThat(browser.driver().findElement(By.id("accept-language")).getText()).startsWith("ko");
            assertThat(((JavascriptExecutor) browser.driver()).executeScript("return navigator.language"))
                    .asString().startsWith("ko");
        }
    }

    @Test
    void withJavaScriptSwitchedOffPageScriptsDoNotRunOnAnyPageOrWindow() {
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.DESKTOP).withoutJavaScript())) {
            browser.open(base + "/script");

            assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo("Without JavaScript");
            assertThat(browser.driver().findElement(By.id("fallback")).getText()).isEqualTo("Shown without JavaScript");
            // axe still runs on such a page, and the page's own script still has not.
            assertThat(browser.checkAccessibility(TEST, "script-no-js").seriousOrCritical()).isEmpty();
            assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo("Without JavaScript");

            // Another site (another renderer process) and a second window: still no scripts.
            browser.open(base.replace("127.0.0.1", "localhost") + "/script");
            assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo("Without JavaScript");
            browser.openNewWindow(base + "/script");
            assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo("Without JavaScript");
        }
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.DESKTOP))) {
            browser.open(base + "/script");

            assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo("With JavaScript");
            assertThat(browser.driver().findElements(By.id("fallback"))).isEmpty();
        }
    }

    @Test
    void aKeyboardAloneReachesAndSubmitsAFormWithoutJavaScript() {
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.PHONE).withoutJavaScript())) {
            browser.open(base + "/clean");

            browser.tabTo(By.id("quantity"), 5);
            browser.press("1200").tabTo(By.cssSelector("button[type=submit]"), 2);
            browser.press(Keys.ENTER);

            assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/clean?quantity=1200");
        }
    }

    @Test
    void aKeyboardUserIsToldWhatTheFocusIsOnWhenATargetIsOutOfReach() {
        try (Browser browser = Browser.start(BrowserSettings.of(ScreenSize.DESKTOP))) {
            browser.open(base + "/clean");

            assertThatThrownBy(() -> browser.tabTo(By.tagName("h1"), 3)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("not reached with 3 Tab presses").hasMessageContaining("the focus is on <");
        }
    }

    @Test
    void aSurveyChecksAndPhotographsEveryPageInEveryLanguageAtBothSizes() {
        PageSurvey.Result survey = PageSurvey.survey(TEST + "-survey", base, List.of(
                new PageSurvey.Page("clean", "/clean?lang={lang}"), new PageSurvey.Page("barriers", "/barriers?lang={lang}")),
                List.of("en", "vi"), List.of(ScreenSize.values()));

        assertThat(survey.pageLanguageCombinations()).isEqualTo(4);
        assertThat(survey.reports()).hasSize(8);
        assertThat(survey.failing()).hasSize(4).allSatisfy(report -> assertThat(report.url()).contains("/barriers?lang="));
        assertThat(survey.failing()).extracting(AccessibilityReport::url).contains(base + "/barriers?lang=vi");
        assertThat(survey.screenshots()).hasSize(8).allSatisfy(screenshot -> assertThat(screenshot).isRegularFile())
                .contains(Path.of("target/screenshots", TEST + "-survey", "clean-vi-phone.png"));
        assertThat(survey.summary()).startsWith("4 page × language combinations (2 pages × 2 languages [en, vi]) "
                + "at 2 sizes: 8 axe-core checks, 4 with serious or critical violations").contains("image-alt (critical)");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String contentType = "text/html; charset=utf-8";
        String body = PAGES.get(path);
        if (path.equals("/language")) {
            body = page("What the browser asks for", "<main><h1>Accept-Language</h1><p id=\"accept-language\">"
                    + exchange.getRequestHeaders().getFirst("Accept-Language") + "</p></main>");
        } else if (path.equals("/pixel.svg")) {
            contentType = "image/svg+xml";
            body = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
                    + "<rect width=\"40\" height=\"20\" fill=\"#2a7\"/></svg>";
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body>" + body + "</body></html>";
    }
}
