package org.citypromise.pledge.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a participant may tell about themselves with a pledge, for the city's officers to thank or reach
 * them: a name to show and a way to contact them, both optional. Personal data: it stays in
 * pledge-service, is shown only to the pledge's owner and its city's officers, never goes into an event,
 * and is erased on the owner's request.
 *
 * @param displayName how the participant wants to be named, e.g. "Kim's household"; null if not given
 * @param contact     an e-mail address or a phone number; null if not given
 */
public record PersonalDetails(String displayName, String contact) {

    public static final PersonalDetails NONE = new PersonalDetails(null, null);

    static final int MAX_DISPLAY_NAME = 80;
    static final int MAX_CONTACT = 254;
    /** Loose on purpose: the city writes to it, we only keep obvious garbage (and markup) out. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"']+@[^@\\s<>\"']+\\.[^@\\s<>\"']+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,24}");

    /** The details as given, blank ones dropped, each checked: problems go into {@code reasons}. */
    static PersonalDetails check(String displayName, String contact, List<PledgeRefused.Reason> reasons) {
        String name = displayName == null ? null : displayName.strip();
        String reach = contact == null ? null : contact.strip();
        if (displayName != null && (name.isEmpty() || name.length() > MAX_DISPLAY_NAME
                || !name.codePoints().allMatch(PersonalDetails::printable))) {
            reasons.add(new PledgeRefused.Reason("displayName", "reason.display-name", MAX_DISPLAY_NAME));
        }
        if (contact != null && (reach.length() > MAX_CONTACT
                || !(EMAIL.matcher(reach).matches() || PHONE.matcher(reach).matches()))) {
            reasons.add(new PledgeRefused.Reason("contact", "reason.contact"));
        }
        return new PersonalDetails(name, reach);
    }

    private static boolean printable(int codePoint) {
        // markup characters too: a name is shown in officers' tools, which should not have to be careful
        return !Character.isISOControl(codePoint) && codePoint != '<' && codePoint != '>'
                && Character.getType(codePoint) != Character.FORMAT;
    }

    public boolean isEmpty() {
        return displayName == null && contact == null;
    }
}
