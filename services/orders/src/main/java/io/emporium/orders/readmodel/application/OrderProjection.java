package io.emporium.orders.readmodel.application;

/** What keeps the read model up to date from the event store (a port), seen from the query side. */
public interface OrderProjection {

    /**
     * Empties the read model (and its quarantine) and rewinds the feed; the projection then rebuilds every order from
     * its events, asynchronously. Meanwhile an order asked for by its id is still found (from its events), but a
     * page of a customer's orders lists only those rebuilt so far.
     */
    void rebuild();
}
