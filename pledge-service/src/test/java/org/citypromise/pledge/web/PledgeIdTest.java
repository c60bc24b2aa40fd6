package org.citypromise.pledge.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A pledge has one address: its id as written, in either case; the other spellings UUID reads are refused. */
class PledgeIdTest {

    private static final String ID = "01bbe391-1547-43cf-8856-ab0b8f916f51";

    @ParameterizedTest
    @ValueSource(strings = {ID, "01BBE391-1547-43CF-8856-AB0B8F916F51"})
    void theIdAsWrittenNamesThePledge(String text) {
        assertThat(PledgeController.pledgeId(text)).isEqualTo(UUID.fromString(ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1bbe391-1547-43cf-8856-ab0b8f916f51", "+1bbe391-1547-43cf-8856-ab0b8f916f51",
            "1bbe391-01547-43cf-8856-ab0b8f916f51", "01bbe391-+547-43cf-8856-ab0b8f916f51", "1-1-1-1-1",
            "01bbe39101547043cf08856-ab0b8f916f51", "01bbe391154743cf8856ab0b8f916f51", " " + ID, ID + "0", ""})
    void otherSpellingsThatUuidWouldReadAreRefused(String text) {
        // (what java.util.UUID makes of them, the reason for the check: the same pledge, or another)
        assertThatIllegalArgumentException().isThrownBy(() -> PledgeController.pledgeId(text));
    }
}
