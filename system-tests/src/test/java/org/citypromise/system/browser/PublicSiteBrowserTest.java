package org.citypromise.system.browser;

import org.citypromise.system.RunningSite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real site in a real Chromium, at a phone's and a laptop's size: a new resident signs up and pledges in
 * Korean while another window shows the city's total rise live, then reports progress, withdraws, downloads and
 * erases their data; the pledge flow also without JavaScript and by keyboard alone. Every page visited is
 * photographed under {@code target/screenshots/PublicSiteBrowserTest/}.
 */
@ExtendWith(TheRunningSite.class)
class PublicSiteBrowserTest {

    private static final String TEST = "PublicSiteBrowserTest";

    @RegisterExtension
    final OpenBrowsers browsers = new OpenBrowsers(TEST);

    private static RunningSite site;

    @BeforeAll
    static void site(RunningSite running) {
        site = running;
    }

    @ParameterizedTest
    @EnumSource(ScreenSize.class)
    void aNewResidentSignsUpPledgesInKoreanWatchesTheTotalRiseLiveAndFollowsUp(ScreenSize size) {
        OnTheSite resident = new OnTheSite(browsers.start(BrowserSettings.of(size).inLanguage("ko")), site, TEST);
        String city = site.cityId();

        // Signs up at the identity provider, from the site's "Sign in".
        resident.open("/ko/").shot("home", "ko");
        resident.follow(By.cssSelector("a.account"));
        resident.awaitUrl(site.identityProviderUrl() + "/login");
        resident.shot("provider-login", "ko").follow(By.cssSelector("a[href$='/signup']"));
        resident.shot("provider-signup", "ko");
        String username = "new-" + size.label() + "-" + UUID.randomUUID().toString().substring(0, 6);
        resident.find(By.id("username")).sendKeys(username);
        resident.find(By.id("password")).sendKeys("a long and memorable passphrase");
        resident.find(By.id("displayName")).sendKeys("김민서");
        resident.follow(By.cssSelector("button[type=submit]"));
        resident.awaitUrl(site.webUrl() + "/ko/");
        assertThat(resident.text(By.cssSelector(".account-name"))).contains("김민서");

        // The pledge flow in Korean: city, area, action, details.
        resident.open("/ko/pledge").shot("pledge-city", "ko");
        resident.follow(By.cssSelector("a.choice[href*='city=" + city + "']")).shot("pledge-area", "ko");
        resident.follow(By.cssSelector("a.choice[href*='area=" + RunningSite.AREA + "']")).shot("pledge-action", "ko");
        resident.follow(By.cssSelector("a.choice[href*='action=" + RunningSite.ACTION + "']"));
        assertThat(resident.driver().getCurrentUrl()).contains("/ko/pledge/details");
        resident.shot("pledge-details", "ko");
        resident.find(By.id("quantity")).sendKeys("1200");
        // the page's script shows the estimate as the quantity is typed
        String typedEstimate = resident.until(driver -> {
            String shown = driver.findElement(By.id("estimate")).getText().trim();
            return shown.isEmpty() ? null : shown;
        }, "the estimate never followed the quantity typed");
        resident.follow(By.xpath("//button[@value='estimate' and normalize-space()='예상 감축량 보기']"));
        String estimate = resident.text(By.id("estimate"));
        assertThat(estimate).isEqualTo(typedEstimate).contains("tCO2e");
        assertThat(resident.find(By.id("quantity")).getDomProperty("value")).isEqualTo("1200");
        resident.shot("pledge-details-estimate", "ko");
        resident.find(By.cssSelector("label[for='stakeholder-0']")).click();

        // A second window shows the city's page, live.
        String pledgeWindow = resident.browser.openNewWindow(site.webUrl() + "/ko/cities/" + city);
        By pledged = By.cssSelector("[data-live='pledged']");
        String totalBefore = resident.text(pledged);
        JavascriptExecutor cityPage = (JavascriptExecutor) resident.driver();
        cityPage.executeScript("window.stillTheSamePage = true;");
        resident.shot("city", "ko");
        String cityWindow = resident.driver().getWindowHandle();
        resident.driver().switchTo().window(pledgeWindow);

        resident.follow(By.xpath("//button[@value='pledge' and normalize-space()='서약하기']"));
        assertThat(resident.driver().getCurrentUrl()).contains("/ko/me/pledges/").contains("?pledged");
        String pledgeId = resident.driver().getCurrentUrl().replaceAll(".*/me/pledges/([^?]+).*", "$1");
        String confirmation = resident.text(By.cssSelector(".confirmation"));
        assertThat(OnTheSite.tonnes(confirmation)).isEqualTo(OnTheSite.tonnes(estimate));
        resident.shot("confirmation", "ko");

        resident.driver().switchTo().window(cityWindow);
        String totalAfter = resident.until(driver -> {
            String shown = driver.findElement(pledged).getText().trim();
            return shown.equals(totalBefore) ? null : shown;
        }, "the city page's pledged total stayed " + totalBefore);
        assertThat(cityPage.executeScript("return window.stillTheSamePage === true")).as("the city page was not reloaded")
                .isEqualTo(true);
        assertThat(parse(totalAfter)).isGreaterThan(parse(totalBefore));
        resident.shot("city-updated-live", "ko");
        resident.driver().close();
        resident.driver().switchTo().window(pledgeWindow);

        // Progress, then withdrawal: the pledge's page says so.
        assertThat(resident.fact("상태")).isEqualTo("진행 중");
        WebElement achieved = resident.find(By.id("achievedQuantity"));
        achieved.clear();
        achieved.sendKeys("300");
        resident.follow(By.cssSelector("form[action$='/progress'] button[type=submit]"));
        assertThat(resident.text(By.cssSelector(".notice"))).isEqualTo("실천 현황이 저장되었습니다.");
        assertThat(resident.fact("지금까지 실천한 양")).startsWith("300");
        resident.shot("pledge-progress", "ko");
        resident.follow(By.cssSelector("form[action$='/withdrawal'] button[type=submit]"));
        assertThat(resident.text(By.cssSelector(".notice"))).isEqualTo("서약이 철회되었습니다.");
        assertThat(resident.fact("상태")).isEqualTo("철회");
        assertThat(resident.driver().findElements(By.id("achievedQuantity"))).isEmpty();
        resident.shot("pledge-withdrawn", "ko");

        // Their data: downloaded within the session, then erased.
        resident.open("/ko/me").shot("me", "ko");
        assertThat(resident.text(By.cssSelector(".cards"))).contains("철회");
        String download = resident.find(By.cssSelector("a[download][href$='/me/personal-data']")).getDomProperty("href");
        Map<String, Object> data = resident.fetch(download);
        assertThat(data).containsEntry("status", 200L);
        assertThat((String) data.get("type")).startsWith("application/json");
        assertThat((String) data.get("disposition")).contains("attachment").contains(".json");
        assertThat((String) data.get("body")).contains(pledgeId).contains(username);

        resident.follow(By.cssSelector("a[href$='/ko/me/erasure']")).shot("erasure", "ko");
        resident.follow(By.cssSelector("main form button[type=submit]"));
        assertThat(resident.text(By.cssSelector("main [role=status]"))).contains("1건");
        resident.shot("erased", "ko");
        resident.open("/ko/me");
        assertThat(resident.text(By.tagName("main"))).contains("아직 서약하지 않으셨습니다.");
        assertThat(resident.driver().findElements(By.cssSelector(".cards .card"))).isEmpty();
        resident.shot("me-empty", "ko");
    }

