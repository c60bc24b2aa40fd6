package org.citypromise.web.web;

/** No pledge by that id that the signed-in resident may see: a 404 page in their language. */
class UnknownPledge extends RuntimeException {

    UnknownPledge(String id) {
        super("no pledge " + id + " of the signed-in resident");
    }
}
