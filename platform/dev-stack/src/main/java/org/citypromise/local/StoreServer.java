package org.citypromise.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's MongoDB: mongo-java-server speaking the wire protocol, persisting to one H2 file.
 * It speaks as MongoDB 4.4 so that current drivers and {@code mongosh} accept it ({@link StoreBackends}).
 * A write is answered only once it is on disk ({@link DurableCommits}), so a hard kill loses nothing
 * acknowledged. Usage: {@code StoreServer <file> <host> <port>}.
 * <p>
 * Benchmark-only switch: {@code -D}{@value #DURABLE_PROPERTY}{@code =false} answers a write as soon as it is in
 * memory, leaving the commit to H2's own background commit (about once a second), as the store did before
 * {@link DurableCommits}: a killed store then loses up to a second of acknowledged writes. It exists only so that
 * {@code benchmark/intake} can show what durability costs; never run the local stack that way.
 */
public final class StoreServer {

    /** {@code false}: not durable, for benchmarks only (see above). Absent or anything else: durable. */
    public static final String DURABLE_PROPERTY = "citypromise.store.durable";

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : ".local/data/store/citypromise.mv");
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 27017;
        Files.createDirectories(file.toAbsolutePath().getParent());

        boolean durable = !"false".equalsIgnoreCase(System.getProperty(DURABLE_PROPERTY, "true").trim());
        H2Backend backend = StoreBackends.file(file.toString(), durable);
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        System.out.println("MongoDB-protocol store listening on mongodb://" + host + ":" + port + " (H2 file " + file + ")"
                + (durable ? "" : "; NOT DURABLE (" + DURABLE_PROPERTY + "=false, benchmarks only): a write is answered"
                + " before it is on disk"));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Closing the backend commits and closes the H2 file, so a clean stop loses nothing.
            server.shutdownNow();
            backend.close();
            System.out.println("store closed");
            stopped.countDown();
        }, "store-shutdown"));
        stopped.await();
    }

    private StoreServer() {
    }
}
