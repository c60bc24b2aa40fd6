package org.citypromise.kit.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Holds a consuming service's start until the topics it reads exist. A topic is declared once, by the
 * service that produces to it (its partitions and retention with it); a consumer that subscribed first would
 * otherwise have the broker auto-create it with the broker's defaults, which the producer's declaration then
 * finds in place and leaves wrong. Runs before every other lifecycle bean (consumers, bindings, the web
 * server), so nothing subscribes early; gives up after its patience so that a supervisor restarts the service
 * and an operator reads why.
 */
public class AwaitedTopics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AwaitedTopics.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SAY_AGAIN = Duration.ofSeconds(10);

    private final Supplier<Admin> admins;
    private final Map<String, String> producerByTopic;
    private final Duration patience;
    private volatile boolean running;

    /**
     * @param admins          makes a Kafka admin client with the service's connection settings (SASL, TLS)
     * @param producerByTopic each awaited topic and the service that declares it, for the log
     * @param patience        how long to wait before the start fails
     */
    public AwaitedTopics(Supplier<Admin> admins, Map<String, String> producerByTopic, Duration patience) {
        this.admins = admins;
        this.producerByTopic = new TreeMap<>(producerByTopic);
        this.patience = patience;
    }

    /** Returns once every awaited topic exists; throws {@link IllegalStateException} naming the missing ones. */
    public void await() {
        long begin = System.nanoTime();
        long deadline = begin + patience.toNanos();
        long nextWord = begin;
        try (Admin admin = admins.get()) {
            while (true) {
                Set<String> missing = missing(admin);
                if (missing.isEmpty()) {
                    if (nextWord != begin) {
                        log.info("Topics {} exist now; starting to consume", producerByTopic.keySet());
                    }
                    return;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    throw new IllegalStateException("Gave up after " + patience.toSeconds() + " s waiting for "
                            + described(missing) + ": start the producing service, or create the topics as it declares them");
                }
                if (now - nextWord >= 0) {
                    log.info("Waiting for {} before consuming (at most {} s more)", described(missing),
                            TimeUnit.NANOSECONDS.toSeconds(deadline - now));
                    nextWord = now + SAY_AGAIN.toNanos();
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + producerByTopic.keySet(), e);
        }
    }

    private Set<String> missing(Admin admin) throws InterruptedException {
        try {
            Set<String> existing = admin.listTopics().names().get(POLL.toMillis() * 4, TimeUnit.MILLISECONDS);
            return producerByTopic.keySet().stream().filter(topic -> !existing.contains(topic))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (ExecutionException | TimeoutException e) {
            // the broker is not reachable yet: the same as not there, and said so in the next line of the log
            log.debug("Listing topics failed: {}", e.toString());
            return producerByTopic.keySet();
        }
    }

    private String described(Set<String> topics) {
        return topics.stream().map(topic -> "topic " + topic + " (declared by " + producerByTopic.get(topic) + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    public void start() {
        await();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First of all lifecycle beans: the binder's bindings, listener containers and the web server come later. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
