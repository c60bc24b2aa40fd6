package org.citypromise.system.browser;

import java.util.List;

/** One axe-core rule that a page breaks, with the elements that break it. */
public record Violation(String ruleId, String impact, String help, String helpUrl, List<String> targets) {

    /** The impacts that fail a page: WCAG problems that block or badly hinder some users. */
    public boolean seriousOrCritical() {
        return "serious".equals(impact) || "critical".equals(impact);
    }

    /** One readable line per violation, e.g. for an assertion's description. */
    public String describe() {
        return ruleId + " (" + impact + "): " + help + " — " + String.join(", ", targets) + " — " + helpUrl;
    }
}
