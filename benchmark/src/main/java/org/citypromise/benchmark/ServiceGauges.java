package org.citypromise.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the soak watches grow: each service's heap, live threads and open files from its own actuator
 * metrics (the endpoint wants a token with the role monitoring), and how far aggregation-service's
 * consumers are behind pledge-events by Kafka's reckoning.
 */
final class ServiceGauges implements AutoCloseable {

    /**
     * One service at one moment; -1 where it could not be read. Heap in use is a saw-tooth: its level after a
     * full collection is what a leak raises, so three figures, best first: {@code afterFullGcBytes}, heap in
     * use just after a full collection the soak asks for ({@code jcmd <pid> GC.run}: a pause of some tens of
     * ms a minute, the price of a figure that does not depend on when the collector chose to run);
     * {@code liveBytes}, the heap left by the service's own last major collection ({@code
     * jvm.gc.live.data.size}; 0 before the first, and an idle service may go a whole soak without one); and
     * {@code heapUsedBytes}, the lowest heap in use ({@code jvm.memory.used}, area heap) of the readings every
     * {@link #HEAP_READINGS_EVERY} since the last gauge: the saw-tooth's floor, which garbage promoted but
     * not yet collected still raises.
     */
    record Gauge(long afterFullGcBytes, long liveBytes, long heapUsedBytes, long threads, long openFiles) {
        static final Gauge UNKNOWN = new Gauge(-1, -1, -1, -1, -1);
    }

    /** aggregation-service's groups are {@code aggregation-service-g<generation>} (ViewGenerations). */
    private static final Pattern VIEW_GROUP = Pattern.compile("aggregation-service-g(\\d+)");
    private static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    private static final String HEAP_IN_USE = "jvm.memory.used?tag=area:heap";
    private static final String PLEDGE_TOPIC = "pledge-events";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Duration HEAP_READINGS_EVERY = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String monitoringToken;
    private final Admin kafka;
    private final List<String> serviceUrls;
    /** Per service URL: the lowest heap in use read since its last gauge. */
    private final Map<String, AtomicLong> lowestHeap = new ConcurrentHashMap<>();
    private final Thread heapReader;

    ServiceGauges(String monitoringToken, String bootstrapServers, List<String> serviceUrls) {
        this.monitoringToken = monitoringToken;
        this.serviceUrls = List.copyOf(serviceUrls);
        this.kafka = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", 10_000,
                "default.api.timeout.ms", 15_000));
        serviceUrls.forEach(url -> lowestHeap.put(url, new AtomicLong(Long.MAX_VALUE)));
        heapReader = new Thread(this::readHeaps, "soak-heap-reader");
        heapReader.setDaemon(true);
        heapReader.start();
    }

    private void readHeaps() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (String url : serviceUrls) {
                    try {
                        long used = metric(url, HEAP_IN_USE);
                        lowestHeap.get(url).accumulateAndGet(used, Math::min);
                    } catch (IOException | RuntimeException notAnswering) {
                        // that reading is missing; the gauge takes the others
                    }
                }
                Thread.sleep(HEAP_READINGS_EVERY.toMillis());
            }
        } catch (InterruptedException closed) {
            // done
        }
    }

    /** {@code pid}: the service's process, for the full collection; -1 if it was not found. */
    Gauge of(String serviceUrl, long pid) {
        try {
            long lowest = Math.min(lowestHeap.get(serviceUrl).getAndSet(Long.MAX_VALUE), metric(serviceUrl, HEAP_IN_USE));
            long live = metric(serviceUrl, "jvm.gc.live.data.size");
            long afterFullGc = pid > 0 && fullGc(pid) ? metric(serviceUrl, HEAP_IN_USE) : -1;
            return new Gauge(afterFullGc, live, lowest, metric(serviceUrl, "jvm.threads.live"),
                    metric(serviceUrl, "process.files.open"));
        } catch (IOException | RuntimeException notAnswering) {
            return Gauge.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Gauge.UNKNOWN;
        }
    }

    /** {@code jcmd <pid> GC.run}: a full collection (System.gc()) in the service, done when jcmd returns. */
    private static boolean fullGc(long pid) throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder(JCMD, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return false;
            }
            return jcmd.exitValue() == 0;
        } catch (IOException noJcmd) {
            return false;
        }
    }

    private long metric(String serviceUrl, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/metrics/" + name))
                .header("Authorization", "Bearer " + monitoringToken).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + ": " + response.statusCode());
        }
        return (long) JSON.readTree(response.body()).path("measurements").path(0).path("value").asDouble();
    }

    /**
     * End offsets of pledge-events minus the serving view group's committed offsets (the newest generation's
     * group), or -1. The service commits a poll's offsets after it has stored the poll's views and their
     * checkpoints, so this is at most one poll above what the views lack; and a transactional producer's
     * commit markers take offsets too, so a caught-up group may still show a few.
     */
    long kafkaLag() {
        try {
            String group = kafka.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).filter(id -> VIEW_GROUP.matcher(id).matches())
                    .max(Comparator.comparingInt(ServiceGauges::generation)).orElse(null);
            if (group == null) {
                return -1;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            TopicDescription topic = kafka.describeTopics(List.of(PLEDGE_TOPIC)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(PLEDGE_TOPIC);
            Map<TopicPartition, OffsetSpec> latest = topic.partitions().stream().collect(Collectors.toMap(
                    partition -> new TopicPartition(PLEDGE_TOPIC, partition.partition()), partition -> OffsetSpec.latest()));
            return kafka.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .mapToLong(end -> {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        return end.getValue().offset() - (at == null ? 0 : at.offset());
                    }).sum();
        } catch (Exception notAnswering) {
            if (notAnswering instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    private static int generation(String group) {
        Matcher matcher = VIEW_GROUP.matcher(group);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    @Override
    public void close() {
        heapReader.interrupt();
        kafka.close(Duration.ofSeconds(5));
    }
}
