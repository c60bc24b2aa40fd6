package org.citypromise.backbone;

import org.citypromise.backbone.HostileRequests.Request;
import org.citypromise.backbone.HostileRequests.Summary;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.citypromise.backbone.HostileRequests.JSON;

/**
 * Sends the hostile requests over real HTTP/1.1 by a few concurrent senders and checks every answer: no 5xx, no
 * success that was not allowed, an RFC 9457 problem whose status is the HTTP status, naming what is wrong.
 */
public final class HostileSender {

    private HostileSender() {
    }

    /**
     * Makes {@code count} requests with {@code generator} (from one Random of {@code seed}, so a seed repeats the
     * same requests) and sends them with {@code senders} threads; checks every answer.
     */
    public static Summary run(String endpoint, String baseUrl, long seed, int count, int senders,
                       Function<Random, Request> generator) throws InterruptedException {
        Random random = new Random(seed ^ endpoint.hashCode());
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(generator.apply(random));
        }
        Summary summary = new Summary(endpoint, seed);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        for (int s = 0; s < senders; s++) {
            pool.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    send(client, baseUrl, requests.get(i), summary);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException(endpoint + ": the fuzz did not finish in 5 minutes");
        }
        summary.millis = (System.nanoTime() - start) / 1_000_000;
        return summary;
    }

    private static void send(HttpClient client, String baseUrl, Request request, Summary summary) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path)).timeout(Duration.ofSeconds(60));
            request.headers.forEach((name, value) -> {
                if (!value.isEmpty() || !name.equalsIgnoreCase("Content-Type")) {
                    builder.header(name, value);
                }
            });
        } catch (IllegalArgumentException notSendable) {
            summary.fail("the test made a request HttpClient cannot send: " + notSendable.getMessage(), request);
            return;
        }
        HttpRequest.BodyPublisher body = request.body == null ? HttpRequest.BodyPublishers.noBody()
                : request.chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body))
                : HttpRequest.BodyPublishers.ofByteArray(request.body);
        HttpResponse<byte[]> response;
        try {
            response = client.send(builder.method(request.method, body).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException stale) {
            // Once more, on a new connection: the client may have reused a kept-alive connection at the moment
            // the server closed it ("header parser received no bytes"). A server that does not answer fails twice.
            try {
                response = client.send(builder.method(request.method, body).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException e) {
                summary.ioErrors.incrementAndGet();
                summary.fail("no answer, twice: " + e, request);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        summary.sent.incrementAndGet();
        int status = response.statusCode();
        summary.statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        check(status, response.headers().firstValue("Content-Type").orElse(""), response.body(), request, summary);
    }

    private static void check(int status, String contentType, byte[] body, Request request, Summary summary) {
        if (status >= 500) {
            summary.fail(status + " " + new String(body, StandardCharsets.UTF_8), request);
            return;
        }
        if (status < 400 && request.allowedSuccess.contains(status)) {
            return; // the caller checks that it changed nothing
        }
        if (status < 400) {
            summary.fail(status + " accepted a hostile request: " + new String(body, StandardCharsets.UTF_8), request);
            return;
        }
        if (!contentType.startsWith("application/problem+json")) {
            summary.fail(status + " not a problem but '" + contentType + "': "
                    + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), request);
            return;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (RuntimeException e) {
            summary.fail(status + " problem is no JSON: " + new String(body, StandardCharsets.UTF_8), request);
            return;
        }
        if (problem.path("status").asInt() != status) {
            summary.fail(status + " problem's status is " + problem.path("status"), request);
            return;
        }
        if ((status == 400 || status == 422) && problem.path("errors").path(0).path("field").asString("").isEmpty()
                && problem.path("detail").asString("").isBlank()) {
            summary.fail(status + " problem names nothing: " + problem, request);
        }
    }
}
