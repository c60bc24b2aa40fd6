package org.citypromise.system.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every page of a site in every language at every screen size: a screenshot of each and axe-core's WCAG 2.1
 * AA check of each, one browser per language and size. For "every page in every language" checks:
 * {@code assertThat(survey.failing()).as(survey::summary).isEmpty()}.
 */
public final class PageSurvey {

    /** A page by name (for file names) and path, in which {@code {lang}} stands for the language. */
    public record Page(String name, String path) {

        String url(String base, String language) {
            return base + path.replace("{lang}", language);
        }
    }

    /** What was checked, and what failed. */
    public record Result(List<Page> pages, List<String> languages, List<ScreenSize> sizes,
                         List<AccessibilityReport> reports, List<Path> screenshots) {

        /** The reports with serious or critical violations. */
        public List<AccessibilityReport> failing() {
            return reports.stream().filter(report -> !report.seriousOrCritical().isEmpty()).toList();
        }

        /** Page × language combinations checked (each at every size). */
        public int pageLanguageCombinations() {
            return pages.size() * languages.size();
        }

        public String summary() {
            String checked = pageLanguageCombinations() + " page × language combinations (" + pages.size() + " pages × "
                    + languages.size() + " languages " + languages + ") at " + sizes.size() + " sizes: "
                    + reports.size() + " axe-core checks, " + failing().size() + " with serious or critical violations";
            return failing().isEmpty() ? checked
                    : checked + "\n" + failing().stream().map(AccessibilityReport::summary).collect(Collectors.joining("\n"));
        }
    }

    private PageSurvey() {
    }

    /**
     * Opens each page at {@code base} + its path, in each language (also the browser's Accept-Language) and
     * size; saves the screenshots and axe reports under {@code target/screenshots/<test>/}.
     */
    public static Result survey(String test, String base, List<Page> pages, List<String> languages,
                                List<ScreenSize> sizes) {
        List<AccessibilityReport> reports = new ArrayList<>();
        List<Path> screenshots = new ArrayList<>();
        for (ScreenSize size : sizes) {
            for (String language : languages) {
                try (Browser browser = Browser.start(BrowserSettings.of(size).inLanguage(language))) {
                    for (Page page : pages) {
                        browser.open(page.url(base, language));
                        screenshots.add(browser.screenshot(test, page.name()));
                        reports.add(browser.checkAccessibility(test, page.name()));
                    }
                }
            }
        }
        return new Result(List.copyOf(pages), List.copyOf(languages), List.copyOf(sizes), reports, screenshots);
    }
}
