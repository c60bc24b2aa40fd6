package org.citypromise.web;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.citypromise.backbone.Backbone;
import org.citypromise.backbone.BackboneInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole site on a random port, with the real broker of the test backbone and the three services faked at
 * the edge (web owns none of them). One application context for every test class that extends this.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BackboneInitializer.class)
public abstract class SiteTestBase {

    protected static final FakeService AGGREGATION = new FakeService();
    protected static final FakeService INVENTORY = new FakeService();
    protected static final FakeService PLEDGES = new FakeService();
    protected static final FakeIdentityProvider IDENTITY = new FakeIdentityProvider();
    protected static final String SEOUL = FakeService.json("seoul-contributions.json");

    static {
        declareCityContributions();
        AGGREGATION.answerJson("/api/v1/cities/seoul/contributions", SEOUL)
                .answerJson("/api/v1/cities/contributions?page=0&size=50",
                        FakeService.json("cities-contributions.json").replace("SEOUL", SEOUL))
                .answer("/api/v1/contributions/global", "global.json")
                .answer("/api/v1/leaderboard?sortBy=GAP_COVERAGE&page=0&size=10", "leaderboard.json");
        INVENTORY.answer("/api/v1/cities/seoul/inventories/2022", "seoul-inventory-2022.json")
                .answer("/api/v1/cities/seoul/target", "seoul-target.json");
    }

    /** The topic as aggregation-service declares it (6 partitions), there before the site subscribes. */
    private static void declareCityContributions() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Backbone.get().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("city-contributions", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    protected int port;

    protected final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("citypromise.web.aggregation-url", AGGREGATION::url);
        registry.add("citypromise.web.inventory-url", INVENTORY::url);
        registry.add("citypromise.web.pledge-url", PLEDGES::url);
        registry.add("citypromise.web.live.heartbeat", () -> "1s");
        registry.add("citypromise.web.identity.issuer", IDENTITY::issuer);
    }

    protected HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
