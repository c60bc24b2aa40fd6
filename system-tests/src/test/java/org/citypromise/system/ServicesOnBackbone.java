package org.citypromise.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class's own running system: the three services as built by the reactor, started once before its tests
 * on the test backbone's broker and store ({@link RunningSystem}), stopped after them.
 */
abstract class ServicesOnBackbone {

    static RunningSystem system;

    @BeforeAll
    static void startServices() {
        system = new RunningSystem().start();
    }

    @AfterAll
    static void stopServices() {
        if (system != null) {
            system.close();
            system = null;
        }
    }
}
