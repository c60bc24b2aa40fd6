package org.citypromise.benchmark;

import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.atomic.AtomicLong;

/**
 * (e) The service's heap in use, from its own metrics ({@code jvm.memory.used}, area heap) every 250 ms
 * while sampling is on (during (b) and (d)); keeps the highest. It reads what the JVM reports, garbage
 * not yet collected included: an upper bound of what the service needs.
 */
final class HeapSampler implements AutoCloseable {

    private static final String METRIC = "/actuator/metrics/jvm.memory.used?tag=area:heap";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ServiceProcess service;
    private final AtomicLong peakBytes = new AtomicLong();
    private final Thread thread;
    private volatile boolean sampling;

    HeapSampler(ServiceProcess service) {
        this.service = service;
        this.thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void sampling(boolean on) {
        sampling = on;
    }

    long peakBytes() {
        return peakBytes.get();
    }

    private void sample() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (sampling) {
                    service.get(METRIC).ifPresent(body -> peakBytes.accumulateAndGet(
                            (long) JSON.readTree(body).path("measurements").path(0).path("value").asDouble(), Math::max));
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException stopped) {
            // closed
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
