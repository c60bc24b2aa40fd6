package org.citypromise.web.web;

/** No city by that id: the visitor gets a 404 page in their language. */
class UnknownCity extends RuntimeException {

    UnknownCity(String cityId) {
        super("no city " + cityId);
    }
}
