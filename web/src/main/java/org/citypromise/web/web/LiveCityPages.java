package org.citypromise.web.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.citypromise.web.domain.LiveNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open city pages' event streams, per city: each snapshot of a city goes to its pages as a
 * {@code contribution} event; an idle stream gets a comment every heartbeat so that proxies keep it open and
 * a closed tab is noticed. Streams are bounded per city and in all; a stream that fails, ends or times out
 * is removed (the browser's EventSource reconnects by itself).
 */
public class LiveCityPages implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveCityPages.class);

    /** What a page receives: the numbers it shows, as plain JSON numbers; the page formats them. */
    record Contribution(String cityId, long version, long pledgeCount, long participantCount,
                        java.math.BigDecimal pledgedTco2ePerYear, java.math.BigDecimal achievedTco2ePerYear,
                        java.math.BigDecimal gapCoveragePercent) {
        static Contribution of(LiveNumbers numbers) {
            return new Contribution(numbers.cityId(), numbers.version(), numbers.pledgeCount(),
                    numbers.participantCount(), numbers.pledgedTco2ePerYear(), numbers.achievedTco2ePerYear(),
                    numbers.gapCoveragePercent());
        }
    }

    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean running;
    private final Duration timeout;
    private final int maxStreams;
    private final int maxPerCity;

    public LiveCityPages(Duration timeout, int maxStreams, int maxPerCity, Duration heartbeat,
                         TaskScheduler scheduler, MeterRegistry meters) {
        this.timeout = timeout;
        this.maxStreams = maxStreams;
        this.maxPerCity = maxPerCity;
        scheduler.scheduleAtFixedRate(this::heartbeat, heartbeat);
        Gauge.builder("citypromise_web_live_streams", open, AtomicInteger::get)
                .description("City pages open with live updates on this instance").register(meters);
    }

    /** A new stream for a city's page, or 503 when this instance holds as many as it may. */
    ResponseEntity<SseEmitter> open(String cityId) {
        Set<SseEmitter> city = streams.computeIfAbsent(cityId, id -> ConcurrentHashMap.newKeySet());
        if (open.incrementAndGet() > maxStreams || city.size() >= maxPerCity) {
            open.decrementAndGet();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "60").build();
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        city.add(emitter);
        Runnable remove = () -> {
            if (city.remove(emitter)) {
                open.decrementAndGet();
            }
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(failure -> remove.run());
        try {
            // a first comment commits the response, so the browser knows the stream is open
            emitter.send(SseEmitter.event().comment("open"));
        } catch (IOException gone) {
            remove.run();
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-store").header("X-Accel-Buffering", "no").body(emitter);
    }

    /** Sends a city's new numbers to each of its open pages. */
    public void publish(LiveNumbers numbers) {
        Set<SseEmitter> city = streams.get(numbers.cityId());
        if (city == null || city.isEmpty()) {
            return;
        }
        SseEmitter.SseEventBuilder event = SseEmitter.event().name("contribution")
                .id(Long.toString(numbers.version())).data(Contribution.of(numbers), MediaType.APPLICATION_JSON);
        for (SseEmitter emitter : city) {
            send(city, emitter, event);
        }
    }

    int openStreams() {
        return open.get();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the server's graceful shutdown, which would otherwise wait its whole
     * timeout for them: the browsers reconnect, to another instance or to this one restarted.
     */
    @Override
    public void stop() {
        running = false;
        streams.values().forEach(city -> city.forEach(SseEmitter::complete));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void heartbeat() {
        streams.forEach((cityId, city) -> {
            for (SseEmitter emitter : city) {
                send(city, emitter, SseEmitter.event().comment("heartbeat"));
            }
        });
        streams.entrySet().removeIf(entry -> entry.getValue().isEmpty());
    }

    private void send(Set<SseEmitter> city, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            // the tab is closed: this stream is done (completing it runs the clean-up)
            log.debug("live stream closed: {}", gone.getMessage());
            if (city.remove(emitter)) {
                open.decrementAndGet();
            }
            emitter.completeWithError(gone);
        }
    }
}
