package org.citypromise.web.web;

import org.citypromise.web.SiteTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * Who reads the site's metrics: a Prometheus on the same machine, or one elsewhere (a cluster's) with a bearer
 * token of the monitoring role; health is for anyone; a resident's token is not enough.
 */
@AutoConfigureMockMvc
class MonitoringAccessTest extends SiteTestBase {

    @Autowired
    MockMvc mvc;

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private int status(RequestPostProcessor... processors) throws Exception {
        var request = MockMvcRequestBuilders.get("/actuator/prometheus");
        for (RequestPostProcessor processor : processors) {
            request = request.with(processor);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    @Test
    void aPrometheusElsewhereNeedsAMonitoringToken() throws Exception {
        assertThat(status(from("10.1.2.3"))).isEqualTo(401);
        assertThat(status(from("10.1.2.3"), jwt().authorities(new SimpleGrantedAuthority("ROLE_resident")))).isEqualTo(403);
        assertThat(status(from("10.1.2.3"), jwt().authorities(new SimpleGrantedAuthority("ROLE_monitoring")))).isEqualTo(200);
    }

    @Test
    void thisMachineAndTheProbesNeedNone() throws Exception {
        assertThat(status(from("127.0.0.1"))).isEqualTo(200);
        int health = mvc.perform(MockMvcRequestBuilders.get("/actuator/health").with(from("10.1.2.3"))).andReturn()
                .getResponse().getStatus();
        assertThat(health).isEqualTo(200);
    }

    @Test
    void aScrapeGetsNoSessionCookie() throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.get("/actuator/prometheus").with(from("127.0.0.1")))
                .andReturn().getResponse();
        assertThat(response.getHeader("Set-Cookie")).isNull();
    }
}
