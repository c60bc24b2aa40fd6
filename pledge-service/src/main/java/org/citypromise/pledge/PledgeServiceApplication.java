package org.citypromise.pledge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * pledge-service: mobile and web clients post pledges here. It owns the pledges (and, later, the
 * participants' personal data, which never leaves it), publishes each change on pledge-events, and
 * learns the registered cities from inventory-events.
 */
@SpringBootApplication
@EnableScheduling
public class PledgeServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PledgeServiceApplication.class, args);
    }
}
