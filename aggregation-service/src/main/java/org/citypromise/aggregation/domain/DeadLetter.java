package org.citypromise.aggregation.domain;

/**
 * An event the views could not take, as an operator looks at it: why, where it came from, and what it
 * held (its body cut short).
 */
public record DeadLetter(long offset, String reason, String detail, String originTopic, Integer originPartition,
                         Long originOffset, String type, String id, String key, String failedAt, String body) {

    /** The same letter, with why it still cannot be read. */
    public DeadLetter because(String reason, String detail) {
        return new DeadLetter(offset, reason, detail, originTopic, originPartition, originOffset, type, id, key,
                failedAt, body);
    }

    /** What a re-drive of the dead letters did: how many it read, what became of those taken, which still fail. */
    public record Redrive(int read, java.util.Map<Outcome, Integer> outcomes, java.util.List<DeadLetter> stillPoison) {
    }
}
