package org.citypromise.web.web;

import org.citypromise.web.SiteTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that is down makes a friendly 503 page in the visitor's language, never a stack trace. */
class ServiceOutageTest extends SiteTestBase {

    @AfterEach
    void servicesBackUp() {
        AGGREGATION.down(false);
        INVENTORY.down(false);
    }

    @Test
    void theHomePageSaysTheSiteIsUnavailableWhenTheViewsAreDown() {
        AGGREGATION.down(true);

        HttpResponse<String> home = get("/id/");

        assertThat(home.statusCode()).isEqualTo(503);
        assertThat(home.headers().firstValue("Retry-After")).isPresent();
        assertThat(home.body()).contains("<html lang=\"id\"")
                .contains("Maaf, halaman ini sedang tidak tersedia")
                .doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aCityPageToo() {
        INVENTORY.down(true);

        HttpResponse<String> seoul = get("/ko/cities/seoul");

        assertThat(seoul.statusCode()).isEqualTo(503);
        assertThat(seoul.body()).contains("지금은 이 페이지를 이용할 수 없습니다");
    }
}
