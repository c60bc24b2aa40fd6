package org.citypromise.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables that make a service's Kafka clients log in to a secured broker: the local
 * stack's {@code --kafka-sasl} and the system tests of SASL and TLS use the same ones.
 */
public final class KafkaClientEnvironment {

    private KafkaClientEnvironment() {
    }

    /**
     * What makes every Kafka client of every service (Spring Kafka's producers, consumers and KafkaAdmin,
     * the Stream binder's, which start from the same spring.kafka properties, and the services' own
     * AdminClients made from KafkaAdmin's) authenticate by SCRAM: standard Spring Boot properties only.
     */
    public static Map<String, String> scram(String user, String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", KafkaBroker.SCRAM_MECHANISM);
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", KafkaBroker.scramJaas(user, password));
        return environment;
    }

    /**
     * Added to {@link #scram}: TLS on top (SASL_SSL), trusting the broker's certificate from a
     * PKCS12 trust store. Boot hands spring.kafka.ssl.* to every client, the binder's included.
     */
    public static Map<String, String> tls(Path trustStore, String password) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", trustStore.toAbsolutePath().toUri().toString());
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", password);
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PKCS12");
        return environment;
    }
}
