package org.citypromise.system.browser;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * The browsers a test started ({@code @RegisterExtension}), closed after it; when it fails, the failure says
 * which page each browser was showing and where a screenshot of it is.
 */
final class OpenBrowsers implements AfterEachCallback, TestExecutionExceptionHandler {

    private final String test;
    private final List<Browser> open = new ArrayList<>();

    OpenBrowsers(String test) {
        this.test = test;
    }

    synchronized Browser start(BrowserSettings settings) {
        Browser browser = Browser.start(settings);
        open.add(browser);
        return browser;
    }

    @Override
    public synchronized void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        StringBuilder pages = new StringBuilder();
        for (int i = 0; i < open.size(); i++) {
            Browser browser = open.get(i);
            try {
                String url = browser.driver().getCurrentUrl();
                String screenshot = browser.screenshot(test, "failure-" + context.getDisplayName()
                        .replaceAll("[^A-Za-z0-9]+", "_") + "-" + i).toString();
                pages.append("\n  browser ").append(i).append(" showed ").append(url).append(" (screenshot ")
                        .append(screenshot).append(')');
            } catch (RuntimeException unreadable) {
                pages.append("\n  browser ").append(i).append(": ").append(unreadable.getMessage());
            }
        }
        AssertionError described = new AssertionError(failure.getMessage() + "\nwhen it failed:" + pages, failure);
        described.setStackTrace(failure.getStackTrace());
        throw described;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        List<Browser> closing = List.copyOf(open);
        open.clear();
        closing.forEach(Browser::close);
    }
}
