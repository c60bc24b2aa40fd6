package org.citypromise.web.web;

import org.citypromise.web.FakeService;
import org.citypromise.web.SiteTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The pledge flow and "my pledges" as a signed-in resident goes through them, against pledge-service faked at
 * the edge: what the site sends (the resident's token, the form's idempotency key, the version seen) and what
 * the resident reads back (the estimate, refusals next to their fields with what was typed, stale changes).
 */
@AutoConfigureMockMvc
class PledgeFlowTest extends SiteTestBase {

    private static final String PLEDGE = FakeService.json("my-pledge.json");
    private static final String PLEDGE_ID = "0b7c3a52-9d7e-4c53-a1d4-6a1f2e9c0d11";
    private static final String DETAILS = "/api/v1/cities/seoul/pledges";

    @Autowired
    MockMvc mvc;
    @Autowired
    ClientRegistrationRepository registrations;

    static {
        AGGREGATION.answerJson("/api/v1/cities/contributions?page=0&size=200",
                FakeService.json("cities-contributions.json").replace("SEOUL", SEOUL));
        PLEDGES.answer("/api/v1/actions", "actions.json");
    }

    @BeforeEach
    void pledgeServiceAnswersAsUsual() {
        PLEDGES.answer("POST", DETAILS, 201, PLEDGE);
        PLEDGES.answerJson("/api/v1/pledges/" + PLEDGE_ID, PLEDGE);
    }

    private RequestPostProcessor resident() {
        return SecurityMockMvcRequestPostProcessors.oidcLogin()
                .clientRegistration(registrations.findByRegistrationId("citypromise"))
                .idToken(token -> token.subject("minji").claim("name", "Kim Min-ji"));
    }

    @Test
    void aVisitorChoosesTheCityThenTheAreaThenTheActionByPlainLinks() throws Exception {
        String cities = mvc.perform(MockMvcRequestBuilders.get("/en/pledge")).andReturn().getResponse().getContentAsString();
        assertThat(cities).contains("Which city do you live or work in?").contains("href=\"/en/pledge?city=seoul\"");

        String areas = mvc.perform(MockMvcRequestBuilders.get("/ko/pledge").param("city", "seoul")).andReturn().getResponse()
                .getContentAsString();
        assertThat(areas).contains("어떤 분야에서 실천하고 싶으신가요?")
                .contains("href=\"/ko/pledge?city=seoul&amp;area=ENERGY\"");

        String actions = mvc.perform(MockMvcRequestBuilders.get("/en/pledge").param("city", "seoul").param("area", "ENERGY")).andReturn()
                .getResponse().getContentAsString();
        assertThat(actions).contains("Cook with less LPG").contains("Lids on pots")
                .contains("href=\"/en/pledge/details?city=seoul&amp;action=COOKING_LPG_REDUCTION\"")
                .doesNotContain("Compost food waste");
    }

    @Test
    void theDetailsNeedASignedInResident() throws Exception {
        MvcResult anonymous = mvc.perform(MockMvcRequestBuilders.get("/en/pledge/details").param("city", "seoul")
                .param("action", "COOKING_LPG_REDUCTION")).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(302);
        assertThat(anonymous.getResponse().getRedirectedUrl()).contains("/oauth2/authorization/citypromise");
    }

    @Test
    void theEstimateShownIsPledgeServicesOwnAndEverythingTypedIsKept() throws Exception {
        int before = PLEDGES.seen().size();
        PLEDGES.answerJson("/api/v1/cities/seoul/pledge-estimate?actionCode=COOKING_LPG_REDUCTION&quantity=1500.5",
                "{\"cityId\":\"seoul\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":1500.5,\"unit\":\"kg/yr\","
                        + "\"estimatedTco2ePerYear\":4.478435}");
        String page = mvc.perform(post("/id/pledge/details").with(resident()).with(csrf())
                        .param("city", "seoul").param("action", "COOKING_LPG_REDUCTION").param("quantity", "1.500,5")
                        .param("stakeholderType", "HOUSEHOLD").param("displayName", "Budi").param("consent", "true")
                        .param("idempotencyKey", "key-1").param("intent", "estimate"))
                .andReturn().getResponse().getContentAsString();

        // Indonesian writes one thousand five hundred and a half as 1.500,5; the estimate comes back in its numbers
        assertThat(page).contains("Diperkirakan menghindari 4,5 tCO2e per tahun.")
                .contains("value=\"1.500,5\"").contains("value=\"Budi\"").contains("value=\"key-1\"");
        assertThat(PLEDGES.seen().subList(before, PLEDGES.seen().size())).noneMatch(seen -> seen.method().equals("POST"));
    }

    @Test
    void aPledgeIsSentWithTheResidentsTokenAndTheFormsKeyAndConfirmedWithItsImpact() throws Exception {
        MvcResult sent = mvc.perform(post("/ko/pledge/details").with(resident()).with(csrf())
                .param("city", "seoul").param("action", "COOKING_LPG_REDUCTION").param("quantity", "120")
                .param("stakeholderType", "HOUSEHOLD").param("targetDate", "2027-12-31")
                .param("idempotencyKey", "5b0e7c1a-form-key").param("intent", "pledge")).andReturn();

        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/ko/me/pledges/" + PLEDGE_ID + "?pledged");
        FakeService.Seen posted = lastPost(DETAILS);
        assertThat(posted.authorization()).startsWith("Bearer ");
        assertThat(posted.idempotencyKey()).isEqualTo("5b0e7c1a-form-key");
        assertThat(posted.acceptLanguage()).isEqualTo("ko");
        assertThat(posted.body()).contains("\"quantity\":120").contains("\"stakeholderType\":\"HOUSEHOLD\"")
                .contains("\"targetDate\":\"2027-12-31\"");

        String confirmation = mvc.perform(MockMvcRequestBuilders.get("/ko/me/pledges/" + PLEDGE_ID).param("pledged", "")
                .with(resident())).andReturn().getResponse().getContentAsString();
        assertThat(confirmation).contains("감사합니다. 서약이 접수되었습니다")
                .contains("1년에 약 0.358 tCO2e를 줄일 것으로 예상됩니다.")
                .contains("href=\"/ko/cities/seoul\">Seoul</a>");
    }

