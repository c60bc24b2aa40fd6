package org.citypromise.aggregation.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries the W3C trace context of the events (header {@code traceparent}, set by the producers from the
 * request that made the change) through the views to the aggregate events: a span per event taken into
 * a view, child of the event's; and the snapshot that publishes a city's view continues the trace of the
 * last event it shows. The batch listener sees hundreds of traces per poll, so Spring Kafka's per-record
 * observation does not apply; this does by hand what it would do.
 *
 * <p>A city's last trace is held in memory only: a snapshot published after a restart, or by another
 * instance than the one that took the event, starts a trace of its own. Traces are diagnostics; the
 * snapshot itself is never lost (see {@link ContributionSnapshots}).
 */
public class EventTraces {

    static final String TRACEPARENT = "traceparent";
    /**
     * One line per event and per snapshot, each with its trace id: too many for INFO under load, so a
     * logger of its own to switch on ({@code LOGGING_LEVEL_ORG_CITYPROMISE_AGGREGATION_TRACES=DEBUG}).
     */
    private static final Logger log = LoggerFactory.getLogger("org.citypromise.aggregation.traces");
    private static final Propagator.Getter<Headers> HEADERS = (headers, name) -> {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;
    /** Per city, the context of the span that last changed its view; at most one entry per city. */
    private final Map<String, TraceContext> lastByCity = new ConcurrentHashMap<>();

    public EventTraces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** An event taken into {@code cityId}'s view (or found already there): a span in the event's trace. */
    void taken(ConsumerRecord<String, byte[]> record, String cityId, String outcome) {
        if (record.headers().lastHeader(TRACEPARENT) == null) {
            return;
        }
        Span span = propagator.extract(record.headers(), HEADERS).kind(Span.Kind.CONSUMER)
                .name("view update").tag("city", cityId).tag("outcome", outcome).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            log.debug("{} {}: {}", cityId, outcome, ContributionEvents.describe(record));
            // the context itself: it becomes a header only if a snapshot of the city goes out from here
            lastByCity.put(cityId, span.context());
        } finally {
            span.end();
        }
    }

    /**
     * For a snapshot of {@code cityId}'s view about to be sent: a span continuing the trace of the city's
     * last traced event, if this instance knows one, whose context goes in the snapshot's {@code headers}.
     */
    void snapshot(String cityId, long version, Headers headers) {
        TraceContext last = lastByCity.remove(cityId);
        if (last == null) {
            return;
        }
        Span span = tracer.spanBuilder().setParent(last).kind(Span.Kind.PRODUCER)
                .name("city-contributions publish").tag("city", cityId).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            propagator.inject(span.context(), headers, (carrier, name, value) -> {
                carrier.remove(name);
                carrier.add(name, value.getBytes(StandardCharsets.UTF_8));
            });
            log.debug("Snapshot of {} at version {} continues trace {}", cityId, version, span.context().traceId());
        } finally {
            span.end();
        }
    }
}
