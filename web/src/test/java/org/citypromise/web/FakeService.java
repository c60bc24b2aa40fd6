package org.citypromise.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One of the services at the edge, faked: a local HTTP server answering given paths with the service's real
 * JSON shapes (from src/test/resources/services), 404 problems elsewhere, or 503 while it is "down". It keeps
 * the requests' headers so that tests can see what the site sent.
 */
public final class FakeService implements AutoCloseable {

    /** A request as the service saw it. */
    public record Seen(String method, String path, String acceptLanguage, String authorization, String idempotencyKey,
                       String ifMatch, String body) {
    }

    /** An answer other than 200 with JSON: a status and a body of the given type. */
    private record Answer(int status, String type, String body) {
    }

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Answer> byMethod = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    public FakeService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code path} (with its query) with the JSON of a resource file, TODAY-n dates made real. */
    public FakeService answer(String pathAndQuery, String resource) {
        answers.put(pathAndQuery, json(resource));
        return this;
    }

    public FakeService answerJson(String pathAndQuery, String json) {
        answers.put(pathAndQuery, json);
        return this;
    }

    /** Answers {@code METHOD path} with this status and body (problem+json from 400 up), over any plain answer. */
    public FakeService answer(String method, String pathAndQuery, int status, String json) {
        byMethod.put(method + " " + pathAndQuery,
                new Answer(status, status >= 400 ? "application/problem+json" : "application/json", json));
        return this;
    }

    public void forget(String method, String pathAndQuery) {
        byMethod.remove(method + " " + pathAndQuery);
    }

    public void down(boolean down) {
        this.down = down;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public static String json(String resource) {
        try (InputStream in = FakeService.class.getResourceAsStream("/services/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource services/" + resource);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (int days = 0; days < 100; days++) {
                json = json.replace("\"TODAY-" + days + "\"", "\"" + today.minusDays(days) + "\"");
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        seen.add(new Seen(method, target, exchange.getRequestHeaders().getFirst("Accept-Language"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("If-Match"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        String body = answers.get(target);
        int status = 200;
        String type = "application/json";
        Answer given = byMethod.get(method + " " + target);
        if (given != null && !down) {
            body = given.body();
            status = given.status();
            type = given.type();
        } else if (down) {
            status = 503;
            body = "{\"title\":\"Service Unavailable\",\"status\":503}";
            type = "application/problem+json";
        } else if (body == null) {
            status = 404;
            body = "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"nothing at " + target + "\"}";
            type = "application/problem+json";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
