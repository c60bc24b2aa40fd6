package org.citypromise.inventory.web;

/** A request named a city that is not registered. */
class UnknownCity extends RuntimeException {

    final String cityId;

    UnknownCity(String cityId) {
        super("no city '" + cityId + "' is registered");
        this.cityId = cityId;
    }
}
