package org.citypromise.web.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The open streams are bounded: beyond the limits a page gets 503 and simply shows what it was rendered with. */
class LiveCityPagesTest {

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    @AfterEach
    void stop() {
        scheduler.shutdown();
    }

    @Test
    void streamsAreBoundedPerCityAndInAll() {
        scheduler.initialize();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LiveCityPages pages = new LiveCityPages(Duration.ofMinutes(1), 3, 2, Duration.ofHours(1), scheduler, meters);

        assertThat(pages.open("seoul").getStatusCode().value()).isEqualTo(200);
        assertThat(pages.open("seoul").getStatusCode().value()).isEqualTo(200);
        assertThat(pages.open("seoul").getStatusCode().value()).isEqualTo(503);
        assertThat(pages.open("hanoi").getStatusCode().value()).isEqualTo(200);
        assertThat(pages.open("jakarta").getStatusCode().value()).isEqualTo(503);
        assertThat(pages.openStreams()).isEqualTo(3);
        assertThat(meters.get("citypromise_web_live_streams").gauge().value()).isEqualTo(3.0);
    }
}
