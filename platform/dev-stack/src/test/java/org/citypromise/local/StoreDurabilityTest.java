package org.citypromise.local;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's store as its own process, killed with SIGKILL while clients write: every write it
 * acknowledged is there after a restart. Without {@link DurableCommits} the last second of them was gone.
 */
class StoreDurabilityTest {

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheStore() throws Exception {
        int port = freePort();
        ChildProcess store = startStore(port, "store-1");
        AtomicInteger acknowledged = new AtomicInteger();
        List<String> acknowledgedIds = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        try (MongoClient client = client(port)) {
            MongoCollection<Document> pledges = client.getDatabase("pledge").getCollection("pledges");
            for (int w = 0; w < 4; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int i = 0; ; i++) {
                        String id = writer + "-" + i;
                        // an insert and an update of it, as the services write a change and its outbox
                        pledges.insertOne(new Document("_id", id).append("version", 1));
                        pledges.updateOne(Filters.eq("_id", id), Updates.set("version", 2));
                        acknowledgedIds.add(id);
                        acknowledged.incrementAndGet();
                    }
                }));
            }
            while (acknowledged.get() < 600) {
                Thread.sleep(10);
            }
            store.kill(); // SIGKILL, mid-stream
            for (Future<?> writer : running) {
                try {
                    writer.get(30, TimeUnit.SECONDS);
                } catch (Exception expected) {
                    // the store is gone: the writers stop on their first unanswered write
                }
            }
        } finally {
            writers.shutdownNow();
        }
        List<String> expected = List.copyOf(acknowledgedIds);

        ChildProcess again = startStore(port, "store-2");
        try (MongoClient client = client(port)) {
            MongoCollection<Document> pledges = client.getDatabase("pledge").getCollection("pledges");
            List<String> missing = new ArrayList<>();
            List<String> notUpdated = new ArrayList<>();
            for (String id : expected) {
                Document pledge = pledges.find(Filters.eq("_id", id)).first();
                if (pledge == null) {
                    missing.add(id);
                } else if (pledge.getInteger("version") != 2) {
                    notUpdated.add(id);
                }
            }
            System.out.printf("[durability] %d pairs of writes acknowledged before SIGKILL; after restart: %d missing,"
                    + " %d without their update%n", expected.size(), missing.size(), notUpdated.size());
            assertThat(missing).as("acknowledged inserts lost").isEmpty();
            assertThat(notUpdated).as("acknowledged updates lost").isEmpty();
        } finally {
            again.stop(20);
        }
    }

    private ChildProcess startStore(int port, String name) throws Exception {
        ChildProcess store = new ChildProcess(name, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StoreServer.class.getName(),
                data.resolve("store.mv").toString(), "127.0.0.1", Integer.toString(port)),
                Map.of(), Path.of("target", "store-logs", name + ".log")).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!accepts(port)) {
            assertThat(System.nanoTime()).as("store up within 60 s:%n%s", store.tail(20)).isLessThan(deadline);
            Thread.sleep(100);
        }
        return store;
    }

    private static MongoClient client(int port) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.readTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
