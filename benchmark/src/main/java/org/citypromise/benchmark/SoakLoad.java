package org.citypromise.benchmark;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's traffic, over HTTP as clients send it: residents' pledges at a fixed rate into pledge-service,
 * and readers of aggregation-service's views (a city's contributions, three in four; the global roll-up)
 * at a rate of their own. Open loop: each request leaves at its scheduled time whatever the answers before
 * it took, so a slower server meets the same offered rate rather than a politely slower client. At most
 * {@link #MAX_PLEDGES_IN_FLIGHT} pledges are outstanding, each on a thread of a bounded pool (the project
 * builds for Java 17: no virtual threads); one that is due while all are is not sent, and counted as such,
 * rather than queued in the client where its wait would not show.
 */
final class SoakLoad implements AutoCloseable {

    static final int MAX_PLEDGES_IN_FLIGHT = 500;
    static final int MAX_READS_IN_FLIGHT = 100;
    private static final int RESIDENTS = 200;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** pledge-service learns a city from inventory-events: until then it answers 404, and a client retries. */
    private static final Duration CITY_UNKNOWN_FOR_AT_MOST = Duration.ofSeconds(120);
    /**
     * A 5xx, a 429 or no connection: retried with the same Idempotency-Key, which makes the retry safe. Not
     * a request that timed out: pledge-service may still be working through it, and under overload such
     * retries would multiply the offered rate until nothing is answered in time (seen on the first soaks).
     */
    private static final int ATTEMPTS = 3;
    private static final String PLEDGE_BODY =
            "{\"stakeholderType\":\"HOUSEHOLD\",\"actionCode\":\"COOKING_LPG_REDUCTION\",\"quantity\":120}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What one minute saw; outcomes are counted in the minute they arrive, latencies in ms. */
    record Minute(long sent, long unsent, long acknowledged, long failed, long[] pledgeMillis, long reads,
                  long readsUnsent, long readsFailed, long[] viewMillis) {

        /** The p-th percentile (nearest rank) of sorted figures; -1 when there are none. */
        static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return -1;
            }
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /** Counters of the minute under way; {@link #rollMinute()} swaps in a fresh one. */
    private static final class Counting {
        final LongAdder sent = new LongAdder();
        final LongAdder unsent = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder reads = new LongAdder();
        final LongAdder readsUnsent = new LongAdder();
        final LongAdder readsFailed = new LongAdder();
        final List<Long> pledgeMillis = new ArrayList<>();
        final List<Long> viewMillis = new ArrayList<>();

        synchronized void pledgeTook(long millis) {
            pledgeMillis.add(millis);
        }

        synchronized void viewTook(long millis) {
            viewMillis.add(millis);
        }

        synchronized Minute done() {
            return new Minute(sent.sum(), unsent.sum(), acknowledged.sum(), failed.sum(), sorted(pledgeMillis),
                    reads.sum(), readsUnsent.sum(), readsFailed.sum(), sorted(viewMillis));
        }

        private static long[] sorted(List<Long> millis) {
            long[] array = millis.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(array);
            return array;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    /** Never more threads than requests allowed in flight (the semaphores), so it never refuses a task. */
    private final ExecutorService requests = new ThreadPoolExecutor(0, MAX_PLEDGES_IN_FLIGHT + MAX_READS_IN_FLIGHT,
            60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "soak-request");
                thread.setDaemon(true);
                return thread;
            });
    private final Semaphore pledgesInFlight = new Semaphore(MAX_PLEDGES_IN_FLIGHT);
    private final Semaphore readsInFlight = new Semaphore(MAX_READS_IN_FLIGHT);
    private final AtomicReference<Counting> minute = new AtomicReference<>(new Counting());
    /** Every pledge acknowledged (201) since the start, the setup's included: what the views must count. */
    private final AtomicLong acknowledgedTotal = new AtomicLong();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong keys = new AtomicLong();
    private final String tokenUrl;
    private final String inventoryUrl;
    private final String pledgeUrl;
    private final String aggregationUrl;
    private final List<String> cities;
    private final List<String> residentTokens = new ArrayList<>();
    private final List<Thread> pacers = new ArrayList<>();
    private volatile boolean running = true;

    SoakLoad(String tokenUrl, String inventoryUrl, String pledgeUrl, String aggregationUrl, int cityCount) {
        this.tokenUrl = tokenUrl;
        this.inventoryUrl = inventoryUrl;
        this.pledgeUrl = pledgeUrl;
        this.aggregationUrl = aggregationUrl;
        this.cities = java.util.stream.IntStream.rangeClosed(1, cityCount).mapToObj(n -> "soak-city-" + n).toList();
    }

    List<String> cities() {
        return cities;
    }

    long acknowledgedTotal() {
        return acknowledgedTotal.get();
    }

