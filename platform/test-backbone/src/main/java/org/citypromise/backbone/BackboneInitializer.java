package org.citypromise.backbone;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.UUID;

/**
 * Points a Spring Boot test at the shared {@link Backbone}: the broker by the standard
 * {@code spring.kafka.bootstrap-servers}, the store by {@code spring.mongodb.uri}, with a database of
 * its own per application context so that test classes do not see each other's documents; and the
 * tests' token issuer ({@link Tokens}) as the identity provider.
 * Use with {@code @ContextConfiguration(initializers = BackboneInitializer.class)}.
 */
public class BackboneInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Backbone backbone = Backbone.get();
        String application = context.getEnvironment().getProperty("spring.application.name", "test");
        String database = application + "-" + UUID.randomUUID().toString().substring(0, 8);
        TestPropertyValues.of(
                "spring.kafka.bootstrap-servers=" + backbone.kafkaBootstrapServers(),
                "spring.mongodb.uri=" + backbone.mongoUri(database),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + Tokens.issuer().jwkSetUri()
        ).applyTo(context);
    }
}