    @Test
    void aRefusalIsShownNextToItsFieldInTheResidentsLanguageWithWhatWasTyped() throws Exception {
        PLEDGES.answer("POST", DETAILS, 422, "{\"type\":\"about:blank\",\"title\":\"Không xử lý được\",\"status\":422,"
                + "\"detail\":\"quantity: tối đa 2000\",\"errors\":[{\"field\":\"quantity\",\"reason\":\"tối đa 2000\"}]}");
        String page = mvc.perform(post("/vi/pledge/details").with(resident()).with(csrf())
                        .param("city", "seoul").param("action", "COOKING_LPG_REDUCTION").param("quantity", "9999")
                        .param("stakeholderType", "BUSINESS").param("contact", "an@example.vn").param("consent", "true")
                        .param("idempotencyKey", "key-2").param("intent", "pledge"))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Có vấn đề cần sửa").contains("<a href=\"#quantity\">tối đa 2000</a>")
                .contains("id=\"quantity-error\">tối đa 2000</p>")
                .contains("value=\"9999\"").contains("value=\"an@example.vn\"").contains("value=\"key-2\"")
                .contains("aria-invalid=\"true\"");
    }

    @Test
    void personalDetailsWithoutConsentAreAnsweredOnThePageAndNothingIsSent() throws Exception {
        int before = PLEDGES.seen().size();
        String page = mvc.perform(post("/en/pledge/details").with(resident()).with(csrf())
                        .param("city", "seoul").param("action", "COOKING_LPG_REDUCTION").param("quantity", "12")
                        .param("stakeholderType", "INDIVIDUAL").param("displayName", "Ana")
                        .param("idempotencyKey", "key-3").param("intent", "pledge"))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Tick the box to agree, or leave your name and contact empty.").contains("value=\"Ana\"");
        assertThat(PLEDGES.seen().subList(before, PLEDGES.seen().size())).noneMatch(seen -> seen.method().equals("POST"));
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        int status = mvc.perform(post("/en/pledge/details").with(resident()).param("city", "seoul")
                .param("action", "COOKING_LPG_REDUCTION").param("quantity", "12").param("intent", "pledge"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
    }

    @Test
    void aStaleProgressReportSaysThePledgeChangedShowsItAsItIsNowAndKeepsWhatWasTyped() throws Exception {
        PLEDGES.answer("POST", "/api/v1/pledges/" + PLEDGE_ID + "/progress", 412,
                "{\"title\":\"Precondition Failed\",\"status\":412,\"errors\":[{\"field\":\"If-Match\",\"reason\":\"stale\"}]}");
        String page = mvc.perform(post("/en/me/pledges/" + PLEDGE_ID + "/progress").with(resident()).with(csrf())
                .param("version", "1").param("achievedQuantity", "80")).andReturn().getResponse().getContentAsString();

        assertThat(lastPost("/api/v1/pledges/" + PLEDGE_ID + "/progress").ifMatch()).isEqualTo("\"1\"");
        assertThat(page).contains("This pledge changed after you opened the page")
                .contains("name=\"achievedQuantity\"").contains("value=\"80\"");
    }

    @Test
    void myPledgesListsTheResidentsOwnAndErasureSaysHowManyWereAnonymised() throws Exception {
        PLEDGES.answerJson("/api/v1/me/pledges?page=0&size=20", "{\"items\":[" + PLEDGE + "],\"page\":0,\"size\":20,\"totalItems\":1}");
        String list = mvc.perform(MockMvcRequestBuilders.get("/fil/me").with(resident())).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Aking mga panata").contains("Cook with less LPG").contains("Aktibo")
                .contains("href=\"/fil/me/personal-data\"");

        PLEDGES.answer("DELETE", "/api/v1/me/personal-data", 200, "{\"pledgesAnonymised\":2}");
        String erased = mvc.perform(post("/en/me/erasure").with(resident()).with(csrf())).andReturn().getResponse()
                .getContentAsString();
        assertThat(erased).contains("2 pledges no longer carry your name, contact or account.");
    }

    @Test
    void downloadMyDataIsAJsonAttachmentOfWhatPledgeServiceHolds() throws Exception {
        PLEDGES.answerJson("/api/v1/me/personal-data", "{\"subject\":\"minji\",\"pledges\":[" + PLEDGE + "]}");
        MvcResult download = mvc.perform(MockMvcRequestBuilders.get("/en/me/personal-data").with(resident())).andReturn();
        assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment")
                .contains("citypromise-my-data.json");
        assertThat(download.getResponse().getContentAsString()).contains("\"subject\":\"minji\"").contains("kim@example.org");
    }

    private static FakeService.Seen lastPost(String path) {
        List<FakeService.Seen> posts = PLEDGES.seen().stream()
                .filter(seen -> seen.method().equals("POST") && seen.path().equals(path)).toList();
        assertThat(posts).isNotEmpty();
        return posts.get(posts.size() - 1);
    }

    static String hidden(String page, String name) {
        Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        return matcher.find() ? matcher.group(1) : null;
    }
}