    @ParameterizedTest
    @EnumSource(ScreenSize.class)
    void theWholePledgeFlowWorksWithoutJavaScript(ScreenSize size) {
        OnTheSite resident = new OnTheSite(browsers.start(BrowserSettings.of(size).withoutJavaScript()), site, TEST);
        resident.signIn("en", size == ScreenSize.PHONE ? "minji" : "siti");
        String city = site.cityId();

        resident.open("/en/pledge").shot("pledge-city-no-js", "en");
        resident.follow(By.cssSelector("a.choice[href*='city=" + city + "']")).shot("pledge-area-no-js", "en");
        resident.follow(By.cssSelector("a.choice[href*='area=" + RunningSite.AREA + "']")).shot("pledge-action-no-js", "en");
        resident.follow(By.cssSelector("a.choice[href*='action=" + RunningSite.ACTION + "']")).shot("pledge-details-no-js", "en");
        resident.find(By.id("quantity")).sendKeys("800");
        assertThat(resident.driver().findElement(By.id("estimate")).getText()).as("no script shows an estimate").isEmpty();
        resident.follow(By.xpath("//button[@value='estimate' and normalize-space()='Show the estimate']"));
        String estimate = resident.text(By.id("estimate"));
        assertThat(estimate).startsWith("Estimated at ").contains("tCO2e");
        assertThat(resident.find(By.id("quantity")).getDomProperty("value")).isEqualTo("800");
        resident.shot("pledge-details-estimate-no-js", "en");
        resident.activate(resident.find(By.cssSelector("label[for='stakeholder-1']")));
        assertThat(resident.find(By.id("stakeholder-1")).isSelected()).isTrue();
        resident.follow(By.xpath("//button[@value='pledge' and normalize-space()='Pledge']"));

        assertThat(resident.driver().getCurrentUrl()).contains("/en/me/pledges/").contains("?pledged");
        assertThat(OnTheSite.tonnes(resident.text(By.cssSelector(".confirmation")))).isEqualTo(OnTheSite.tonnes(estimate));
        assertThat(resident.fact("Status")).isEqualTo("Active");
        resident.shot("confirmation-no-js", "en");
    }

