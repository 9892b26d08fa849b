package io.emporium.shipping.shipment.model;

/** A shipment was asked to do something its status does not allow, e.g. to cancel a rejected shipment. */
public class IllegalShipmentTransition extends IllegalStateException {

    IllegalShipmentTransition(ShipmentId shipmentId, ShipmentStatus status, String action, ShipmentStatus required) {
        super("Shipment " + shipmentId + " is " + status + "; only a " + required + " shipment can be " + action);
    }
}
