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
 */
public final class StoreServer {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : ".local/data/store/citypromise.mv");
        String host = args.length > 1 ? args[1] : "127.0.0.1";
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 27017;
        Files.createDirectories(file.toAbsolutePath().getParent());

        H2Backend backend = StoreBackends.file(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        System.out.println("MongoDB-protocol store listening on mongodb://" + host + ":" + port + " (H2 file " + file + ")");

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
