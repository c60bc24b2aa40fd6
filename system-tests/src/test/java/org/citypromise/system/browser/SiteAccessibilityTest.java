package org.citypromise.system.browser;

import org.citypromise.system.RunningSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core's WCAG 2.1 A/AA check of every page of the site, in every language, at both sizes, signed in as a
 * demo resident (the header then carries the sign-out form): the public pages, each step of the pledge flow
 * (also its details with errors, and the confirmation), "my pledges", the erasure's confirmation and its
 * answer, and the 404 page. One browser per size goes through them all in each language; screenshots and the
 * axe reports under {@code target/screenshots/SiteAccessibilityTest/}.
 */
@ExtendWith(TheRunningSite.class)
class SiteAccessibilityTest {

    private static final String TEST = "SiteAccessibilityTest";
    private static final List<String> LANGUAGES = List.of("en", "ko", "id", "fil", "vi");

    @RegisterExtension
    final OpenBrowsers browsers = new OpenBrowsers(TEST);

    private static RunningSite site;

    @BeforeAll
    static void site(RunningSite running) {
        site = running;
    }

    /** A page, by the way a resident gets there in a language (the address, or a form sent on the page before). */
    private record Visit(PageSurvey.Page page, BiConsumer<OnTheSite, String> reach) {

        static Visit open(String name, String path) {
            return new Visit(new PageSurvey.Page(name, path), (resident, language) ->
                    resident.open(path.replace("{lang}", language)));
        }

        static Visit after(String name, String how, BiConsumer<OnTheSite, String> reach) {
            return new Visit(new PageSurvey.Page(name, how), reach);
        }
    }

    private static List<Visit> visits() {
        String city = site.cityId();
        String details = "/{lang}/pledge/details?city=" + city + "&action=" + RunningSite.ACTION;
        return List.of(
                Visit.open("home", "/{lang}/"),
                Visit.open("city", "/{lang}/cities/" + city),
                Visit.open("privacy", "/{lang}/privacy"),
                Visit.open("accessibility", "/{lang}/accessibility"),
                Visit.open("pledge-city", "/{lang}/pledge"),
                Visit.open("pledge-area", "/{lang}/pledge?city=" + city),
                Visit.open("pledge-action", "/{lang}/pledge?city=" + city + "&area=" + RunningSite.AREA),
                Visit.open("pledge-details", details),
                Visit.after("pledge-details-errors", details + " sent empty", (resident, language) ->
                        resident.follow(By.cssSelector("button[value=pledge]"))),
                Visit.after("confirmation", details + " sent filled in", (resident, language) -> {
                    resident.find(By.id("quantity")).sendKeys("700");
                    resident.find(By.cssSelector("label[for='stakeholder-0']")).click();
                    resident.follow(By.cssSelector("button[value=pledge]"));
                    assertThat(resident.driver().getCurrentUrl()).contains("?pledged");
                }),
                Visit.open("me", "/{lang}/me"),
                Visit.open("erasure", "/{lang}/me/erasure"),
                Visit.after("erased", "/{lang}/me/erasure sent", (resident, language) ->
                        resident.follow(By.cssSelector("main form button[type=submit]"))),
                Visit.open("not-found", "/{lang}/no-such-page"));
    }

    @Test
    void everyPageInEveryLanguageAtBothSizesHasNoSeriousOrCriticalViolations() throws Exception {
        List<Visit> visits = visits();
        // The two sizes side by side, a browser each (as different residents: each erases their data in turn).
        ExecutorService sizes = Executors.newFixedThreadPool(2);
        List<Future<Surveyed>> surveyed = new ArrayList<>();
        try {
            surveyed.add(sizes.submit(() -> survey(ScreenSize.PHONE, "alice", visits)));
            surveyed.add(sizes.submit(() -> survey(ScreenSize.DESKTOP, "minji", visits)));
            List<AccessibilityReport> reports = new ArrayList<>();
            List<Path> screenshots = new ArrayList<>();
            for (Future<Surveyed> size : surveyed) {
                try {
                    reports.addAll(size.get().reports());
                    screenshots.addAll(size.get().screenshots());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            PageSurvey.Result survey = new PageSurvey.Result(visits.stream().map(Visit::page).toList(), LANGUAGES,
                    List.of(ScreenSize.values()), reports, screenshots);
            System.out.println("[SiteAccessibilityTest] " + survey.summary());

            assertThat(survey.reports()).hasSize(visits.size() * LANGUAGES.size() * ScreenSize.values().length);
            assertThat(survey.failing()).as(survey::summary).isEmpty();
        } finally {
            sizes.shutdownNow();
        }
    }

    private record Surveyed(List<AccessibilityReport> reports, List<Path> screenshots) {
    }

    private Surveyed survey(ScreenSize size, String username, List<Visit> visits) {
        List<AccessibilityReport> reports = new ArrayList<>();
        List<Path> screenshots = new ArrayList<>();
        OnTheSite resident = new OnTheSite(browsers.start(BrowserSettings.of(size)), site, TEST);
        resident.signIn("en", username);
        for (String language : LANGUAGES) {
            for (Visit visit : visits) {
                visit.reach().accept(resident, language);
                assertThat(resident.driver().findElement(By.tagName("html")).getDomAttribute("lang"))
                        .as("the language of " + resident.driver().getCurrentUrl()).isEqualTo(language);
                screenshots.add(resident.browser.screenshot(TEST, visit.page().name(), language));
                reports.add(resident.browser.checkAccessibility(TEST, visit.page().name(), language));
            }
        }
        return new Surveyed(reports, screenshots);
    }
}