    /** A development token from the stack's issuer, e.g. {@code role=monitoring}. */
    String token(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl + "?" + query))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token issuer answered " + response.statusCode() + " to " + query);
        }
        return response.body().trim();
    }

    /**
     * Registers the cities (as each one's officer) and makes one pledge in each, retried until pledge-service
     * has learned the city: once that pledge is taken the steady load meets no 404 of a city not yet known.
     */
    void prepare() throws IOException, InterruptedException {
        for (int i = 0; i < RESIDENTS; i++) {
            residentTokens.add(token("role=resident&sub=soak-resident-" + i));
        }
        for (int i = 0; i < cities.size(); i++) {
            String city = cities.get(i);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(inventoryUrl + "/api/v1/cities/" + city))
                    .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + token("role=city-officer&city=" + city))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Soak City " + (i + 1)
                            + "\",\"countryCode\":\"KR\",\"population\":" + (100_000 * (i + 1)) + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("PUT city " + city + " answered " + response.statusCode() + ": " + response.body());
            }
        }
        long deadline = System.nanoTime() + CITY_UNKNOWN_FOR_AT_MOST.toNanos();
        for (String city : cities) {
            String key = nextKey();
            while (true) {
                HttpResponse<String> response = postPledge(city, key);
                if (response.statusCode() == 201) {
                    acknowledgedTotal.incrementAndGet();
                    break;
                }
                if ((response.statusCode() != 404 && response.statusCode() != 422) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("first pledge in " + city + " answered " + response.statusCode()
                            + ": " + response.body());
                }
                Thread.sleep(500);
            }
        }
    }

    /** Starts both pacers; they run until {@link #close()}. */
    void start(int pledgesPerSecond, int readsPerSecond) {
        pacers.add(pacer("soak-pledges", () -> pace(pledgesPerSecond, this::pledgeDue)));
        pacers.add(pacer("soak-readers", () -> pace(readsPerSecond, this::readDue)));
    }

    private static Thread pacer(String name, Runnable pacing) {
        Thread thread = new Thread(pacing, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** What the minute that just ended saw; the next one starts counting now. */
    Minute rollMinute() {
        return minute.getAndSet(new Counting()).done();
    }

    /** aggregation-service's count of every pledge in every city, or -1 if it does not answer. */
    long pledgesInViews() {
        try {
            HttpResponse<String> response = get(aggregationUrl + "/api/v1/contributions/global");
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("pledgeCount").asLong(-1) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The i-th request of a schedule is due {@code i / rate} seconds after its start. A pacer that falls
     * behind (its own pause) sends what is overdue at once: the offered rate is kept on average.
     */
    private void pace(int perSecond, Runnable due) {
        long start = System.nanoTime();
        for (long i = 0; running; i++) {
            long at = start + i * 1_000_000_000L / perSecond;
            // parks rather than spins: on two CPUs a spinning pacer would take one from the services
            for (long wait; (wait = at - System.nanoTime()) > 0 && running; ) {
                LockSupport.parkNanos(wait);
            }
            if (running) {
                due.run();
            }
        }
    }

    private void pledgeDue() {
        Counting counting = minute.get();
        if (!pledgesInFlight.tryAcquire()) {
            counting.unsent.increment();
            return;
        }
        counting.sent.increment();
        String city = cities.get(ThreadLocalRandom.current().nextInt(cities.size()));
        String key = nextKey();
        requests.execute(() -> {
            try {
                pledge(city, key);
            } finally {
                pledgesInFlight.release();
            }
        });
    }

    private void pledge(String city, String key) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long sentAt = System.nanoTime();
            int status;
            try {
                status = postPledge(city, key).statusCode();
            } catch (HttpConnectTimeoutException notConnected) {
                status = -1;
            } catch (HttpTimeoutException timedOut) {
                status = -2;
            } catch (IOException noAnswer) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long millis = (System.nanoTime() - sentAt) / 1_000_000;
            Counting counting = minute.get();
            counting.pledgeTook(millis);
            if (status == 201) { // a retry's answer may be a replay (Idempotent-Replayed): still one pledge
                counting.acknowledged.increment();
                acknowledgedTotal.incrementAndGet();
                return;
            }
            boolean retriable = status == -1 || status == 429 || status >= 500;
            if (!retriable || attempt == ATTEMPTS || !running) {
                counting.failed.increment();
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500L * attempt));
        }
    }

    private HttpResponse<String> postPledge(String city, String key) throws IOException, InterruptedException {
        String token = residentTokens.get(ThreadLocalRandom.current().nextInt(residentTokens.size()));
        return http.send(HttpRequest.newBuilder(URI.create(pledgeUrl + "/api/v1/cities/" + city + "/pledges"))
                .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(PLEDGE_BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String nextKey() {
        return "soak-" + runId + "-" + keys.incrementAndGet();
    }

    private void readDue() {
        Counting counting = minute.get();
        if (!readsInFlight.tryAcquire()) {
            counting.readsUnsent.increment();
            return;
        }
        counting.reads.increment();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String path = random.nextInt(4) == 0 ? "/api/v1/contributions/global"
                : "/api/v1/cities/" + URLEncoder.encode(cities.get(random.nextInt(cities.size())), StandardCharsets.UTF_8)
                + "/contributions";
        requests.execute(() -> {
            try {
                long sentAt = System.nanoTime();
                int status;
                try {
                    status = get(aggregationUrl + path).statusCode();
                } catch (IOException noAnswer) {
                    status = -1;
                }
                Counting now = minute.get();
                now.viewTook((System.nanoTime() - sentAt) / 1_000_000);
                if (status != 200) { // every city has a view after its first pledge: a 404 is a failure too
                    now.readsFailed.increment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                readsInFlight.release();
            }
        });
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the pacers and waits (up to 30 s) for the requests in flight, so that their outcomes are counted. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread pacer : pacers) {
            pacer.join();
        }
        requests.shutdown();
        if (!requests.awaitTermination(30, TimeUnit.SECONDS)) {
            requests.shutdownNow();
        }
    }
}
