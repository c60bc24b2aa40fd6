package org.citypromise.system.browser;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.deque.html.axecore.selenium.AxeReporter;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** axe-core (as shipped by Deque's Selenium integration) run on the page a browser shows. */
final class AccessibilityCheck {

    /** WCAG 2.1 level A and AA, the level the site promises; axe's best-practice rules are not asked for. */
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private AccessibilityCheck() {
    }

    /** Checks the current page, writes axe's full results to {@code jsonReport} and returns the violations. */
    static AccessibilityReport run(WebDriver driver, Path jsonReport) {
        // axe.run in the page itself: the default (runPartial in every frame, finishRun in a blank window it opens
        // and closes) costs a window per check and is for cross-origin frames, which the site has none of.
        Results results = new AxeBuilder().withTags(WCAG_21_AA).setLegacyMode(true).analyze(driver);
        if (results.isErrored()) {
            // A check that did not run must not read as a page without violations.
            throw new IllegalStateException("axe-core failed on " + driver.getCurrentUrl() + ": "
                    + results.getErrorMessage(), results.getError());
        }
        try {
            Files.createDirectories(jsonReport.getParent());
            Files.writeString(jsonReport, AxeReporter.serialize(results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Violation> violations = results.getViolations().stream().map(AccessibilityCheck::violation).toList();
        return new AccessibilityReport(results.getUrl(), violations, jsonReport);
    }

    private static Violation violation(Rule rule) {
        List<String> targets = rule.getNodes().stream().map(CheckedNode::getTarget)
                .map(AccessibilityCheck::selector).toList();
        return new Violation(rule.getId(), rule.getImpact(), rule.getHelp(), rule.getHelpUrl(), targets);
    }

    /** axe names an element by a list of selectors: one per frame or shadow root it lies in. */
    private static String selector(Object target) {
        if (target instanceof List<?> path) {
            return String.join(" >>> ", path.stream().flatMap(AccessibilityCheck::flatten).toList());
        }
        return String.valueOf(target);
    }

    private static Stream<String> flatten(Object part) {
        return part instanceof List<?> nested ? nested.stream().flatMap(AccessibilityCheck::flatten)
                : Stream.of(String.valueOf(part));
    }
}
