package org.citypromise.inventory.domain;

/** What a write of something versioned did: created it, changed it, or found it already as sent. */
public enum Outcome { CREATED, UPDATED, UNCHANGED }
