package org.citypromise.backbone;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.citypromise.backbone.HostileRequests.Request;
import org.citypromise.backbone.HostileRequests.Summary;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One service's fuzz test run (see {@link HostileRequests}): its seed and the requests per endpoint, announced once;
 * each endpoint fuzzed with what it may change measured around it and its summary printed; and the check that
 * every summary is clean.
 */
public record FuzzRun(String service, long seed, int count) {

    /** Fuzz only the endpoints whose name contains this (-Dcitypromise.fuzz.endpoints=progress): a long hunt on one. */
    public static final String ENDPOINTS_PROPERTY = "citypromise.fuzz.endpoints";

    /** Concurrent senders per endpoint: 4 unless -Dcitypromise.fuzz.senders=... (more to hunt a race). */
    public static final String SENDERS_PROPERTY = "citypromise.fuzz.senders";

    /** The seed and count of this run ({@link HostileRequests#seed}, {@link HostileRequests#count}), printed. */
    public static FuzzRun start(String service) {
        long seed = HostileRequests.seed();
        int count = HostileRequests.count();
        System.out.println("FUZZ " + service + ": seed " + seed + " (-D" + HostileRequests.SEED_PROPERTY + "=" + seed
                + " repeats this run), " + count + " requests per endpoint");
        return new FuzzRun(service, seed, count);
    }

    /** What an endpoint's requests could change: measured before they are sent, it returns what records the change. */
    @FunctionalInterface
    public interface Effects {
        Change before() throws Exception;
    }

    /** Puts what changed since {@link Effects#before} in the summary's {@code stored} and {@code published}. */
    @FunctionalInterface
    public interface Change {
        void record(Summary summary) throws Exception;
    }

    /**
     * Sends {@link #count} requests of {@code generator} to {@code baseUrl}, waits {@code settle} (for an outbox
     * relay), records what changed and prints the summary with its failures. Null if {@link #ENDPOINTS_PROPERTY}
     * leaves the endpoint out.
     */
    public Summary endpoint(String endpoint, String baseUrl, Function<Random, Request> generator, Duration settle,
                            Effects effects) throws Exception {
        String only = System.getProperty(ENDPOINTS_PROPERTY, "");
        if (!only.isBlank() && !endpoint.contains(only.trim())) {
            System.out.println("FUZZ " + endpoint + ": left out (-D" + ENDPOINTS_PROPERTY + "=" + only + ")");
            return null;
        }
        Change change = effects.before();
        Summary summary = HostileRequests.run(endpoint, baseUrl, seed, count,
                Integer.getInteger(SENDERS_PROPERTY, 4), generator);
        TimeUnit.MILLISECONDS.sleep(settle.toMillis());
        change.record(summary);
        System.out.println(summary);
        summary.failures.forEach(failure -> System.out.println("  " + failure));
        return summary;
    }

    /**
     * Every summary clean: no failed check (every answer a problem+json naming what is wrong), no 5xx, all
     * {@link #count} requests answered, nothing stored and nothing published.
     */
    public void assertClean(List<Summary> summaries) {
        for (Summary summary : summaries) {
            if (summary == null) {
                continue; // left out
            }
            check(summary.failures.isEmpty(), summary, "failed checks " + summary.failures);
            check(summary.fiveHundreds() == 0, summary, summary.fiveHundreds() + " answers 5xx");
            check(summary.sent.get() == count, summary, summary.sent.get() + " answered, not " + count);
            check(summary.stored.values().stream().allMatch(delta -> delta == 0), summary, "stored " + summary.stored);
            check(summary.published.values().stream().allMatch(delta -> delta == 0), summary, "published " + summary.published);
        }
    }

    private static void check(boolean clean, Summary summary, String otherwise) {
        if (!clean) {
            throw new AssertionError("[" + summary + "] " + otherwise);
        }
    }

    /** Records ever written to {@code topic}: the sum of its partitions' end offsets. */
    public static long published(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Backbone.get().kafkaBootstrapServers()))) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }
}
