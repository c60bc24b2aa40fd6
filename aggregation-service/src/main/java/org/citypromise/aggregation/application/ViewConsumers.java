package org.citypromise.aggregation.application;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.citypromise.aggregation.messaging.AggregationTopics;
import org.citypromise.aggregation.messaging.ContributionEvents;
import org.citypromise.aggregation.messaging.DeadLetters;
import org.citypromise.aggregation.messaging.EventTraces;
import org.citypromise.aggregation.messaging.EventReader;
import org.citypromise.aggregation.store.ViewGenerations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the consumers of the views: one container per live generation (the serving one, and the one
 * being rebuilt), each in its own consumer group, reading {@value AggregationTopics#PLEDGE_EVENTS},
 * {@value AggregationTopics#INVENTORY_EVENTS} and the dead letters in batches. Every few seconds it
 * looks at which generations are live (another instance may have started a rebuild) and switches a
 * rebuild over once it has caught up: once its consumers are no further behind than the serving ones.
 *
 * <p>A batch the store or the broker fails to take is retried whole, after a pause that grows to
 * {@code retryMax}, without limit: an outage stalls the views and loses nothing. The pauses stay well
 * under {@code max.poll.interval.ms}, so the consumer keeps its partitions meanwhile.
 */
public class ViewConsumers implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ViewConsumers.class);

    private final ConsumerFactory<String, byte[]> consumers;
    private final EventTraces traces;
    private final ViewGenerations generations;
    private final EventReader reader;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final MeterRegistry meters;
    private final KafkaAdmin admin;
    private final int concurrency;
    private final Duration retryFirst;
    private final Duration retryMax;
    private final Map<Integer, ConcurrentMessageListenerContainer<String, byte[]>> running = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService watcher;

    public ViewConsumers(ConsumerFactory<String, byte[]> consumers, ViewGenerations generations, EventReader reader,
                  DeadLetters deadLetters, Clock clock, MeterRegistry meters, EventTraces traces, KafkaAdmin admin,
                  int concurrency, Duration retryFirst, Duration retryMax) {
        this.traces = traces;
        this.consumers = consumers;
        this.generations = generations;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.meters = meters;
        this.admin = admin;
        this.concurrency = concurrency;
        this.retryFirst = retryFirst;
        this.retryMax = retryMax;
    }

    @Override
    public synchronized void start() {
        reconcile();
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "view-generations");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("Could not check the view generations, trying again shortly: {}", e.toString());
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
        // each container finishes its batch and commits before it stops
        running.values().forEach(ConcurrentMessageListenerContainer::stop);
        running.clear();
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }

    /** Starts the consumers of the live generations, stops the others, and switches a caught-up rebuild over. */
    public synchronized void reconcile() {
        if (watcher == null && !running.isEmpty()) {
            return; // stopping
        }
        ViewGenerations.State state = generations.state();
        Set<Integer> live = state.building() == null ? Set.of(state.serving()) : Set.of(state.serving(), state.building());
        running.keySet().stream().filter(generation -> !live.contains(generation)).toList().forEach(generation -> {
            log.info("Generation {} no longer serves: stopping its consumers", generation);
            running.remove(generation).stop();
        });
        live.forEach(generation -> running.computeIfAbsent(generation, this::container));
        if (state.building() != null) {
            // Caught up: no further behind than the serving views, so readers never see older figures.
            long lag = lag(state.building());
            long servingLag = lag(state.serving());
            if (lag <= servingLag && generations.switchOver(state.building())) {
                log.info("Generation {} has caught up (lag {}, serving {}): it serves now, in place of generation {}",
                        state.building(), lag, servingLag, state.serving());
            } else {
                log.info("Rebuilding generation {}: {} records to go (the serving generation {} has {})",
                        state.building(), lag, state.serving(), servingLag);
            }
        }
    }

    private ConcurrentMessageListenerContainer<String, byte[]> container(int generation) {
        ContainerProperties properties = new ContainerProperties(AggregationTopics.PLEDGE_EVENTS,
                AggregationTopics.INVENTORY_EVENTS, AggregationTopics.DEAD_LETTERS);
        properties.setGroupId(generations.group(generation));
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setMessageListener(new ContributionEvents(reader, generations.store(generation),
                generations.checkpoints(generation), deadLetters, clock, meters, traces, generation));
        var container = new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setConcurrency(concurrency);
        ExponentialBackOff backOff = new ExponentialBackOff(retryFirst.toMillis(), 2.0);
        backOff.setMaxInterval(retryMax.toMillis());
        container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        container.setBeanName("views-g" + generation);
        container.start();
        log.info("Consuming into generation {} as group {}", generation, generations.group(generation));
        return container;
    }

    /** How many records of the source topics a generation's group has yet to take; unknown partitions count whole. */
    public long lag(int generation) {
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed = client
                    .listConsumerGroupOffsets(generations.group(generation))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            client.describeTopics(List.of(AggregationTopics.PLEDGE_EVENTS, AggregationTopics.INVENTORY_EVENTS))
                    .allTopicNames().get(10, TimeUnit.SECONDS)
                    .forEach((topic, description) -> description.partitions().forEach(partition ->
                            ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest =
                    client.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : latest.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("could not measure the lag of generation " + generation, e);
        }
    }

    /** The live generations and the partitions each instance's consumers hold. */
    @Override
    public Health health() {
        if (running.isEmpty()) {
            return Health.down().withDetail("consumers", "not running").build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (var entry : new TreeMap<>(running).entrySet()) {
            var container = entry.getValue();
            up &= container.isRunning();
            details.put("generation-" + entry.getKey(), Map.of("running", container.isRunning(),
                    "partitions", container.getAssignedPartitions() == null ? List.of()
                            : container.getAssignedPartitions().stream().map(TopicPartition::toString).sorted().toList()));
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
