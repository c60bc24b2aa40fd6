package org.citypromise.inventory.domain;

/** Another writer changed the same thing between our read and our write too many times in a row. */
public class ConcurrentChange extends RuntimeException {

    public ConcurrentChange(String id) {
        super(id + " is being changed concurrently, try again");
    }
}
