package org.citypromise.inventory;

import com.mongodb.client.MongoDatabase;
import org.citypromise.backbone.ActingUser;
import org.citypromise.backbone.BackboneInitializer;
import org.citypromise.backbone.TopicTail;
import org.citypromise.inventory.messaging.InventoryEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * inventory-service on the real broker and the MongoDB protocol, as a city officer and a subscriber see
 * it: an HTTP client and the inventory-events topic read from its start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BackboneInitializer.class)
abstract class InventoryServiceIntegrationTest {

    static TopicTail inventoryEvents;

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase database;

    RestTestClient http;

    @BeforeAll
    static void tailTopic() {
        inventoryEvents = TopicTail.of(InventoryEvents.TOPIC);
    }

    @AfterAll
    static void closeTail() {
        inventoryEvents.close();
    }

    @BeforeEach
    void client() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .requestInterceptor(new ActingUser()).build();
    }
}
