package org.citypromise.pledge;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.citypromise.backbone.ActingUser;
import org.citypromise.backbone.BackboneInitializer;
import org.citypromise.backbone.TopicTail;
import org.citypromise.pledge.messaging.PledgeEvents;
import org.citypromise.pledge.store.KnownCities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * pledge-service on the real broker and the MongoDB protocol, as a client and a subscriber see it: an HTTP
 * client, the pledge-events topic read from its start, and inventory-service's announcements played in.
 */
// tests about other things pledge faster than a resident would: RateLimitIntegrationTest tests the limits
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "citypromise.rate-limits.pledge-writes-per-client-per-minute=100000",
        "citypromise.rate-limits.pledge-writes-per-address-per-minute=100000",
        "citypromise.cors.allowed-origins=https://app.citypromise.example"})
@ContextConfiguration(initializers = BackboneInitializer.class)
@Import(InventoryFeed.Topic.class)
abstract class PledgeServiceIntegrationTest {

    static TopicTail pledgeEvents;
    static InventoryFeed inventory;

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;
    @Autowired
    KnownCities knownCities;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApplicationContext context;

    RestTestClient http;

    @BeforeAll
    static void connect() {
        pledgeEvents = TopicTail.of(PledgeEvents.TOPIC);
        inventory = new InventoryFeed();
    }

    @AfterAll
    static void disconnect() {
        pledgeEvents.close();
        inventory.close();
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .requestInterceptor(new ActingUser()).build();
    }

    String registeredCity(String name) {
        return inventory.registeredCity(name, knownCities);
    }
}
