package org.citypromise.web.web;

import org.citypromise.backbone.EventContract;
import org.citypromise.backbone.TopicWriter;
import org.citypromise.web.SiteTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An open city page hears of a pledge landing: aggregation-service's snapshot on city-contributions (its own
 * example message, on a real broker) reaches the page's event stream as a {@code contribution} event.
 */
class LiveUpdatesTest extends SiteTestBase {

    private static final EventContract SNAPSHOT =
            EventContract.publishedBy("aggregation-service", "city-contribution-updated.v1");

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    LiveCityPages pages;

    @Test
    void aSnapshotOfTheCityReachesItsOpenPageAndAClosedPageIsForgotten() throws Exception {
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("city-contributions"), 6);
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/live/cities/seoul"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        EventContract.Example example = SNAPSHOT.examples().get(0);
        String event = null;
        boolean heartbeat = false;
        try (TopicWriter writer = TopicWriter.toBackbone()) {
            // "latest" starts where the partition ends once the consumer looks: write until one arrives
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (long version = 2_000_000_000_000L; event == null && System.nanoTime() < deadline; version++) {
                writer.write("city-contributions", snapshot(example, version, "4321.5"));
                String line;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (event == null && (line = lines.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                    heartbeat |= line.startsWith(":");
                    if (line.equals("event:contribution")) {
                        String field = lines.poll(5, TimeUnit.SECONDS);
                        while (field != null && !field.startsWith("data:")) {
                            field = lines.poll(5, TimeUnit.SECONDS);
                        }
                        event = field;
                    }
                }
            }
        }

        assertThat(event).startsWith("data:").contains("\"cityId\":\"seoul\"")
                .contains("\"pledgedTco2ePerYear\":4321.5").contains("\"participantCount\":2")
                .contains("\"gapCoveragePercent\":0.09");
        assertThat(heartbeat).as("the stream opened with a comment").isTrue();
        assertThat(pages.openStreams()).isEqualTo(1);

        stream.body().close();
        reader.interrupt();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pages.openStreams()).isZero());
    }

    @Test
    void aStreamForSomethingThatIsNoCityIsRefused() {
        HttpResponse<String> refused = get("/live/cities/..%2Fetc", "Accept", "text/event-stream");
        assertThat(refused.statusCode()).isIn(400, 404);
    }

    private static EventContract.Example snapshot(EventContract.Example example, long version, String pledged) {
        Map<String, String> headers = new HashMap<>(example.headers());
        headers.put("ce_id", "seoul@" + version);
        String data = example.data().replace("1000000000017", Long.toString(version))
                .replaceFirst("\"pledgedTco2ePerYear\"\\s*:\\s*12\\.98463", "\"pledgedTco2ePerYear\": " + pledged);
        return new EventContract.Example(example.name(), example.key(), headers, data);
    }
}
