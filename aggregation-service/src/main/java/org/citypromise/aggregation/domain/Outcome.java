package org.citypromise.aggregation.domain;

/** What became of an event offered to its city's view. */
public enum Outcome {
    /** The view took the event. */
    APPLIED,
    /** The view had taken this record already (redelivered at its offset, e.g. after a crash). */
    ALREADY_APPLIED,
    /** The view holds this version or a newer one (e.g. the outbox published it twice). */
    STALE,
    /** The event asks for what one atomic write cannot do (a pledge moving between cities). */
    REFUSED
}
