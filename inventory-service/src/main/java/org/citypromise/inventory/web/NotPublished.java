package org.citypromise.inventory.web;

/** A registered city has not published what was asked for (an inventory year, a target, factors). */
class NotPublished extends RuntimeException {

    NotPublished(String message) {
        super(message);
    }
}
