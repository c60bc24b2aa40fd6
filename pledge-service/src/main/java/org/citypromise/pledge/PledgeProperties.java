package org.citypromise.pledge;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * pledge-service's own settings ({@code citypromise.*}), one place for all of them; their defaults are in
 * {@code application.yml}, and each can be overridden the usual Spring way (e.g.
 * {@code CITYPROMISE_PARTICIPANTS_PSEUDONYM_KEY}).
 *
 * @param maxRequestBodyBytes the largest request body read; a larger one is refused with 413
 */
@ConfigurationProperties("citypromise")
public record PledgeProperties(Participants participants, RateLimits rateLimits, Cors cors, int maxRequestBodyBytes,
                               Pledges pledges, Kafka kafka) {

    public PledgeProperties {
        // no origins by default: an empty list in application.yml binds to no group at all
        cors = cors == null ? new Cors(List.of()) : cors;
    }

    /**
     * The key of the participants' pseudonyms and the keys it replaced (see {@code application.Pseudonyms}).
     *
     * @param previousPseudonymKeys by key id, e.g. {@code CITYPROMISE_PARTICIPANTS_PREVIOUS_PSEUDONYM_KEYS_DEV1}
     */
    public record Participants(String pseudonymKeyId, String pseudonymKey, Map<String, String> previousPseudonymKeys) {
        public Participants {
            previousPseudonymKeys = previousPseudonymKeys == null ? Map.of() : Map.copyOf(previousPseudonymKeys);
        }
    }

    /** Pledge writes (submissions, progress, withdrawals) allowed a minute, per client and per IP address. */
    public record RateLimits(int pledgeWritesPerClientPerMinute, int pledgeWritesPerAddressPerMinute) {
    }

    /** @param allowedOrigins the browser origins that may call the API; none by default */
    public record Cors(List<String> allowedOrigins) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    /** @param lapseInterval how often overdue pledges are looked for and lapsed */
    public record Pledges(Duration lapseInterval) {
    }

    /**
     * @param partitions     of the topic this service declares (pledge-events)
     * @param replicas       of the topic this service declares
     * @param awaitTopicsFor how long the start waits for the topics it consumes before it fails
     */
    public record Kafka(int partitions, short replicas, Duration awaitTopicsFor) {
    }
}
