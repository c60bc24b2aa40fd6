package org.citypromise.benchmark;

import de.bwaldvogel.mongo.MongoServer;
import org.citypromise.local.StoreBackends;

import java.util.concurrent.CountDownLatch;

/** mongo-java-server's memory backend in a JVM of its own, as the benchmark's store: {@code host port}. */
public final class MemoryStore {

    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(StoreBackends.memory());
        server.bind(args[0], Integer.parseInt(args[1]));
        System.out.println("in-memory MongoDB-protocol store on " + args[0] + ":" + args[1]);
        new CountDownLatch(1).await();
    }

    private MemoryStore() {
    }
}
