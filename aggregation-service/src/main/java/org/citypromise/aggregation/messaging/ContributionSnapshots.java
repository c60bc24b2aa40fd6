package org.citypromise.aggregation.messaging;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.citypromise.aggregation.store.Publications;
import org.citypromise.aggregation.store.ViewGenerations;
import org.citypromise.kit.messaging.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes each changed city view to {@value AggregationTopics#CITY_CONTRIBUTIONS} (compacted, key =
 * city id) as a {@value AggregationTopics#CITY_CONTRIBUTION_UPDATED} snapshot whose {@code version} is
 * the view's revision led by its generation ({@link ViewGenerations#version}): it only grows, so
 * subscribers drop stale and repeated snapshots. A rebuilt generation has published nothing yet, so
 * the switch to it publishes every city anew.
 *
 * <p>Nothing is lost if the service dies between writing a view and publishing it: every view write
 * raises the view's revision in the same document write, and the revision published is recorded (in a
 * small document of its own, so that this costs no rewrite of the view) only after the broker has the
 * snapshot. Every {@code interval} (250 ms) the publisher sends the views whose revision is above the
 * one published, each once: under load a city is published at most once per interval, its changes in
 * between coalesced.
 *
 * <p>One instance publishes at a time, holding a lease in the store, so two instances never race to
 * send two revisions of a city out of order. An instance that takes the lease over forgets what was
 * published: whatever the previous holder sent last, the topic ends with each city's current snapshot.
 */
public class ContributionSnapshots implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ContributionSnapshots.class);
    private static final String LEASE = "city-contributions-publisher";
    public static final String SOURCE = "/citypromise/aggregation-service";

    private final ViewGenerations generations;
    private final MongoCollection<Document> leases;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration interval;
    private final Duration leaseTime;
    private final String instance = UUID.randomUUID().toString();
    private final Counter published;
    private volatile ScheduledExecutorService timer;
    private volatile boolean holding;
    private final EventTraces traces;

    public ContributionSnapshots(ViewGenerations generations, MongoCollection<Document> leases,
                                 KafkaTemplate<String, byte[]> kafka, JsonMapper json, Clock clock, Duration interval,
                                 Duration leaseTime, MeterRegistry meters, EventTraces traces) {
        this.traces = traces;
        this.generations = generations;
        this.leases = leases;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
        this.interval = interval;
        this.leaseTime = leaseTime;
        this.published = Counter.builder("citypromise.aggregation.snapshots.published")
                .description("City snapshots sent to city-contributions").register(meters);
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "city-contributions-publisher");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (holding) {
            // let another instance take over at once rather than when the lease runs out
            leases.deleteOne(Filters.and(Filters.eq("_id", LEASE), Filters.eq("holder", instance)));
            holding = false;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** Stops after the consumers (which stop at the default phase) so that their last views are published. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void tick() {
        try {
            if (lease()) {
                publishDirty();
            }
        } catch (RuntimeException e) {
            log.warn("Could not publish city snapshots this time, trying again in {} ms: {}", interval.toMillis(),
                    e.toString());
        }
    }

    /** Takes or renews the lease; true while this instance holds it. */
    boolean lease() {
        Instant now = clock.instant();
        boolean was = holding;
        try {
            leases.updateOne(Filters.and(Filters.eq("_id", LEASE),
                            Filters.or(Filters.eq("holder", instance), Filters.lt("until", Date.from(now)))),
                    Updates.combine(Updates.set("holder", instance), Updates.set("until", Date.from(now.plus(leaseTime)))),
                    new UpdateOptions().upsert(true));
            holding = true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            holding = false; // another instance holds it
        }
        if (holding && !was) {
            log.info("Publishing city snapshots from this instance ({}); sending every city's once", instance);
            generations.publications(generations.state().serving()).republishAll();
        } else if (!holding && was) {
            log.info("Another instance publishes city snapshots now");
        }
        return holding;
    }

    /** Sends the views changed since they were published, waits for the broker, then records them published. */
    int publishDirty() {
        int sent = 0;
        int generation = generations.state().serving();
        Publications store = generations.publications(generation);
        List<Publications.Revision> dirty;
        do {
            dirty = store.dirtyViews(500);
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (Publications.Revision revision : dirty) {
                acks.add(kafka.send(snapshot(generation, revision)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            store.published(dirty);
            sent += dirty.size();
            published.increment(dirty.size());
        } while (dirty.size() == 500);
        return sent;
    }

    ProducerRecord<String, byte[]> snapshot(int generation, Publications.Revision revision) {
        String cityId = revision.view().cityId();
        long version = ViewGenerations.version(generation, revision.rev());
        byte[] body = json.writeValueAsBytes(CityContributionUpdated.of(version, revision.view()));
        // the same snapshot sent twice (a publisher taking over) has the same id
        var event = CloudEventHeaders.event(cityId + "@" + version, SOURCE, AggregationTopics.CITY_CONTRIBUTION_UPDATED,
                "cities/" + cityId, clock.instant(), body);
        ProducerRecord<String, byte[]> record = CloudEventHeaders.record(AggregationTopics.CITY_CONTRIBUTIONS, cityId, event);
        traces.snapshot(cityId, version, record.headers());
        return record;
    }
}