    @ParameterizedTest
    @EnumSource(ScreenSize.class)
    void theWholePledgeFlowWorksByKeyboardAlone(ScreenSize size) {
        Browser browser = browsers.start(BrowserSettings.of(size));
        OnTheSite resident = new OnTheSite(browser, site, TEST);
        resident.signIn("en", size == ScreenSize.PHONE ? "maria" : "linh");
        String city = site.cityId();

        resident.open("/en/pledge");
        pressEnterOn(resident, By.cssSelector("a.choice[href*='city=" + city + "']"));
        pressEnterOn(resident, By.cssSelector("a.choice[href*='area=" + RunningSite.AREA + "']"));
        pressEnterOn(resident, By.cssSelector("a.choice[href*='action=" + RunningSite.ACTION + "']"));
        assertThat(resident.driver().getCurrentUrl()).contains("/en/pledge/details");

        browser.tabTo(By.id("quantity"), 40);
        browser.press("250");
        pressEnterOn(resident, By.cssSelector("button[value=estimate]"));
        String estimate = resident.text(By.id("estimate"));
        assertThat(estimate).contains("tCO2e");
        WebElement firstStakeholder = browser.tabTo(By.id("stakeholder-0"), 40);
        browser.press(Keys.SPACE);
        assertThat(firstStakeholder.isSelected()).isTrue();
        resident.shot("pledge-details-keyboard", "en");
        pressEnterOn(resident, By.cssSelector("button[value=pledge]"));

        assertThat(resident.driver().getCurrentUrl()).contains("/en/me/pledges/").contains("?pledged");
        assertThat(OnTheSite.tonnes(resident.text(By.cssSelector(".confirmation")))).isEqualTo(OnTheSite.tonnes(estimate));
        assertThat(resident.fact("Pledged")).startsWith("250");
        resident.shot("confirmation-keyboard", "en");
    }

    /** Tab until the focus is on the link or button, then Enter, as a keyboard user; waits for the next page. */
    private static void pressEnterOn(OnTheSite resident, By target) {
        WebElement page = resident.driver().findElement(By.tagName("html"));
        resident.browser.tabTo(target, 60);
        resident.browser.press(Keys.ENTER);
        resident.awaitNewPage(page);
    }

    private static double parse(String tonnes) {
        return Double.parseDouble(tonnes.replace(",", ""));
    }
}
