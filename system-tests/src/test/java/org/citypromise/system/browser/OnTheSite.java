package org.citypromise.system.browser;

import org.citypromise.system.RunningSite;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on the {@link RunningSite}: the steps every browser test takes (signing in at the identity
 * provider, following a link and waiting for the next page), each waiting on what the page shows, never on time.
 */
final class OnTheSite {

    private static final Pattern TCO2E = Pattern.compile("([0-9][0-9.,\u00a0 ]*)\\s*tCO2e");

    final Browser browser;
    final RunningSite site;
    private final String test;
    private final WebDriverWait wait;

    OnTheSite(Browser browser, RunningSite site, String test) {
        this.browser = browser;
        this.site = site;
        this.test = test;
        this.wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
    }

    WebDriver driver() {
        return browser.driver();
    }

    OnTheSite open(String path) {
        browser.open(site.webUrl() + path);
        return this;
    }

    /** A screenshot of the page shown, named after the page and the language it is in. */
    OnTheSite shot(String page, String language) {
        browser.screenshot(test, page, language);
        return this;
    }

    WebElement find(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    String text(By locator) {
        return find(locator).getText().trim();
    }

    /** Clicks what leads to another page and waits until that page has replaced this one. */
    OnTheSite follow(By locator) {
        WebElement target = find(locator);
        WebElement page = driver().findElement(By.tagName("html"));
        activate(target);
        awaitNewPage(page);
        return this;
    }

    /**
     * Clicks a link, button or label. With the page's scripts switched off on an emulated phone, chromedriver's
     * tap never returns once it has started a navigation (seen on the identity provider's sign-in form): there
     * the element gets Enter (a button or link) or Space (a radio), as a phone's keyboard would send.
     */
    void activate(WebElement target) {
        if (browser.settings().javaScript() || !browser.settings().size().mobile()) {
            target.click();
        } else if (target.getTagName().equals("label")) {
            driver().findElement(By.id(target.getDomAttribute("for"))).sendKeys(Keys.SPACE);
        } else {
            target.sendKeys(Keys.ENTER);
        }
    }

    /** Waits until the page {@code html} belonged to has been replaced (a navigation or a form's answer). */
    void awaitNewPage(WebElement html) {
        wait.until(driver -> isGone(html));
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /**
     * Whether the element's page has gone. Chromium says so as a stale element, or, when the element's node is
     * asked about while the next page replaces it, as "does not belong to the document".
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException maybe) {
            if (String.valueOf(maybe.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw maybe;
        }
    }

    void awaitUrl(String prefix) {
        wait.withMessage(() -> "never got to " + prefix + "; the browser is on " + driver().getCurrentUrl())
                .until(driver -> driver.getCurrentUrl().startsWith(prefix));
    }

    <T> T until(java.util.function.Function<WebDriver, T> condition, String what) {
        return wait.withMessage(() -> what + " (on " + driver().getCurrentUrl() + ")").until(condition);
    }

    /** Signs in at the identity provider's login page as a resident with the provider's demo password. */
    OnTheSite signIn(String language, String username) {
        open("/" + language + "/sign-in");
        awaitUrl(site.identityProviderUrl() + "/login");
        find(By.id("username")).sendKeys(username);
        find(By.id("password")).sendKeys(site.demoPassword());
        follow(By.cssSelector("button[type=submit]"));
        awaitUrl(site.webUrl() + "/" + language + "/");
        find(By.cssSelector(".account-name"));
        return this;
    }

    /** The number of tonnes in a text such as "1년에 약 0.552 tCO2e를 줄일 것으로 예상됩니다." */
    static String tonnes(String text) {
        Matcher matcher = TCO2E.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no tCO2e in \"" + text + "\"");
        }
        return matcher.group(1).trim();
    }

    /**
     * A download link's file as the browser would get it (with the session's cookie), read by the page's own
     * fetch: the status, content type, content disposition and body.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch(String url) {
        return (Map<String, Object>) ((JavascriptExecutor) driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(response => response.text().then(body => done({status: response.status,
                      type: response.headers.get('content-type'),
                      disposition: response.headers.get('content-disposition'), body: body})))
                  .catch(error => done({error: String(error)}));""", url);
    }

    /** The text of the definition next to a term, e.g. the pledge's status next to "Status". */
    String fact(String term) {
        List<WebElement> terms = driver().findElements(By.cssSelector("dl.facts dt"));
        for (WebElement dt : terms) {
            if (dt.getText().trim().equals(term)) {
                return dt.findElement(By.xpath("following-sibling::dd")).getText().trim();
            }
        }
        throw new AssertionError("no \"" + term + "\" on " + driver().getCurrentUrl());
    }
}
