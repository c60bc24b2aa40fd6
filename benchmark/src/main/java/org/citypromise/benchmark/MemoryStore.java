package org.citypromise.benchmark;

import de.bwaldvogel.mongo.MongoServer;
import org.citypromise.local.StoreBackends;

import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's store: mongo-java-server with the local stack's in-memory backend
 * ({@link StoreBackends#memory()}), in a JVM of its own so that its CPU and heap are not the
 * benchmark's. The local stack's {@code StoreServer} only persists to H2, whose file writes would be
 * measured too; the memory backend is the faster of the two. Usage: {@code MemoryStore <host> <port>}.
 */
public final class MemoryStore {

    static final String VERSION = version();
    static final String DESCRIPTION = "mongo-java-server " + VERSION + ", memory backend (StoreBackends.memory())";

    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(StoreBackends.memory());
        server.bind(args[0], Integer.parseInt(args[1]));
        System.out.println("MongoDB-protocol store in memory on " + args[0] + ":" + args[1]);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "store-shutdown"));
        new CountDownLatch(1).await();
    }

    /** The jar carries no version in its manifest; its file name in lib/ does. */
    private static String version() {
        String jar = MongoServer.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        return jar.replaceFirst(".*mongo-java-server-core-(.*)\\.jar$", "$1");
    }

    private MemoryStore() {
    }
}
