package org.citypromise.system.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What axe-core found on one page against WCAG 2.1 A and AA: every violation, the serious and
 * critical ones (those a page must not have) and where the full JSON report was written.
 */
public record AccessibilityReport(String url, List<Violation> violations, Path jsonReport) {

    public AccessibilityReport {
        violations = List.copyOf(violations);
    }

    public List<Violation> seriousOrCritical() {
        return violations.stream().filter(Violation::seriousOrCritical).toList();
    }

    /** For {@code assertThat(report.seriousOrCritical()).as(report::summary).isEmpty()}. */
    public String summary() {
        List<Violation> serious = seriousOrCritical();
        if (serious.isEmpty()) {
            return url + ": no serious or critical WCAG 2.1 AA violations (" + violations.size()
                    + " minor or moderate; full report " + jsonReport + ")";
        }
        return serious.size() + " serious or critical WCAG 2.1 AA violations on " + url + " (full report "
                + jsonReport + "):\n" + serious.stream().map(v -> "  " + v.describe())
                        .collect(Collectors.joining("\n"));
    }
}
